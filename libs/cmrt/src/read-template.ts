import type { AmrtDeclaration } from '@dd/domain';
import { MINERALS_SCOPE_SHEET } from '@dd/domain';
import { DECLARATION_SHEET, PRODUCT_SHEET, SMELTER_SHEET } from '@dd/domain';
import type { Declaration } from '@dd/domain';
import { MINE_SHEET } from '@dd/domain';
import type { EmrtDeclaration } from '@dd/domain';
import type { Finding } from '@dd/domain';
import { AMRT_LISTED_MINERALS, EMRT_MINERAL_LABELS, amrtListedMineral, emrtMineralFromText } from '@dd/domain';
import { readAmrtDeclarationSheet, readMineralReasons } from './amrt-declaration-sheet';
import { rejections } from './cmrt-rejected';
import type { TemplateFamily } from './cmrt-template';
import { cellText } from './cmrt-values';
import { newestRelease, resolveRelease, shown, supportedRangeText, type CmrtLayout } from './cmrt-version';
import {
  DECLARATION_RANGE,
  questionLayoutFor,
  readCompanyBlock,
  readCompanyQuestions,
  readLanguage,
  readMineralAnswers,
} from './declaration-sheet';
import { readEmrtDeclarationSheet } from './emrt-declaration-sheet';
import { MINE_RANGE, readMineRows } from './mine-list-sheet';
import { PRODUCT_RANGE, readProductRows } from './product-list-sheet';
import { ReaderFindings } from './reader-findings';
import { SheetReader } from './sheet-reader';
import { SMELTER_RANGE, SMELTER_REVISION_CELL, readSmelterRows } from './smelter-list-sheet';
import { TITLE_CELL, earlyVersion, identifyTemplate, settleVersion, type RevisionStamp } from './template-identity';
import type { ProductListLayout, ReadableFamily, TemplateRelease } from './template-releases';
import { SheetCells } from './xlsx/sheet-cells';
import { WorkbookProblem } from './xlsx/workbook-problem';
import { XlsxWorkbook } from './xlsx/xlsx-workbook';
import { DEFAULT_MAX_UNCOMPRESSED_BYTES } from './xlsx/zip-entries';

export interface ReadTemplateOptions {
  /** Used in rejection messages so the supplier knows which attachment is meant. */
  fileName?: string;
  /**
   * Refuse (CmrtRejected 'too-large') when the parts the reader needs declare more than this
   * many uncompressed bytes in total. A CMRT response needs ~7 MB. Default 100 MB.
   */
  maxUncompressedBytes?: number;
}

/** templateVersion of a workbook whose revision cell cannot be read (there is a reader finding). */
export const UNKNOWN_TEMPLATE_VERSION = 'unknown';

interface TemplateReadBase {
  /** e.g. "6.4", "2.1"; UNKNOWN_TEMPLATE_VERSION when Declaration!J3 could not be read (see the findings). */
  templateVersion: string;
  /** The listed release whose layout was used (template-releases.ts): the version itself, or the nearest older one. */
  layoutVersion: string;
  /** Display language in English, e.g. "Chinese"; "Unknown" when none could be told. */
  language: string;
  /** Problems noticed while reading (unreadable date, unexpected values, version doubts ...), with their cells. */
  readerFindings: Finding[];
}

export interface CmrtTemplateRead extends TemplateReadBase {
  family: 'cmrt';
  declaration: Declaration;
}

export interface EmrtTemplateRead extends TemplateReadBase {
  family: 'emrt';
  declaration: EmrtDeclaration;
}

export interface AmrtTemplateRead extends TemplateReadBase {
  family: 'amrt';
  declaration: AmrtDeclaration;
}

/** What a workbook holds, by template family. */
export type TemplateReadResult = CmrtTemplateRead | EmrtTemplateRead | AmrtTemplateRead;

