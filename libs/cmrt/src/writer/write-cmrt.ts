import {
  COMPANY_CELLS,
  COMPANY_QUESTIONS,
  COMPANY_QUESTION_ROWS,
  DECLARATION_SHEET,
  Declaration,
  METALS,
  MINERAL_QUESTIONS,
  PRODUCT_COLUMNS,
  PRODUCT_COLUMNS_WITH_REQUESTER,
  PRODUCT_SHEET,
  SMELTER_FIRST_ROW,
  SMELTER_LAST_ROW,
  SMELTER_SHEET,
  mineralQuestionRow,
  type DeclarationInput,
  type Metal,
  type ProductRow,
} from '@dd/domain';
import type { CmrtTemplateRead } from '../read-template';
import { readSmelterLookup } from '../smelter-lookup';
import { blankTemplate, checkSmelterRows, placeSmelter, writeAnswer, writeCompany, writeProducts } from './declaration-writes';
import { writeWorkbookCells, type SheetWrites } from './workbook-cells';

export { CmrtTemplateProblem, TEMPLATE_PROBLEM_CODES, isoDateToExcelSerial, type TemplateProblemCode } from './declaration-writes';

/**
 * Our own CMRT for our customers: a declaration value (the same schema the reader returns) written
 * into the company's blank RMI CMRT 6.x, by the cell map the reader reads with (cell-map.ts), so
 * that what we send reads back through our own reader with the same answers.
 */

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

const CMRT_6 = {
  family: 'cmrt',
  release: 'CMRT',
  layout: 'cmrt-6',
  writable: "a blank CMRT 6.01 to 6.6.1 (the cells of 6.x are known from RMI's workbooks)",
} as const;

const METAL_LABEL: Record<Metal, string> = { tantalum: 'Tantalum', tin: 'Tin', gold: 'Gold', tungsten: 'Tungsten' };

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
  const { read, release } = blankTemplate<CmrtTemplateRead>(template, name, CMRT_6, (blank) =>
    [
      blank.declaration.company.name !== undefined ? `a company name in ${DECLARATION_SHEET}!D8` : undefined,
      blank.declaration.smelters.length > 0 ? `${blank.declaration.smelters.length} Smelter List rows` : undefined,
      blank.declaration.products.length > 0 ? `${blank.declaration.products.length} Product List rows` : undefined,
    ].filter((part): part is string => part !== undefined),
  );

  const declarationCells: SheetWrites = new Map();
  const language = options.language ?? 'English';
  declarationCells.set(LANGUAGE_CELL, { value: language });
  const index = LANGUAGE_INDEX[language];
  if (index !== undefined) declarationCells.set(LANGUAGE_INDEX_CELL, { formulaResult: index });
  const company = writeCompany(declarationCells, declaration.company, COMPANY_CELLS);
  for (const metal of METALS) {
    for (const question of MINERAL_QUESTIONS) {
      writeAnswer(declarationCells, mineralQuestionRow(question, metal), declaration.minerals[metal][question]);
    }
  }
  for (const question of COMPANY_QUESTIONS)
    writeAnswer(declarationCells, COMPANY_QUESTION_ROWS[question], declaration.companyQuestions[question]);

  checkSmelterRows(declaration.smelters.length, SMELTER_FIRST_ROW, SMELTER_LAST_ROW);
  const smelterCells: SheetWrites = new Map();
  const lookup = readSmelterLookup(template).map(({ metal, ...row }) => ({ mineral: metal, ...row }));
  const smelters = declaration.smelters.map((smelter, position) =>
    placeSmelter(smelterCells, SMELTER_FIRST_ROW + position, smelter, lookup, (metal: Metal) => METAL_LABEL[metal], SMELTER_FIRST_ROW),
  );

  const productCells: SheetWrites = new Map();
  const columns = release.productList === 'responder-requester' ? PRODUCT_COLUMNS_WITH_REQUESTER : PRODUCT_COLUMNS;
  const products = writeProducts(template, productCells, declaration.products, columns as Partial<Record<keyof ProductRow, string>>);

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
