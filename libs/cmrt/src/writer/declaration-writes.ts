import {
  ANSWER_COLUMN,
  COMMENT_COLUMN,
  PRODUCT_FIRST_ROW,
  PRODUCT_SHEET,
  SMELTER_COLUMNS,
  type Answer,
  type CompanyBlock,
  type DeclarationScope,
  type ProductRow,
  type SmelterRow,
} from '@dd/domain';
import { CmrtRejected } from '../cmrt-rejected';
import { cellText } from '../cmrt-values';
import { readTemplate, type TemplateReadResult } from '../read-template';
import { TEMPLATE_RELEASES, type DeclarationLayout, type ReadableFamily, type TemplateRelease } from '../template-releases';
import { XlsxWorkbook } from '../xlsx/xlsx-workbook';
import type { CellWrite, SheetWrites } from './workbook-cells';

/**
 * What our CMRT and our EMRT are written with alike: both templates share RMI's company block
 * conventions, answer/comment columns (D, G), Smelter List columns A-Q with their look-up formulas,
 * and Product List; only the cells differ (cell-map.ts, emrt-cell-map.ts).
 */

export const TEMPLATE_PROBLEM_CODES = [
  'template-unreadable',
  'template-not-cmrt',
  'template-not-emrt',
  'template-version-not-writable',
  'template-not-blank',
] as const;
export type TemplateProblemCode = (typeof TEMPLATE_PROBLEM_CODES)[number];

/** The blank given cannot take our declaration; `code` says why, the message what to do. */
export class CmrtTemplateProblem extends Error {
  constructor(
    readonly code: TemplateProblemCode,
    message: string,
  ) {
    super(message);
    this.name = 'CmrtTemplateProblem';
  }
}

export interface WritableFamily<R extends TemplateReadResult> {
  family: R['family'];
  release: ReadableFamily;
  layout: DeclarationLayout;
  /** For the refusal: "a blank CMRT 6.01 to 6.6.1 (...)". */
  writable: string;
}

/**
 * The template given, read and checked to be a blank of the family in a layout we write: refused
 * (CmrtTemplateProblem) when unreadable, of another family or version, or already filled in
 * (`filled` names what it holds).
 */
export function blankTemplate<R extends TemplateReadResult>(
  template: Uint8Array,
  name: string,
  family: WritableFamily<R>,
  filled: (read: R) => string[],
): { read: R; release: TemplateRelease } {
  let read: TemplateReadResult;
  try {
    read = readTemplate(template, { fileName: name });
  } catch (error) {
    if (error instanceof CmrtRejected)
      throw new CmrtTemplateProblem('template-unreadable', `${name} cannot be read as an RMI template: ${error.message}`);
    throw error;
  }
  const wanted = family.release;
  if (read.family !== family.family) {
    throw new CmrtTemplateProblem(
      family.family === 'cmrt' ? 'template-not-cmrt' : 'template-not-emrt',
      `${name} is an ${read.family.toUpperCase()}, not a${wanted === 'EMRT' ? 'n' : ''} ${wanted}: configure the blank RMI ${wanted}.`,
    );
  }
  // "2.0" on the workbook is release "2" in the table (canonical: no trailing zeros).
  const release = TEMPLATE_RELEASES.find(
    (candidate) => candidate.family === wanted && Number(candidate.version) === Number(read.templateVersion),
  );
  if (!release || release.declaration !== family.layout) {
    throw new CmrtTemplateProblem(
      'template-version-not-writable',
      `${name} is ${wanted} ${read.templateVersion}; our declaration is written into ${family.writable}.`,
    );
  }
  const holds = filled(read as R);
  if (holds.length > 0) {
    throw new CmrtTemplateProblem(
      'template-not-blank',
      `${name} is not a blank template (it holds ${holds.join(' and ')}): configure RMI's blank ${wanted}, not a filled copy.`,
    );
  }
  return { read: read as R, release };
}