/**
 * Read an RMI reporting template response (.xlsx): a CMRT, an EMRT or an AMRT, told apart by the
 * workbook itself (template-identity.ts), read by cell address with the layout of its release
 * (template-releases.ts).
 *
 * Only the parts needed are inflated: the workbook index, the shared strings, and the
 * Declaration, Smelter List, Product List (EMRT/AMRT: Mine List; AMRT: Minerals Scope) sheets;
 * the Smelter Look-up sheet, styles and calc chain stay compressed. Throws CmrtRejected when the
 * file cannot be read at all (not a workbook, not such a template, a CRT or PRT
 * ('template-not-supported'), a version outside the known majors); everything short of that
 * (blank answers, odd values, a version that cannot be read with certainty) is data or a finding.
 */
export function readTemplate(bytes: Uint8Array, options: ReadTemplateOptions = {}): TemplateReadResult {
  return withWorkbook(bytes, options, (workbook) => readWorkbook(workbook, options));
}

/** Opens the workbook, turning workbook problems into supplier-facing rejections. */
export function withWorkbook<T>(bytes: Uint8Array, options: ReadTemplateOptions, read: (workbook: XlsxWorkbook) => T): T {
  try {
    const workbook = XlsxWorkbook.open(bytes, { maxUncompressedBytes: options.maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED_BYTES });
    return read(workbook);
  } catch (error) {
    if (error instanceof WorkbookProblem) throw rejections.fromWorkbookProblem(error, options.fileName);
    throw error;
  }
}

const NOT_READ: ReadonlySet<TemplateFamily> = new Set(['CRT', 'PRT']);

