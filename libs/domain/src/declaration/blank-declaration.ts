import { METALS } from '../shared/metals';
import type { Declaration } from './declaration.schema';

/**
 * A declaration is blank when its Declaration sheet gives nothing a supplier fills in: no field of
 * the company block, no answer to any mineral question (Q1-Q8) for any metal and no answer to any
 * company question (A-H). A template sent back untouched reads so, and so does a workbook whose
 * Declaration sheet or shared strings were cut short. It is received, but it is not an answer:
 * the one definition, used by the survey (response usability) and by the reader's fuzz tests.
 */
export function isBlankDeclaration(declaration: Pick<Declaration, 'company' | 'minerals' | 'companyQuestions'>): boolean {
  return (
    !filled(declaration.company) &&
    METALS.every((metal) => !Object.values(declaration.minerals?.[metal] ?? {}).some(filled)) &&
    !Object.values(declaration.companyQuestions ?? {}).some(filled)
  );
}

/** A value or an answer cell counts as filled when any of its parts is a non-empty value. */
function filled(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (typeof value === 'object') return Object.values(value).some(filled);
  return true;
}
