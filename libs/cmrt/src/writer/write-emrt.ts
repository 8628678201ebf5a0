import {
  DECLARATION_SHEET,
  EMRT_COMPANY_CELLS,
  EMRT_COMPANY_QUESTIONS,
  EMRT_COMPANY_QUESTION_ROWS,
  EMRT_MINERALS,
  EMRT_MINERAL_LABELS,
  EMRT_MINERAL_QUESTIONS,
  EmrtDeclaration,
  MINERAL_SELECTOR_CELLS,
  MINE_COLUMNS,
  MINE_FIRST_ROW,
  MINE_SHEET,
  PRODUCT_COLUMNS,
  PRODUCT_COLUMNS_WITH_REQUESTER,
  PRODUCT_SHEET,
  SMELTER_FIRST_ROW,
  SMELTER_SHEET,
  emrtMineralRow,
  type EmrtDeclarationInput,
  type EmrtMineral,
  type EmrtMineralAnswers,
  type EmrtSmelterRow,
  type MineRow,
  type ProductRow,
} from '@dd/domain';
import type { EmrtTemplateRead } from '../read-template';
import { readEmrtSmelterLookup } from '../smelter-lookup';
import { blankTemplate, checkSmelterRows, placeSmelter, writeAnswer, writeCompany, writeProducts } from './declaration-writes';
import { writeWorkbookCells, type SheetWrites } from './workbook-cells';

/**
 * Our own EMRT for our customers: an EMRT declaration value (the schema the reader returns) written
 * into the company's blank RMI EMRT 2.x by the cells the reader reads (emrt-cell-map.ts), the twin
 * of writeCmrt (declaration-writes.ts holds what both share).
 */
export interface WriteEmrtOptions {
  /** For messages: the template's file name or configured path. */
  templateName?: string;
}

export interface WrittenEmrt {
  bytes: Uint8Array;
  /** Revision of the blank written into, e.g. "2.1". */
  templateVersion: string;
  /** The declaration as the workbook now holds it, as our reader returns it (slots, rows, look-up values). */
  written: EmrtDeclaration;
}

const EMRT_2 = {
  family: 'emrt',
  release: 'EMRT',
  layout: 'emrt-2',
  writable: "a blank EMRT 2.0 to 2.11 (the cells of 2.x are known from RMI's workbooks)",
} as const;

/**
 * The selector cells RMI presets to the six minerals (D12 Cobalt ... G13 Nickel); a mineral we do not
 * declare is set to the dropdown's own "(Delete X)", which the template turns into a blank slot.
 */
const PRESET_SELECTOR: Record<EmrtMineral, (typeof MINERAL_SELECTOR_CELLS)[number]> = {
  cobalt: 'D12',
  copper: 'E12',
  graphite: 'G12',
  lithium: 'D13',
  mica: 'E13',
  nickel: 'G13',
};

const CHECKER_SHEET = 'Checker';
/** Read from its cached value to tell the family (template-identity.ts): kept when the rest is left to recalculate. */
const TITLE_CELL = 'D2';
const LANGUAGE_CELL = 'D3';
/** MATCH($D$3, LN, 0): English is the first of the EMRT's six languages (L!D1:I1). */
const LANGUAGE_INDEX_CELL = 'P3';

const PER_MINERAL = [...EMRT_MINERAL_QUESTIONS, 'C'] as const;

/**
 * Write `input` into `template` (a blank RMI EMRT 2.0, 2.1 or 2.11). Refuses (CmrtTemplateProblem)
 * a file that is not such a blank; RangeError when the lists do not fit the template's rows.
 */
