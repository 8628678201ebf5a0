import {
  ANSWER_COLUMN,
  COMMENT_COLUMN,
  COMPANY_CELLS,
  COMPANY_QUESTIONS,
  COMPANY_QUESTION_ROWS,
  DECLARATION_SHEET,
  Declaration,
  METALS,
  MINERAL_QUESTIONS,
  PRODUCT_COLUMNS,
  PRODUCT_COLUMNS_WITH_REQUESTER,
  PRODUCT_FIRST_ROW,
  PRODUCT_SHEET,
  SMELTER_COLUMNS,
  SMELTER_FIRST_ROW,
  SMELTER_LAST_ROW,
  SMELTER_SHEET,
  mineralQuestionRow,
  type Answer,
  type CompanyBlock,
  type DeclarationInput,
  type DeclarationScope,
  type Metal,
  type ProductRow,
  type SmelterRow,
} from '@dd/domain';
import { CmrtRejected } from '../cmrt-rejected';
import { readTemplate, type CmrtTemplateRead } from '../read-template';
import { readSmelterLookup, type SmelterLookupRow } from '../smelter-lookup';
import { TEMPLATE_RELEASES, type TemplateRelease } from '../template-releases';
import { cellText } from '../cmrt-values';
import { XlsxWorkbook } from '../xlsx/xlsx-workbook';
import { writeWorkbookCells, type CellWrite, type SheetWrites } from './workbook-cells';

/**
 * Our own CMRT for our customers: a declaration value (the same schema the reader returns) written
 * into the company's blank RMI CMRT 6.x, by the cell map the reader reads with (cell-map.ts), so
 * that what we send reads back through our own reader with the same answers.
 */