export const SCOPE_TEXT: Record<DeclarationScope, string> = {
  company: 'A. Company',
  product: 'B. Product (or List of Products)',
  'user-defined': "C. User defined [Specify in 'Description of scope']",
};

/** Days since Excel's 1900 epoch as the template's date cell expects them (DD-MMM-YYYY format). */
export function isoDateToExcelSerial(date: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return undefined;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) return undefined;
  return Math.round((ms - Date.UTC(1899, 11, 30)) / 86_400_000);
}

/** The company block into its cells (the CMRT's D8-D22, the EMRT's D8-D26). */
export function writeCompany(cells: SheetWrites, company: CompanyBlock, addresses: Record<keyof CompanyBlock, string>): CompanyBlock {
  for (const field of Object.keys(addresses) as (keyof CompanyBlock)[]) {
    const value = company[field];
    if (value === undefined) continue;
    const address = addresses[field];
    if (field === 'scope') cells.set(address, { value: SCOPE_TEXT[value as DeclarationScope] });
    else if (field === 'effectiveDate') cells.set(address, { value: isoDateToExcelSerial(value) ?? value });
    else cells.set(address, { value });
  }
  return company;
}

/** An answer in column D of its row, its comment in G. */
export function writeAnswer(cells: SheetWrites, row: number, answer: Answer | undefined): void {
  if (answer?.answer !== undefined) cells.set(`${ANSWER_COLUMN}${row}`, { value: answer.answer });
  if (answer?.comment !== undefined) cells.set(`${COMMENT_COLUMN}${row}`, { value: answer.comment });
}

type SmelterField = keyof typeof SMELTER_COLUMNS;

function set(cells: SheetWrites, field: SmelterField, row: number, write: CellWrite): void {
  cells.set(`${SMELTER_COLUMNS[field]}${row}`, write);
}

export const SMELTER_NOT_LISTED = 'Smelter not listed';

/** A Smelter Look-up row of either family, keyed by its metal or mineral. */
export interface LookupEntry<M extends string> {
  mineral: M;
  lookupName: string;
  standardName?: string;
  country?: string;
  smelterId?: string;
  idSource?: string;
  street?: string;
  city?: string;
  stateProvince?: string;
}

/** What our Smelter List row states: the metal or mineral, its RMI id, name and country. */
export interface SmelterToPlace<M extends string> {
  metal?: M;
  smelterId?: string;
  name?: string;
  lookupName?: string;
  country?: string;
}

/**
 * One Smelter List row, the way the templates' instructions have it filled in (domain.md §1.5, §1.10):
 * - a smelter on the template's own Smelter Look-up (same metal and CID): its CID typed into column A
 *   (option A); B, C, E-J keep their look-up formulas and get the values those compute (metal,
 *   standard name, country, CID, id source, address), so the row reads back without recalculation;
 * - any other smelter (newer than the template's list): option C, "Smelter not listed" with its name
 *   (D) and country (E) typed in, and its RMI id in F with source "RMI".
 * Returns the row as our reader reads it back.
 */
