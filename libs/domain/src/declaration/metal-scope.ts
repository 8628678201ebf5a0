import { METALS, type Metal } from '../shared/metals';
import type { Declaration } from './declaration.schema';

/** Answers compare case- and space-insensitively: suppliers type "yes ", "YES". */
export function normalisedAnswer(value: string | undefined): string {
  return (value ?? '').trim().toLowerCase();
}

/** A metal is in scope iff Q1 = Yes and Q2 = Yes for it (CMRT instructions; domain.md §1.3). */
export function isMetalInScope(declaration: Declaration, metal: Metal): boolean {
  const answers = declaration.minerals[metal];
  return normalisedAnswer(answers.q1?.answer) === 'yes' && normalisedAnswer(answers.q2?.answer) === 'yes';
}

export function inScopeMetals(declaration: Declaration): Metal[] {
  return METALS.filter((metal) => isMetalInScope(declaration, metal));
}
