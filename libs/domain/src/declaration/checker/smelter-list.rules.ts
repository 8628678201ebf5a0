import { METALS, METAL_LABELS, type Metal } from '../../shared/metals';
import { SMELTER_COLUMNS, SMELTER_FIRST_ROW, SMELTER_LAST_ROW, smelterCell } from '../cell-map';
import type { Declaration, SmelterRow } from '../declaration.schema';
import type { Finding } from '../finding';
import { isMetalInScope } from '../metal-scope';
import { finding, type FindingDraft, type RuleId } from './rule-catalogue';
import { isDeclaredOutOfScope, requiresDetailedAnswers } from './scope-requirements';
import { comparable, isBlank, isPlaceholder, present, quoted } from './text';
import { isRmiSmelterId } from './value-formats';

/** Smelter List sheet, rows 5-2504 (domain.md §1.5; Checker rows 65-69; review §5). */

export const SMELTER_NOT_LISTED = 'Smelter not listed';
export const SMELTER_NOT_YET_IDENTIFIED = 'Smelter not yet identified';

type SmelterColumn = keyof typeof SMELTER_COLUMNS;

interface IndexedRow {
  readonly smelter: SmelterRow;
  readonly index: number;
  /** Worksheet row: the recorded one, else its position below the header. */
  readonly row: number;
}

function indexRows(declaration: Declaration): IndexedRow[] {
  return declaration.smelters.map((smelter, index) => ({ smelter, index, row: smelter.row ?? SMELTER_FIRST_ROW + index }));
}

function hasAnyValue(smelter: SmelterRow, except: ReadonlyArray<keyof SmelterRow> = []): boolean {
  return (Object.keys(SMELTER_COLUMNS) as SmelterColumn[]).some((column) => !except.includes(column) && !isBlank(smelter[column]));
}

function isLookup(smelter: SmelterRow, value: string): boolean {
  return comparable(smelter.lookupName) === comparable(value);
}

function rowDraft({ smelter, index, row }: IndexedRow, column: SmelterColumn, message: string): FindingDraft {
  const smelterId = present(smelter.smelterId);
  return {
    field: `smelters[${index}].${column}`,
    cell: smelterCell(column, row),
    message,
    ...(smelter.metal !== undefined ? { metal: smelter.metal } : {}),
    ...(smelterId !== undefined ? { smelterId } : {}),
  };
}

/** Where a missing smelter would go: the first row below the last one used. */
function nextFreeRow(rows: readonly IndexedRow[]): number {
  const last = rows.filter(({ smelter }) => hasAnyValue(smelter)).reduce((max, { row }) => Math.max(max, row), SMELTER_FIRST_ROW - 1);
  return Math.min(last + 1, SMELTER_LAST_ROW);
}

function metalDraft(metal: Metal, rows: readonly IndexedRow[], message: string): FindingDraft {
  return { field: 'smelters', cell: smelterCell('metal', nextFreeRow(rows)), metal, message };
}

/** Checker rows 65-68: a metal that requires Q3 needs a row with that metal and a look-up value. */
function smelterPerRequiredMetal(declaration: Declaration, rows: readonly IndexedRow[]): Finding[] {
  return METALS.filter((metal) => requiresDetailedAnswers(declaration, metal))
    .filter((metal) => !rows.some(({ smelter }) => smelter.metal === metal && !isBlank(smelter.lookupName)))
    .map((metal) => {
      const label = METAL_LABELS[metal];
      const quirk = isMetalInScope(declaration, metal) ? '' : ` It is required unless question 1 or 2 for ${label} is answered "No".`;
      return finding(
        'checker.smelters-for-metal',
        metalDraft(
          metal,
          rows,
          `Provide the list of ${label} smelters contributing material to your supply chain on the Smelter List tab (metal in column B, smelter in column C).${quirk}`,
        ),
      );
    });
}

