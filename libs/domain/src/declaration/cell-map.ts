import type { Metal } from '../shared/metals';
import type { CompanyBlock, CompanyQuestion, MineralQuestion } from './declaration.schema';

/**
 * Where each declaration field lives in a CMRT 6.x workbook (6.01 to 6.5 share one layout; see
 * domain.md §1.2-1.6). The reader parses by these addresses, never by label text, and findings
 * name them so a supplier can find the cell to fix.
 */
export const DECLARATION_SHEET = 'Declaration';
export const SMELTER_SHEET = 'Smelter List';
export const PRODUCT_SHEET = 'Product List';

export const COMPANY_CELLS: Record<keyof CompanyBlock, string> = {
  name: 'D8',
  scope: 'D9',
  scopeDescription: 'D10',
  uniqueId: 'D12',
  uniqueIdAuthority: 'D13',
  address: 'D14',
  contactName: 'D15',
  contactEmail: 'D16',
  contactPhone: 'D17',
  authorizer: 'D18',
  authorizerTitle: 'D19',
  authorizerEmail: 'D20',
  authorizerPhone: 'D21',
  effectiveDate: 'D22',
};

/** First row of each question's four-row block; metals follow in METALS order (Ta, Sn, Au, W). */
export const MINERAL_QUESTION_FIRST_ROW: Record<MineralQuestion, number> = {
  q1: 26,
  q2: 32,
  q3: 38,
  q4: 44,
  q5: 50,
  q6: 56,
  q7: 62,
  q8: 68,
};
const METAL_OFFSET: Record<Metal, number> = { tantalum: 0, tin: 1, gold: 2, tungsten: 3 };

export function mineralQuestionRow(question: MineralQuestion, metal: Metal): number {
  return MINERAL_QUESTION_FIRST_ROW[question] + METAL_OFFSET[metal];
}

export const COMPANY_QUESTION_ROWS: Record<CompanyQuestion, number> = {
  A: 75,
  B: 77,
  C: 79,
  D: 81,
  E: 83,
  F: 85,
  G: 87,
  H: 89,
};

/** Answers are in column D (merged D:E), comments in column G. */
export const ANSWER_COLUMN = 'D';
export const COMMENT_COLUMN = 'G';

/** Smelter List: header on row 4, data rows 5-2504, columns A-Q. */
export const SMELTER_FIRST_ROW = 5;
export const SMELTER_LAST_ROW = 2504;
export const SMELTER_COLUMNS = {
  smelterIdInput: 'A',
  metal: 'B',
  lookupName: 'C',
  name: 'D',
  country: 'E',
  smelterId: 'F',
  idSource: 'G',
  street: 'H',
  city: 'I',
  stateProvince: 'J',
  contactName: 'K',
  contactEmail: 'L',
  nextSteps: 'M',
  mineName: 'N',
  mineCountry: 'O',
  recycledOrScrap: 'P',
  comments: 'Q',
} as const;

/** Product List: header on row 5, data from row 6. */
export const PRODUCT_FIRST_ROW = 6;
export const PRODUCT_COLUMNS = { number: 'B', name: 'C', comments: 'D' } as const;
/** The Product List from CMRT 6.6, EMRT 2.1 and AMRT 1.3 on: requester columns D-E, comments moved to F. */
export const PRODUCT_COLUMNS_WITH_REQUESTER = { number: 'B', name: 'C', requesterNumber: 'D', requesterName: 'E', comments: 'F' } as const;

export function cellAddress(sheet: string, cell: string): string {
  return `${sheet}!${cell}`;
}

export function companyCell(field: keyof CompanyBlock): string {
  return cellAddress(DECLARATION_SHEET, COMPANY_CELLS[field]);
}

export function mineralCell(question: MineralQuestion, metal: Metal, part: 'answer' | 'comment' = 'answer'): string {
  const column = part === 'answer' ? ANSWER_COLUMN : COMMENT_COLUMN;
  return cellAddress(DECLARATION_SHEET, `${column}${mineralQuestionRow(question, metal)}`);
}

export function companyQuestionCell(question: CompanyQuestion, part: 'answer' | 'comment' = 'answer'): string {
  const column = part === 'answer' ? ANSWER_COLUMN : COMMENT_COLUMN;
  return cellAddress(DECLARATION_SHEET, `${column}${COMPANY_QUESTION_ROWS[question]}`);
}

/** Row of a smelter entry: its recorded worksheet row, or its position for JSON declarations. */
export function smelterCell(column: keyof typeof SMELTER_COLUMNS, row: number): string {
  return cellAddress(SMELTER_SHEET, `${SMELTER_COLUMNS[column]}${row}`);
}

export function productCell(column: keyof typeof PRODUCT_COLUMNS, row: number): string {
  return cellAddress(PRODUCT_SHEET, `${PRODUCT_COLUMNS[column]}${row}`);
}