/** `only`: refuse any other family as the wrong template before reading further (readCmrt). */
export function readWorkbook(workbook: XlsxWorkbook, options: ReadTemplateOptions, only?: ReadableFamily): TemplateReadResult {
  const findings = new ReaderFindings();
  if (!workbook.findSheet(DECLARATION_SHEET)) throw rejections.notACmrt(workbook.sheetNames, options.fileName);
  const declarationCells =
    workbook.readSheets([{ name: DECLARATION_SHEET, range: DECLARATION_RANGE }]).get(DECLARATION_SHEET) ?? new SheetCells();
  const declaration = new SheetReader(DECLARATION_SHEET, declarationCells, findings);

  const identity = identifyTemplate(workbook, declaration);
  if (only && identity.family !== only) throw rejections.wrongTemplate(identity.family, earlyVersion(identity), options.fileName);
  if (NOT_READ.has(identity.family)) throw rejections.templateNotSupported(identity.family, earlyVersion(identity), options.fileName);
  const family = identity.family as ReadableFamily;
  const supported = supportedRangeText(family);
  const early = earlyVersion(identity);
  if (early !== undefined && resolveRelease(family, early).status === 'unsupported') {
    throw rejections.unsupportedVersion(early, supported, options.fileName, family);
  }

  // Every list sheet in one pass over the zip.
  const lists = workbook.readSheets([
    { name: SMELTER_SHEET, range: SMELTER_RANGE },
    { name: PRODUCT_SHEET, range: PRODUCT_RANGE },
    ...(family === 'CMRT' ? [] : [{ name: MINE_SHEET, range: MINE_RANGE }]),
    ...(family === 'AMRT' ? [{ name: MINERALS_SCOPE_SHEET, range: { lastRow: 20, lastColumn: 3 } }] : []),
  ]);
  const stamps: RevisionStamp[] = [
    { cell: `${SMELTER_SHEET}!${SMELTER_REVISION_CELL}`, value: lists.get(SMELTER_SHEET)?.at(SMELTER_REVISION_CELL) },
    ...(family === 'CMRT' ? [] : [{ cell: `${MINE_SHEET}!M3`, value: lists.get(MINE_SHEET)?.at('M3') }]),
  ];
  const newest = newestRelease(family);
  const settled = settleVersion(
    identity,
    stamps,
    findings,
    `the workbook was read with the layout of the newest ${family} known here (${shown(newest.version)})`,
  );
  const release = releaseFor(family, settled, supported, findings, options.fileName);

  if (!identity.confirmed) {
    findings.add({
      ruleId: 'reader.template-unconfirmed',
      severity: 'info',
      field: 'templateVersion',
      cell: declaration.cellRef(TITLE_CELL),
      message: `The workbook has no template title in ${declaration.cellRef(TITLE_CELL)}; it was read as a CMRT${settled.version ? ` ${settled.version}` : ''} because it has a Declaration sheet.`,
    });
  }

  const language = readLanguage(declaration, family === 'CMRT' ? 10 : 6);
  const sheet = (name: string) => new SheetReader(name, lists.get(name) ?? new SheetCells(), findings);
  const readers = {
    smelters: sheet(SMELTER_SHEET),
    products: sheet(PRODUCT_SHEET),
    mines: sheet(MINE_SHEET),
    reasons: sheet(MINERALS_SCOPE_SHEET),
  };
  const productLayout =
    settled.version === undefined ? productLayoutFromHeader(lists.get(PRODUCT_SHEET), release.productList) : release.productList;

  /** Products, then the missing-sheet and formula findings, once the family's own parts are read. */
  const finishLists = () => {
    const products = lists.has(PRODUCT_SHEET) ? readProductRows(readers.products, lists.get(PRODUCT_SHEET)!, productLayout) : [];
    const expected: [string, string][] = [
      [SMELTER_SHEET, 'smelters'],
      [PRODUCT_SHEET, 'products'],
      ...(family === 'CMRT' ? [] : ([[MINE_SHEET, 'mines']] as [string, string][])),
    ];
    for (const [name, field] of expected) {
      if (lists.has(name)) continue;
      findings.add({
        ruleId: 'reader.sheet-missing',
        severity: 'warning',
        field,
        message: `The workbook has no "${name}" sheet; it was read as empty.`,
      });
    }
    for (const reader of [declaration, readers.smelters, readers.products, readers.mines, readers.reasons]) reader.reportUncachedFormulas();
    return products;
  };
  /** An EMRT's or AMRT's Smelter List and Mine List, each row's mineral told by `mineralOf`. */
  const mineralLists = <M extends string>(mineralOf: (text: string) => M | undefined, expectedMinerals: string) => ({
    smelters: lists.has(SMELTER_SHEET)
      ? readSmelterRows(readers.smelters, lists.get(SMELTER_SHEET)!, {
          metalFromText: mineralOf,
          expectedMetals: expectedMinerals,
          lastRow: release.smelterLastRow,
        })
      : [],
    mines: lists.has(MINE_SHEET) ? readMineRows(readers.mines, lists.get(MINE_SHEET)!, mineralOf, expectedMinerals) : [],
  });
  const head = {
    ...(settled.version !== undefined ? { templateVersion: settled.version } : {}),
    ...(language.known ? { language: language.language } : {}),
  };
  const base = {
    templateVersion: settled.version ?? UNKNOWN_TEMPLATE_VERSION,
    layoutVersion: shown(release.version),
    language: language.language,
  };

  if (family === 'CMRT') {
    const parts = readCmrtDeclaration(declaration, release, workbook.date1904, settled.version ?? newest.version);
    const smelters = lists.has(SMELTER_SHEET) ? readSmelterRows(readers.smelters, lists.get(SMELTER_SHEET)!) : [];
    const products = finishLists();
    return { declaration: { ...head, ...parts, smelters, products }, ...base, family: 'cmrt', readerFindings: findings.list() };
  }

  if (family === 'EMRT') {
    const parts = readEmrtDeclarationSheet(declaration, workbook.date1904);
    const { smelters, mines } = mineralLists(emrtMineralFromText, listed(Object.values(EMRT_MINERAL_LABELS)));
    const products = finishLists();
    return { declaration: { ...head, ...parts, smelters, mines, products }, ...base, family: 'emrt', readerFindings: findings.list() };
  }

  const parts = readAmrtDeclarationSheet(declaration, workbook.date1904);
  const declared = parts.minerals.map((entry) => entry.mineral).filter((name): name is string => name !== undefined);
  const amrtMineral = (text: string): string | undefined =>
    amrtListedMineral(text) ?? declared.find((name) => name.trim().toLowerCase() === text.trim().toLowerCase());
  const expectedMinerals = `one of the AMRT's minerals (${AMRT_LISTED_MINERALS.join(', ')}) or a mineral named on the Declaration tab`;
  const mineralReasons = lists.has(MINERALS_SCOPE_SHEET) ? readMineralReasons(readers.reasons) : [];
  const { smelters, mines } = mineralLists(amrtMineral, expectedMinerals);
  const products = finishLists();
  return {
    declaration: { ...head, ...parts, mineralReasons, smelters, mines, products },
    ...base,
    family: 'amrt',
    readerFindings: findings.list(),
  };
}