export const TEMPLATE_PROBLEM_CODES = [
  'template-unreadable',
  'template-not-cmrt',
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

export interface WriteCmrtOptions {
  /** Display language selected in Declaration!D3 (labels follow it once the file is recalculated). Default English. */
  language?: string;
  /** For messages: the template's file name or configured path. */
  templateName?: string;
}

export interface WrittenCmrt {
  bytes: Uint8Array;
  /** Revision of the blank written into, e.g. "6.5". */
  templateVersion: string;
  /**
   * The declaration as the workbook now holds it, as our reader returns it: worksheet rows, and each
   * Smelter List row as the template shows it (a look-up hit with the fields the template fills in,
   * or "Smelter not listed" with its name and country).
   */
  written: Declaration;
}

const SCOPE_TEXT: Record<DeclarationScope, string> = {
  company: 'A. Company',
  product: 'B. Product (or List of Products)',
  'user-defined': "C. User defined [Specify in 'Description of scope']",
};

const METAL_LABEL: Record<Metal, string> = { tantalum: 'Tantalum', tin: 'Tin', gold: 'Gold', tungsten: 'Tungsten' };

const SMELTER_NOT_LISTED = 'Smelter not listed';
/** RMI's own completeness check: recomputed by whoever opens the file (no reader takes values from it). */
const CHECKER_SHEET = 'Checker';
const LANGUAGE_CELL = 'D3';
/** MATCH($D$3, LN, 0): English is the first of the language table's ten. */
const LANGUAGE_INDEX_CELL = 'P3';
const LANGUAGE_INDEX: Record<string, number> = { English: 1 };

/**
 * Write `declaration` into `template` (a blank RMI CMRT 6.01 to 6.6.1). Refuses (CmrtTemplateProblem)
 * a file that is not such a blank: another template, another layout (5.x), or one already filled in.
 */
export function writeCmrt(template: Uint8Array, input: DeclarationInput, options: WriteCmrtOptions = {}): WrittenCmrt {
  const declaration = Declaration.parse(input);
  const name = options.templateName ?? 'the template';
  const { read, release } = blankTemplate(template, name);
  const lookup = readSmelterLookup(template);

  const declarationCells: SheetWrites = new Map();
  const language = options.language ?? 'English';
  declarationCells.set(LANGUAGE_CELL, { value: language });
  const index = LANGUAGE_INDEX[language];
  if (index !== undefined) declarationCells.set(LANGUAGE_INDEX_CELL, { formulaResult: index });
  const company = writeCompany(declarationCells, declaration.company);
  for (const metal of METALS) {
    for (const question of MINERAL_QUESTIONS) {
      writeAnswer(declarationCells, mineralQuestionRow(question, metal), declaration.minerals[metal][question]);
    }
  }
  for (const question of COMPANY_QUESTIONS)
    writeAnswer(declarationCells, COMPANY_QUESTION_ROWS[question], declaration.companyQuestions[question]);

  if (declaration.smelters.length > SMELTER_LAST_ROW - SMELTER_FIRST_ROW + 1) {
    throw new RangeError(
      `the Smelter List holds ${SMELTER_LAST_ROW - SMELTER_FIRST_ROW + 1} rows; ${declaration.smelters.length} smelters were given`,
    );
  }
  const smelterCells: SheetWrites = new Map();
  const smelters = declaration.smelters.map((smelter, position) =>
    placeSmelter(smelterCells, SMELTER_FIRST_ROW + position, smelter, lookup),
  );

  const footer = productListFooterRow(template);
  if (footer !== undefined && PRODUCT_FIRST_ROW + declaration.products.length > footer) {
    throw new RangeError(
      `the template's Product List holds ${footer - PRODUCT_FIRST_ROW} products (rows ${PRODUCT_FIRST_ROW}-${footer - 1}); ${declaration.products.length} were given`,
    );
  }
  const productCells: SheetWrites = new Map();
  const columns = release.productList === 'responder-requester' ? PRODUCT_COLUMNS_WITH_REQUESTER : PRODUCT_COLUMNS;
  const products = declaration.products.map((product, position) =>
    placeProduct(productCells, PRODUCT_FIRST_ROW + position, product, columns as Partial<Record<keyof ProductRow, string>>),
  );

  const writes = new Map<string, SheetWrites>([[DECLARATION_SHEET, declarationCells]]);
  if (smelterCells.size > 0) writes.set(SMELTER_SHEET, smelterCells);
  if (productCells.size > 0) writes.set(PRODUCT_SHEET, productCells);
  const bytes = writeWorkbookCells(template, writes, { uncache: [CHECKER_SHEET] });

  const written: Declaration = {
    templateVersion: read.templateVersion,
    language,
    company,
    minerals: declaration.minerals,
    companyQuestions: declaration.companyQuestions,
    smelters,
    products,
  };
  return { bytes, templateVersion: read.templateVersion, written };
}

function blankTemplate(template: Uint8Array, name: string): { read: CmrtTemplateRead; release: TemplateRelease } {
  let read;
  try {
    read = readTemplate(template, { fileName: name });
  } catch (error) {
    if (error instanceof CmrtRejected)
      throw new CmrtTemplateProblem('template-unreadable', `${name} cannot be read as an RMI template: ${error.message}`);
    throw error;
  }
  if (read.family !== 'cmrt') {
    throw new CmrtTemplateProblem(
      'template-not-cmrt',
      `${name} is an ${read.family.toUpperCase()}, not a CMRT: configure the blank RMI CMRT.`,
    );
  }
  const release = TEMPLATE_RELEASES.find((candidate) => candidate.family === 'CMRT' && candidate.version === read.templateVersion);
  if (!release || release.declaration !== 'cmrt-6') {
    throw new CmrtTemplateProblem(
      'template-version-not-writable',
      `${name} is CMRT ${read.templateVersion}; our declaration is written into a blank CMRT 6.01 to 6.6.1 (the cells of 6.x are known from RMI's workbooks).`,
    );
  }
  const filled = [
    read.declaration.company.name !== undefined ? `a company name in ${DECLARATION_SHEET}!D8` : undefined,
    read.declaration.smelters.length > 0 ? `${read.declaration.smelters.length} Smelter List rows` : undefined,
    read.declaration.products.length > 0 ? `${read.declaration.products.length} Product List rows` : undefined,
  ].filter((part): part is string => part !== undefined);
  if (filled.length > 0) {
    throw new CmrtTemplateProblem(
      'template-not-blank',
      `${name} is not a blank template (it holds ${filled.join(' and ')}): configure RMI's blank CMRT, not a filled copy.`,
    );
  }
  return { read, release };
}

/** Days since Excel's 1900 epoch as the template's date cell expects them (DD-MMM-YYYY format). */
export function isoDateToExcelSerial(date: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return undefined;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) return undefined;
  return Math.round((ms - Date.UTC(1899, 11, 30)) / 86_400_000);
}

