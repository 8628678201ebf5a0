import { METALS, type Metal } from '../../shared/metals';
import type { Declaration } from '../declaration.schema';
import { MINERAL_ANSWER_OPTIONS, NO, canonicalAnswer } from './answer-values';

/**
 * When the RMI Checker requires which answers (domain.md §1.7). The Checker tests "≠ No", not "= Yes",
 * so a blank (or unreadable) Q1/Q2 still makes the later questions required; this is the template's
 * behaviour and is reproduced on purpose. Being *in scope* (Q1 = Yes and Q2 = Yes, metal-scope.ts) is
 * the stricter notion the review checks use for red flags.
 */
function answeredNo(declaration: Declaration, metal: Metal, question: 'q1' | 'q2'): boolean {
  return canonicalAnswer(declaration.minerals[metal][question]?.answer, MINERAL_ANSWER_OPTIONS[question]) === NO;
}

/** Checker rows 19-22: Q2 is required unless Q1 = No (also while Q1 is still blank). */
export function requiresQ2(declaration: Declaration, metal: Metal): boolean {
  return !answeredNo(declaration, metal, 'q1');
}

/** Checker rows 24-52 (column F): Q3-Q8 are required unless Q1 = No or Q2 = No. */
export function requiresDetailedAnswers(declaration: Declaration, metal: Metal): boolean {
  return !answeredNo(declaration, metal, 'q1') && !answeredNo(declaration, metal, 'q2');
}

/** Q1 = No or Q2 = No: the metal is declared out of scope and its Q3-Q8 answers are ignored. */
export function isDeclaredOutOfScope(declaration: Declaration, metal: Metal): boolean {
  return !requiresDetailedAnswers(declaration, metal);
}

/** Checker rows 54-63: company questions A-H are required when any metal requires Q3 (SUM(F24:F27) > 0). */
export function requiresCompanyQuestions(declaration: Declaration): boolean {
  return METALS.some((metal) => requiresDetailedAnswers(declaration, metal));
}