export function placeSmelter<M extends string>(
  cells: SheetWrites,
  row: number,
  smelter: SmelterToPlace<M>,
  lookup: readonly LookupEntry<M>[],
  label: (metal: M) => string,
  firstRow: number,
): Omit<SmelterRow, 'metal'> & { metal: M } {
  if (!smelter.metal || !smelter.smelterId) throw new RangeError(`smelter ${row - firstRow + 1} has no metal or no RMI id`);
  const metal = smelter.metal;
  const byId = lookup.filter((candidate) => candidate.mineral === metal && candidate.smelterId === smelter.smelterId);
  const first = byId[0];
  if (first?.standardName) {
    // The row MATCH(B&C, 'Smelter Look-up'!J:J) finds: the standard name's own alias row (Excel compares case-insensitively).
    const standard = first.standardName;
    const hit = byId.find((candidate) => candidate.lookupName.toLowerCase() === standard.toLowerCase()) ?? first;
    set(cells, 'smelterIdInput', row, { value: smelter.smelterId });
    const computed: Partial<Record<SmelterField, string>> = {
      metal: label(metal),
      lookupName: standard,
      country: hit.country ?? '',
      smelterId: hit.smelterId ?? '',
      idSource: hit.idSource ?? '',
      street: hit.street ?? '',
      city: hit.city ?? '',
      stateProvince: hit.stateProvince ?? '',
    };
    for (const [field, value] of Object.entries(computed) as [SmelterField, string][]) set(cells, field, row, { formulaResult: value });
    const written: Omit<SmelterRow, 'metal'> & { metal: M } = { row, metal, lookupName: standard };
    for (const field of ['country', 'smelterId'] as const) if (computed[field]) written[field] = computed[field];
    written.smelterIdInput = smelter.smelterId;
    for (const field of ['idSource', 'street', 'city', 'stateProvince'] as const) if (computed[field]) written[field] = computed[field];
    return written;
  }
  const name = smelter.name ?? smelter.lookupName;
  if (!name || !smelter.country)
    throw new RangeError(`smelter ${smelter.smelterId} is not on the template's look-up and has no name or country`);
  set(cells, 'metal', row, { value: label(metal) });
  set(cells, 'lookupName', row, { value: SMELTER_NOT_LISTED });
  set(cells, 'name', row, { value: name });
  set(cells, 'country', row, { value: smelter.country });
  set(cells, 'smelterId', row, { value: smelter.smelterId });
  set(cells, 'idSource', row, { value: 'RMI' });
  return { row, metal, lookupName: SMELTER_NOT_LISTED, name, country: smelter.country, smelterId: smelter.smelterId, idSource: 'RMI' };
}

/** Refuses more smelters than the Smelter List has rows. */
export function checkSmelterRows(count: number, firstRow: number, lastRow: number): void {
  if (count > lastRow - firstRow + 1) {
    throw new RangeError(`the Smelter List holds ${lastRow - firstRow + 1} rows; ${count} smelters were given`);
  }
}

/** The Product List's "© <year> Responsible Minerals Initiative" row, below its last data row (2006 in 6.5, 1001 in 6.01). */
export function productListFooterRow(template: Uint8Array): number | undefined {
  const cells = XlsxWorkbook.open(template)
    .readSheets([{ name: PRODUCT_SHEET, range: { lastColumn: 6 } }])
    .get(PRODUCT_SHEET);
  if (!cells) return undefined;
  return cells
    .rowNumbers()
    .find(
      (row) => row >= PRODUCT_FIRST_ROW && [1, 2, 3, 4, 5, 6].some((column) => cellText(cells.get(row, column))?.trim().startsWith('©')),
    );
}

/** The Product List rows (refused when more than fit above the template's footer); returns them as read back. */
export function writeProducts(
  template: Uint8Array,
  cells: SheetWrites,
  products: readonly ProductRow[],
  columns: Partial<Record<keyof ProductRow, string>>,
): ProductRow[] {
  const footer = productListFooterRow(template);
  if (footer !== undefined && PRODUCT_FIRST_ROW + products.length > footer) {
    throw new RangeError(
      `the template's Product List holds ${footer - PRODUCT_FIRST_ROW} products (rows ${PRODUCT_FIRST_ROW}-${footer - 1}); ${products.length} were given`,
    );
  }
  return products.map((product, position) => placeProduct(cells, PRODUCT_FIRST_ROW + position, product, columns));
}

function placeProduct(
  cells: SheetWrites,
  row: number,
  product: ProductRow,
  columns: Partial<Record<keyof ProductRow, string>>,
): ProductRow {
  const written: ProductRow = { row };
  for (const field of ['number', 'name', 'requesterNumber', 'requesterName', 'comments'] as const) {
    const value = product[field];
    const column = columns[field];
    if (value === undefined || column === undefined) continue;
    cells.set(`${column}${row}`, { value });
    written[field] = value;
  }
  return written;
}