export function writeEmrt(template: Uint8Array, input: EmrtDeclarationInput, options: WriteEmrtOptions = {}): WrittenEmrt {
  const declaration = EmrtDeclaration.parse(input);
  const name = options.templateName ?? 'the template';
  const { read, release } = blankTemplate<EmrtTemplateRead>(template, name, EMRT_2, (blank) =>
    [
      blank.declaration.company.name !== undefined ? `a company name in ${DECLARATION_SHEET}!D8` : undefined,
      blank.declaration.smelters.length > 0 ? `${blank.declaration.smelters.length} Smelter List rows` : undefined,
      blank.declaration.mines.length > 0 ? `${blank.declaration.mines.length} Mine List rows` : undefined,
      blank.declaration.products.length > 0 ? `${blank.declaration.products.length} Product List rows` : undefined,
    ].filter((part): part is string => part !== undefined),
  );

  const declarationCells: SheetWrites = new Map([
    [LANGUAGE_CELL, { value: 'English' }],
    [LANGUAGE_INDEX_CELL, { formulaResult: 1 }],
  ]);
  const company = writeCompany(declarationCells, declaration.company, EMRT_COMPANY_CELLS);
  const minerals = selectMinerals(declarationCells, declaration.minerals);
  for (const entry of minerals) {
    for (const question of PER_MINERAL) writeAnswer(declarationCells, emrtMineralRow(question, entry.slot!), entry[question]);
  }
  for (const question of EMRT_COMPANY_QUESTIONS)
    writeAnswer(declarationCells, EMRT_COMPANY_QUESTION_ROWS[question], declaration.companyQuestions[question]);

  checkSmelterRows(declaration.smelters.length, SMELTER_FIRST_ROW, release.smelterLastRow);
  const smelterCells: SheetWrites = new Map();
  const lookup = readEmrtSmelterLookup(template);
  const smelters: EmrtSmelterRow[] = declaration.smelters.map((smelter, position) =>
    placeSmelter(smelterCells, SMELTER_FIRST_ROW + position, smelter, lookup, (mineral) => EMRT_MINERAL_LABELS[mineral], SMELTER_FIRST_ROW),
  );

  // The schema allows 2,500 mines: the Mine List's rows 5-2504 (MINE_LAST_ROW) hold them all.
  const mineCells: SheetWrites = new Map();
  const mines = declaration.mines.map((mine, position) => placeMine(mineCells, MINE_FIRST_ROW + position, mine));

  const productCells: SheetWrites = new Map();
  const columns = release.productList === 'responder-requester' ? PRODUCT_COLUMNS_WITH_REQUESTER : PRODUCT_COLUMNS;
  const products = writeProducts(template, productCells, declaration.products, columns as Partial<Record<keyof ProductRow, string>>);

  const writes = new Map<string, SheetWrites>([[DECLARATION_SHEET, declarationCells]]);
  if (smelterCells.size > 0) writes.set(SMELTER_SHEET, smelterCells);
  if (mineCells.size > 0) writes.set(MINE_SHEET, mineCells);
  if (productCells.size > 0) writes.set(PRODUCT_SHEET, productCells);
  // The Declaration's own formulas (selector copies P12:P21, the sorted list AA12:AA21, the question
  // labels) depend on the selector we changed: they are left to recalculate, as the Checker is,
  // because LibreOffice would otherwise show the blank's six minerals (it recalculates an .xlsx's
  // non-volatile formulas only when they have no cached value). The title keeps its cached value.
  const bytes = writeWorkbookCells(template, writes, {
    uncache: [CHECKER_SHEET, { sheet: DECLARATION_SHEET, keep: [TITLE_CELL] }],
  });

  const written: EmrtDeclaration = {
    templateVersion: read.templateVersion,
    language: 'English',
    company,
    minerals,
    companyQuestions: declaration.companyQuestions,
    smelters,
    mines,
    products,
  };
  return { bytes, templateVersion: read.templateVersion, written };
}

/**
 * Keeps the preset selector of each mineral we declare and sets the others to "(Delete X)"; the
 * template sorts the selection alphabetically (AA12:AA21), so the i-th declared mineral in the
 * template's order answers on each question's i-th row. Returns the answers with their slots.
 */
function selectMinerals(cells: SheetWrites, minerals: readonly EmrtMineralAnswers[]): EmrtMineralAnswers[] {
  const declared = new Map(minerals.map((entry) => [entry.mineral, entry]));
  const selected: EmrtMineralAnswers[] = [];
  for (const mineral of EMRT_MINERALS) {
    const entry = declared.get(mineral);
    if (!entry) {
      cells.set(PRESET_SELECTOR[mineral], { value: `(Delete ${EMRT_MINERAL_LABELS[mineral]})` });
      continue;
    }
    cells.set(PRESET_SELECTOR[mineral], { value: EMRT_MINERAL_LABELS[mineral] });
    const { slot: _slot, ...answers } = entry;
    selected.push({ ...answers, slot: selected.length });
  }
  return selected;
}

/** One Mine List row: plain values in columns A-M (the sheet has no formulas in its data rows). */
function placeMine(cells: SheetWrites, row: number, mine: MineRow): MineRow {
  const written: MineRow = { row };
  for (const [field, column] of Object.entries(MINE_COLUMNS) as [keyof typeof MINE_COLUMNS, string][]) {
    const value = mine[field];
    if (value === undefined || value === '') continue;
    cells.set(`${column}${row}`, { value: field === 'metal' ? EMRT_MINERAL_LABELS[value as EmrtMineral] : value });
    (written as Record<string, unknown>)[field] = value;
  }
  return written;
}
