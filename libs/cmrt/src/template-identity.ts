import { familyFromLanguageCount, familyFromSelector, familyFromSheets, familyFromTitle, type TemplateFamily } from './cmrt-template';
import { cellText } from './cmrt-values';
import { canonicalVersion, readVersionCell, versionFromRevisionCell, type VersionCellReading } from './cmrt-version';
import type { ReaderFindings } from './reader-findings';
import type { SheetReader } from './sheet-reader';
import type { CellValue, SheetCells } from './xlsx/sheet-cells';
import type { XlsxWorkbook } from './xlsx/xlsx-workbook';

/**
 * Which template a workbook is and which version, from what the workbook itself says. The family
 * comes from the Declaration's title (D2), else the sheet set (Mine List, Minerals Scope), else
 * the mineral selector in Declaration row 12, else the Revision sheet's title, else the width of
 * the hidden language table. The version comes from Declaration!J3; when J3 is blank, from the
 * Revision sheet or the revision stamp repeated on the lists. A J3 that holds text without a
 * readable revision is reported, never replaced by a guess from the Revision sheet (whose last
 * row is the change log, not this file's version).
 */
export const TITLE_CELL = 'D2';
export const REVISION_CELL = 'J3';
const SELECTOR_CELL = 'D12';
const REVISION_SHEET = 'Revision';
const REVISION_TITLE_CELL = 'B3';
const REVISION_NUMBER_COLUMN = 2;
const LANGUAGE_SHEET = 'L';
const FIRST_LANGUAGE_COLUMN = 4; // L!D1

export interface TemplateIdentity {
  family: TemplateFamily;
  /** false: nothing in the workbook names its family; it is read as a CMRT because it has a Declaration sheet. */
  confirmed: boolean;
  /** What Declaration!J3 says. */
  versionCell: VersionCellReading;
  /** The Revision sheet's last revision, consulted only when J3 is blank. */
  revisionSheet?: { version: string; cell: string };
}

export function identifyTemplate(workbook: XlsxWorkbook, declaration: SheetReader): TemplateIdentity {
  let family =
    familyFromTitle(cellText(declaration.value(TITLE_CELL, 'templateVersion'))) ??
    familyFromSheets(workbook.sheetNames) ??
    familyFromSelector(cellText(declaration.peek(SELECTOR_CELL)));
  const versionCell = readVersionCell(declaration.value(REVISION_CELL, 'templateVersion'));

  let revisionSheet: TemplateIdentity['revisionSheet'];
  if ((family === undefined || versionCell.kind === 'blank') && workbook.findSheet(REVISION_SHEET)) {
    const revision = workbook.readSheets([{ name: REVISION_SHEET, range: { lastColumn: REVISION_NUMBER_COLUMN } }]).get(REVISION_SHEET);
    if (revision) {
      family ??= familyFromTitle(cellText(revision.at(REVISION_TITLE_CELL)));
      if (versionCell.kind === 'blank') revisionSheet = lastRevision(revision);
    }
  }
  if (family === undefined && workbook.findSheet(LANGUAGE_SHEET)) {
    const table = workbook.readSheets([{ name: LANGUAGE_SHEET, range: { lastRow: 1, lastColumn: 26 } }]).get(LANGUAGE_SHEET);
    let count = 0;
    for (let column = FIRST_LANGUAGE_COLUMN; column <= 26; column++) if (cellText(table?.get(1, column)) !== undefined) count++;
    family = familyFromLanguageCount(count);
  }
  return { family: family ?? 'CMRT', confirmed: family !== undefined, versionCell, ...(revisionSheet ? { revisionSheet } : {}) };
}

/** The version to name in a rejection before the lists are read (J3, else the Revision sheet). */
export function earlyVersion(identity: TemplateIdentity): string | undefined {
  if (identity.versionCell.kind === 'version') return identity.versionCell.version;
  return identity.revisionSheet?.version;
}

/** The last revision listed on the Revision sheet (column B; the © footer row is not a number). */
function lastRevision(revision: SheetCells): { version: string; cell: string } | undefined {
  let last: { version: string; cell: string } | undefined;
  for (const row of revision.rowNumbers()) {
    const version = versionFromRevisionCell(revision.get(row, REVISION_NUMBER_COLUMN));
    if (version) last = { version, cell: `${REVISION_SHEET}!B${row}` };
  }
  return last;
}

/** A revision stamp repeated elsewhere: Smelter List!Q3, Mine List!M3. */
export interface RevisionStamp {
  cell: string;
  value: CellValue | undefined;
}

export interface SettledVersion {
  /** undefined: no version could be read with certainty. */
  version?: string;
  /** Where it was read. */
  cell?: string;
  /** J3 held text without a readable revision (reported). */
  unreadable: boolean;
}

/**
 * The version to read the workbook as, with a finding whenever it is not simply Declaration!J3:
 * J3 unreadable (warning), J3 contradicted by a stamp on another sheet (warning), J3 blank and
 * the version taken from elsewhere (info). `fallbackText` says how an unreadable J3 without any
 * stamp is read (with the newest layout of the family).
 */
export function settleVersion(
  identity: TemplateIdentity,
  stamps: RevisionStamp[],
  findings: ReaderFindings,
  fallbackText: string,
): SettledVersion {
  const j3 = `Declaration!${REVISION_CELL}`;
  const readable = stamps.map((stamp) => ({ cell: stamp.cell, reading: readVersionCell(stamp.value) }));
  const stamped = readable.find((stamp) => stamp.reading.kind === 'version') as
    { cell: string; reading: { kind: 'version'; version: string } } | undefined;
  const { versionCell } = identity;

  if (versionCell.kind === 'version') {
    const other = readable.find(
      (stamp) => stamp.reading.kind === 'version' && canonicalVersion(stamp.reading.version) !== canonicalVersion(versionCell.version),
    );
    if (other && other.reading.kind === 'version') {
      findings.add({
        ruleId: 'reader.template-version-conflict',
        severity: 'warning',
        field: 'templateVersion',
        cell: j3,
        message: `${j3} says revision ${versionCell.version} but ${other.cell} says ${other.reading.version}; the workbook was read as ${versionCell.version}. A sheet may have been copied in from another version of the template.`,
      });
    }
    return { version: versionCell.version, cell: j3, unreadable: false };
  }

  if (versionCell.kind === 'unreadable') {
    const fallback = stamped ? { version: stamped.reading.version, cell: stamped.cell } : undefined;
    findings.add({
      ruleId: 'reader.template-version-unreadable',
      severity: 'warning',
      field: 'templateVersion',
      cell: j3,
      message: `${j3} holds "${versionCell.text.replace(/\s+/g, ' ').slice(0, 80)}", in which no revision number can be read; ${
        fallback ? `the workbook was read as revision ${fallback.version}, the stamp in ${fallback.cell}` : fallbackText
      }. Check which version of the template was filled in.`,
    });
    return { ...(fallback ?? {}), unreadable: true };
  }

  const elsewhere = identity.revisionSheet ?? (stamped ? { version: stamped.reading.version, cell: stamped.cell } : undefined);
  if (!elsewhere) return { unreadable: false };
  findings.add({
    ruleId: 'reader.template-version-not-on-declaration',
    severity: 'info',
    field: 'templateVersion',
    cell: j3,
    message: `${j3} holds no revision; the version ${elsewhere.version} was taken from ${elsewhere.cell}.`,
  });
  return { version: elsewhere.version, cell: elsewhere.cell, unreadable: false };
}
