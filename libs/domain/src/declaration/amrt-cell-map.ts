import type { CompanyBlock } from './declaration.schema';
import { cellAddress, DECLARATION_SHEET } from './cell-map';

/**
 * Where each field lives in an AMRT 1.3 workbook (domain.md §1.11, checked on the official
 * workbook). The selector is the EMRT's (same ten cells, same alphabetical sort into AA12:AA21);
 * "Other [specify below]" takes its name from the cell three rows below (D12 -> D15).
 */
export const MINERALS_SCOPE_SHEET = 'Minerals Scope';

export const AMRT_COMPANY_CELLS: Record<keyof CompanyBlock, string> = {
  name: 'D8',
  scope: 'D9',
  scopeDescription: 'D10',
  uniqueId: 'D17',
  uniqueIdAuthority: 'D18',
  address: 'D19',
  contactName: 'D20',
  contactEmail: 'D21',
  contactPhone: 'D22',
  authorizer: 'D23',
  authorizerTitle: 'D24',
  authorizerEmail: 'D25',
  authorizerPhone: 'D26',
  effectiveDate: 'D27',
};

export const AMRT_SELECTOR_REPLACEMENT_OFFSET = 3;

export const AMRT_MINERAL_QUESTIONS = ['q1', 'q2'] as const;
export type AmrtMineralQuestion = (typeof AMRT_MINERAL_QUESTIONS)[number];

/** Q1 (intentionally added) rows 31-40, Q2 (suppliers responded) rows 43-52. */
export const AMRT_QUESTION_FIRST_ROW: Record<AmrtMineralQuestion, number> = { q1: 31, q2: 43 };

/** Minerals Scope: header row 7, mineral in B8:B17, reason for inclusion in C. */
export const MINERALS_SCOPE_FIRST_ROW = 8;
export const MINERALS_SCOPE_LAST_ROW = 17;

export const AMRT_SMELTER_LAST_ROW = 2504;

export function amrtCompanyCell(field: keyof CompanyBlock): string {
  return cellAddress(DECLARATION_SHEET, AMRT_COMPANY_CELLS[field]);
}

export function amrtMineralRow(question: AmrtMineralQuestion, slot: number): number {
  return AMRT_QUESTION_FIRST_ROW[question] + slot;
}

export function amrtMineralCell(question: AmrtMineralQuestion, slot: number, part: 'answer' | 'comment' = 'answer'): string {
  return cellAddress(DECLARATION_SHEET, `${part === 'answer' ? 'D' : 'G'}${amrtMineralRow(question, slot)}`);
}
