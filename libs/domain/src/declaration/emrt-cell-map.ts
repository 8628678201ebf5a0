import type { CompanyBlock } from './declaration.schema';
import { cellAddress, DECLARATION_SHEET } from './cell-map';

/**
 * Where each field lives in an EMRT 2.x workbook (2.0 and 2.1 share the Declaration layout;
 * domain.md §1.10, checked on both official workbooks). The company block sits four rows lower
 * than in the CMRT because rows 12-15 hold the mineral selector.
 */
export const MINE_SHEET = 'Mine List';

export const EMRT_COMPANY_CELLS: Record<keyof CompanyBlock, string> = {
  name: 'D8',
  scope: 'D9',
  scopeDescription: 'D10',
  uniqueId: 'D16',
  uniqueIdAuthority: 'D17',
  address: 'D18',
  contactName: 'D19',
  contactEmail: 'D20',
  contactPhone: 'D21',
  authorizer: 'D22',
  authorizerTitle: 'D23',
  authorizerEmail: 'D24',
  authorizerPhone: 'D25',
  effectiveDate: 'D26',
};

/**
 * The mineral selector: the template turns these ten cells (P12:P21 in that order) into the
 * alphabetically sorted list AA12:AA21 that labels the question rows. D12, E12 (merged E:F), G12,
 * D13, E13, G13 carry the dropdowns ("Cobalt" or "(Delete Cobalt)"); H and I are spare slots.
 */
export const MINERAL_SELECTOR_CELLS = ['D12', 'E12', 'G12', 'H12', 'I12', 'D13', 'E13', 'G13', 'H13', 'I13'] as const;

/** A "(Delete X)" selector falls back on the cell two rows below it (D12 -> D14), as P12 does. */
export const EMRT_SELECTOR_REPLACEMENT_OFFSET = 2;

export const EMRT_MINERAL_QUESTIONS = ['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7'] as const;
export type EmrtMineralQuestion = (typeof EMRT_MINERAL_QUESTIONS)[number];

/** First answer row of each per-mineral question; row first + i belongs to the i-th selected mineral. */
export const EMRT_QUESTION_FIRST_ROW: Record<EmrtMineralQuestion | 'C', number> = {
  q1: 30,
  q2: 42,
  q3: 54,
  q4: 66,
  q5: 78,
  q6: 90,
  q7: 102,
  C: 120,
};

/** Ten rows per question (AA12:AA21). */
export const EMRT_MINERAL_SLOTS = 10;

export const EMRT_COMPANY_QUESTIONS = ['A', 'B', 'D', 'E', 'F', 'G'] as const;
export type EmrtCompanyQuestion = (typeof EMRT_COMPANY_QUESTIONS)[number];

export const EMRT_COMPANY_QUESTION_ROWS: Record<EmrtCompanyQuestion, number> = {
  A: 115,
  B: 117,
  D: 131,
  E: 133,
  F: 135,
  G: 137,
};

/** Smelter List data rows: 5-2504 in 2.0, 5-2497 from 2.1 on (the Checker's range). */
export const EMRT_SMELTER_LAST_ROW = 2497;

/** Mine List (EMRT and AMRT): header row 4, data rows 5-2504, columns A-M. */
export const MINE_FIRST_ROW = 5;
export const MINE_LAST_ROW = 2504;
export const MINE_COLUMNS = {
  metal: 'A',
  smelterName: 'B',
  mineName: 'C',
  mineId: 'D',
  mineIdSource: 'E',
  country: 'F',
  street: 'G',
  city: 'H',
  stateProvince: 'I',
  contactName: 'J',
  contactEmail: 'K',
  nextSteps: 'L',
  comments: 'M',
} as const;

export function emrtCompanyCell(field: keyof CompanyBlock): string {
  return cellAddress(DECLARATION_SHEET, EMRT_COMPANY_CELLS[field]);
}

/** Row of a per-mineral answer: the question's first row plus the mineral's position in the sorted list. */
export function emrtMineralRow(question: EmrtMineralQuestion | 'C', slot: number): number {
  return EMRT_QUESTION_FIRST_ROW[question] + slot;
}

export function emrtMineralCell(question: EmrtMineralQuestion | 'C', slot: number, part: 'answer' | 'comment' = 'answer'): string {
  return cellAddress(DECLARATION_SHEET, `${part === 'answer' ? 'D' : 'G'}${emrtMineralRow(question, slot)}`);
}

export function emrtCompanyQuestionCell(question: EmrtCompanyQuestion, part: 'answer' | 'comment' = 'answer'): string {
  return cellAddress(DECLARATION_SHEET, `${part === 'answer' ? 'D' : 'G'}${EMRT_COMPANY_QUESTION_ROWS[question]}`);
}