/** Review: an in-scope metal with no smelter row at all is a risk the register must see. */
function metalsWithoutSmelters(declaration: Declaration, rows: readonly IndexedRow[]): Finding[] {
  const identifies = (smelter: SmelterRow) => !isBlank(smelter.lookupName) || !isBlank(smelter.name) || !isBlank(smelter.smelterId);
  return METALS.filter((metal) => isMetalInScope(declaration, metal))
    .filter((metal) => !rows.some(({ smelter }) => smelter.metal === metal && identifies(smelter)))
    .map((metal) =>
      finding(
        'review.metal-without-smelters',
        metalDraft(
          metal,
          rows,
          `${METAL_LABELS[metal]} is declared in scope (questions 1 and 2 are "Yes") but the Smelter List names no ${METAL_LABELS[metal]} smelter.`,
        ),
      ),
    );
}

/** Review: rows for a metal that is not in scope contradict the Declaration tab. One finding per metal. */
function rowsForMetalsOutOfScope(declaration: Declaration, rows: readonly IndexedRow[]): Finding[] {
  return METALS.filter((metal) => !isMetalInScope(declaration, metal)).flatMap((metal) => {
    const metalRows = rows.filter(({ smelter }) => smelter.metal === metal);
    if (metalRows.length === 0) return [];
    const label = METAL_LABELS[metal];
    const why = isDeclaredOutOfScope(declaration, metal)
      ? `question 1 or 2 for ${label} is "No"`
      : `questions 1 and 2 for ${label} are not both answered "Yes"`;
    const count = metalRows.length === 1 ? `a ${label} row` : `${metalRows.length} ${label} rows`;
    return [
      finding(
        'review.smelter-metal-out-of-scope',
        rowDraft(
          metalRows[0],
          'metal',
          `The Smelter List has ${count} (first at row ${metalRows[0].row}) but ${why} on the Declaration tab: correct the answers or remove the rows.`,
        ),
      ),
    ];
  });
}