function writeCompany(cells: SheetWrites, company: CompanyBlock): CompanyBlock {
  for (const field of Object.keys(COMPANY_CELLS) as (keyof CompanyBlock)[]) {
    const value = company[field];
    if (value === undefined) continue;
    const address = COMPANY_CELLS[field];
    if (field === 'scope') cells.set(address, { value: SCOPE_TEXT[value as DeclarationScope] });
    else if (field === 'effectiveDate') cells.set(address, { value: isoDateToExcelSerial(value) ?? value });
    else cells.set(address, { value });
  }
  return company;
}

function writeAnswer(cells: SheetWrites, row: number, answer: Answer | undefined): void {
  if (answer?.answer !== undefined) cells.set(`${ANSWER_COLUMN}${row}`, { value: answer.answer });
  if (answer?.comment !== undefined) cells.set(`${COMMENT_COLUMN}${row}`, { value: answer.comment });
}

type SmelterField = keyof typeof SMELTER_COLUMNS;

function set(cells: SheetWrites, field: SmelterField, row: number, write: CellWrite): void {
  cells.set(`${SMELTER_COLUMNS[field]}${row}`, write);
}

/**
 * One Smelter List row, the way the template's instructions have it filled in (domain.md §1.5):
 * - a smelter on the template's own Smelter Look-up (same metal and CID): its CID typed into column A
 *   (option A); B, C, E-J keep their look-up formulas and get the values those compute (metal,
 *   standard name, country, CID, id source, address), so the row reads back without recalculation;
 * - any other smelter (newer than the template's list): option C, "Smelter not listed" with its name
 *   (D) and country (E) typed in, and its RMI id in F with source "RMI".
 * Returns the row as our reader reads it back.
 */
function placeSmelter(cells: SheetWrites, row: number, smelter: SmelterRow, lookup: readonly SmelterLookupRow[]): SmelterRow {
  if (!smelter.metal || !smelter.smelterId) throw new RangeError(`smelter ${row - SMELTER_FIRST_ROW + 1} has no metal or no RMI id`);
  const metal = smelter.metal;
  const byId = lookup.filter((candidate) => candidate.metal === metal && candidate.smelterId === smelter.smelterId);
  const first = byId[0];
  if (first?.standardName) {
    // The row MATCH(B&C, 'Smelter Look-up'!J:J) finds: the standard name's own alias row (Excel compares case-insensitively).
    const standard = first.standardName;
    const hit = byId.find((candidate) => candidate.lookupName.toLowerCase() === standard.toLowerCase()) ?? first;
    set(cells, 'smelterIdInput', row, { value: smelter.smelterId });
    const computed: Partial<Record<SmelterField, string>> = {
      metal: METAL_LABEL[metal],
      lookupName: standard,
      country: hit.country ?? '',
      smelterId: hit.smelterId ?? '',
      idSource: hit.idSource ?? '',
      street: hit.street ?? '',
      city: hit.city ?? '',
      stateProvince: hit.stateProvince ?? '',
    };
    for (const [field, value] of Object.entries(computed) as [SmelterField, string][]) set(cells, field, row, { formulaResult: value });
    const written: SmelterRow = { row, metal, lookupName: standard };
    for (const field of ['country', 'smelterId'] as const) if (computed[field]) written[field] = computed[field];
    written.smelterIdInput = smelter.smelterId;
    for (const field of ['idSource', 'street', 'city', 'stateProvince'] as const) if (computed[field]) written[field] = computed[field];
    return written;
  }
  const name = smelter.name ?? smelter.lookupName;
  if (!name || !smelter.country)
    throw new RangeError(`smelter ${smelter.smelterId} is not on the template's look-up and has no name or country`);
  set(cells, 'metal', row, { value: METAL_LABEL[metal] });
  set(cells, 'lookupName', row, { value: SMELTER_NOT_LISTED });
  set(cells, 'name', row, { value: name });
  set(cells, 'country', row, { value: smelter.country });
  set(cells, 'smelterId', row, { value: smelter.smelterId });
  set(cells, 'idSource', row, { value: 'RMI' });
  return { row, metal, lookupName: SMELTER_NOT_LISTED, name, country: smelter.country, smelterId: smelter.smelterId, idSource: 'RMI' };
}

/** The Product List's "© <year> Responsible Minerals Initiative" row, below its last data row (2006 in 6.5, 1001 in 6.01). */
function productListFooterRow(template: Uint8Array): number | undefined {
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