/** The listed release to read with, noting an unlisted version; refuses versions outside the known majors. */
function releaseFor(
  family: ReadableFamily,
  settled: { version?: string; cell?: string; unreadable: boolean },
  supported: string,
  findings: ReaderFindings,
  fileName: string | undefined,
): TemplateRelease {
  if (settled.version === undefined) {
    if (!settled.unreadable) throw rejections.unsupportedVersion(undefined, supported, fileName, family);
    return newestRelease(family);
  }
  const resolution = resolveRelease(family, settled.version);
  if (resolution.status === 'unsupported') throw rejections.unsupportedVersion(settled.version, supported, fileName, family);
  if (resolution.status === 'unlisted') {
    const newer = resolution.release === resolution.newest;
    findings.add({
      ruleId: 'reader.template-version-unknown',
      severity: 'warning',
      field: 'templateVersion',
      cell: settled.cell ?? `${DECLARATION_SHEET}!J3`,
      message: `${family} ${settled.version} is not a release known here (${newer ? 'the newest known is' : 'known:'} ${newer ? shown(resolution.newest.version) : supported}); it was read with the layout of ${family} ${shown(resolution.release.version)}. Check that the answers were read from the right cells.`,
    });
  }
  return resolution.release;
}

/**
 * When the version is unknown, the Product List's own header tells its layout: the five-column
 * list (requester number and name) has headers in E5 and F5, the three-column one ends at D5.
 */
function productLayoutFromHeader(cells: SheetCells | undefined, fallback: ProductListLayout): ProductListLayout {
  if (!cells) return fallback;
  const header = (column: number) => cellText(cells.get(5, column)) !== undefined;
  if (header(5) || header(6)) return 'responder-requester';
  if (header(2) || header(4)) return 'responder';
  return fallback;
}

function readCmrtDeclaration(
  declaration: SheetReader,
  release: TemplateRelease,
  date1904: boolean,
  version: string,
): Pick<Declaration, 'company' | 'minerals' | 'companyQuestions'> {
  const company = readCompanyBlock(declaration, date1904);
  const questionLayout = questionLayoutFor(release.declaration as CmrtLayout, declaration);
  if (!questionLayout) {
    declaration.findings.add({
      ruleId: 'reader.questions-not-located',
      severity: 'warning',
      field: 'minerals',
      cell: declaration.cellRef('B25'),
      message: `The questions of this CMRT ${version} could not be located on the Declaration sheet (no numbered question labels in column B), so its answers were not read.`,
    });
  }
  const minerals = questionLayout ? readMineralAnswers(declaration, questionLayout) : { tantalum: {}, tin: {}, gold: {}, tungsten: {} };
  const companyQuestions = questionLayout ? readCompanyQuestions(declaration, questionLayout) : {};
  return { company, minerals, companyQuestions };
}

/** "Cobalt, Copper or Nickel". */
function listed(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}