/** Checker row 69 and the row-level conditional formats of the template, plus review checks per row. */
function rowChecks(indexed: IndexedRow): Finding[] {
  const { smelter, row } = indexed;
  if (!hasAnyValue(smelter)) return [];
  const findings: Finding[] = [];
  const add = (ruleId: RuleId, column: SmelterColumn, message: string) =>
    findings.push(finding(ruleId, rowDraft(indexed, column, message)));
  const notYetIdentified = isLookup(smelter, SMELTER_NOT_YET_IDENTIFIED);

  if (smelter.metal === undefined) {
    add(
      'review.smelter-metal-missing',
      'metal',
      `Select the metal on the Smelter List tab cell B${row}: the row has smelter data but no metal.`,
    );
  } else if (isBlank(smelter.lookupName)) {
    add(
      'review.smelter-lookup-missing',
      'lookupName',
      `Select the smelter on the Smelter List tab cell C${row} (Smelter Look-up), or "${SMELTER_NOT_LISTED}" and enter its name and country.`,
    );
  }

  if (isLookup(smelter, SMELTER_NOT_LISTED)) {
    if (isBlank(smelter.name))
      add(
        'checker.smelter-not-listed-details',
        'name',
        `Enter the smelter name on the Smelter List tab cell D${row}: the row says "${SMELTER_NOT_LISTED}".`,
      );
    if (isBlank(smelter.country))
      add(
        'checker.smelter-not-listed-details',
        'country',
        `Enter the smelter country on the Smelter List tab cell E${row}: the row says "${SMELTER_NOT_LISTED}".`,
      );
  }

  if (notYetIdentified) {
    const metal = smelter.metal !== undefined ? `${METAL_LABELS[smelter.metal]} ` : '';
    add(
      'review.smelter-not-yet-identified',
      'lookupName',
      `A ${metal}smelter in the supply chain is not yet identified (Smelter List tab cell C${row}).`,
    );
  }

  const smelterId = present(smelter.smelterId);
  if (smelterId !== undefined && !isRmiSmelterId(smelterId)) {
    add(
      'review.smelter-id-format',
      'smelterId',
      `Check the smelter identification on the Smelter List tab cell F${row}: ${quoted(smelterId)} is not an RMI smelter id (CID followed by 6 digits).`,
    );
  }
  const typedId = present(smelter.smelterIdInput);
  if (typedId !== undefined && smelterId !== undefined && typedId.toUpperCase() !== smelterId.toUpperCase()) {
    add(
      'review.smelter-id-input-mismatch',
      'smelterIdInput',
      `Check the smelter id on the Smelter List tab row ${row}: ${quoted(typedId)} typed in cell A${row} differs from ${quoted(smelterId)} in cell F${row}.`,
    );
  }

  const namedColumns: SmelterColumn[] = notYetIdentified ? [] : ['lookupName', 'name'];
  for (const column of namedColumns) {
    const value = smelter[column];
    if (isPlaceholder(value)) {
      const cell = `${SMELTER_COLUMNS[column]}${row}`;
      add(
        'review.smelter-name-placeholder',
        column,
        `Name the smelter on the Smelter List tab cell ${cell}: ${quoted(value)} is not a smelter. Use "${SMELTER_NOT_YET_IDENTIFIED}" if it is not known yet.`,
      );
    }
  }

  for (const column of ['name', 'country'] as const) {
    const value = present(smelter[column]);
    if (value !== undefined && (value.includes('!') || /^[=#]/.test(value))) {
      const cell = `${SMELTER_COLUMNS[column]}${row}`;
      add(
        'review.smelter-invalid-characters',
        column,
        `Remove the "!" or leading "=" / "#" from the Smelter List tab cell ${cell} (${quoted(value)}); the template does not accept them.`,
      );
    }
  }
  return findings;
}

/**
 * Review: the same metal and smelter id (or, without an id, look-up + name + country) listed twice
 * with the same mine. Real files list a smelter once per mine of origin (JX's Xiamen Tungsten rows),
 * which is information, not a duplicate.
 */
function duplicates(rows: readonly IndexedRow[]): Finding[] {
  const firstRowByKey = new Map<string, number>();
  const findings: Finding[] = [];
  for (const indexed of rows) {
    const { smelter, row } = indexed;
    if (smelter.metal === undefined || isLookup(smelter, SMELTER_NOT_YET_IDENTIFIED)) continue;
    const smelterId = present(smelter.smelterId);
    const column: SmelterColumn = smelterId !== undefined ? 'smelterId' : 'lookupName';
    const key =
      smelterId !== undefined
        ? `${smelter.metal}|id|${smelterId.toUpperCase()}`
        : isBlank(smelter.lookupName) && isBlank(smelter.name)
          ? undefined
          : `${smelter.metal}|${comparable(present(smelter.lookupName))}|${comparable(present(smelter.name))}|${comparable(present(smelter.country))}`;
    if (key === undefined) continue;
    const mineKey = `${key}|${comparable(present(smelter.mineName))}|${comparable(present(smelter.mineCountry))}`;
    const first = firstRowByKey.get(mineKey);
    if (first === undefined) {
      firstRowByKey.set(mineKey, row);
      continue;
    }
    const what =
      smelterId !== undefined
        ? `${METAL_LABELS[smelter.metal]} smelter ${smelterId}`
        : `${METAL_LABELS[smelter.metal]} smelter ${quoted(present(smelter.name) ?? smelter.lookupName)}`;
    findings.push(
      finding(
        'review.duplicate-smelter-row',
        rowDraft(indexed, column, `Row ${row} of the Smelter List repeats row ${first} (${what}); list each smelter once per metal.`),
      ),
    );
  }
  return findings;
}

export function checkSmelterList(declaration: Declaration): Finding[] {
  const rows = indexRows(declaration);
  return [
    ...smelterPerRequiredMetal(declaration, rows),
    ...metalsWithoutSmelters(declaration, rows),
    ...rowsForMetalsOutOfScope(declaration, rows),
    ...rows.flatMap(rowChecks),
    ...duplicates(rows),
  ];
}
