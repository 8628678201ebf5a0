import type { Declaration } from '@dd/domain';
import { METALS } from '@dd/domain';

/**
 * A declaration is blank when its Declaration sheet gave nothing a supplier fills in: no field of
 * the company block, no answer to any mineral question (Q1-Q8) for any metal and no answer to any
 * company question (A-H). That is what a workbook whose Declaration sheet or shared strings were
 * cut short reads as, and it must never be recorded as a supplier's response: recorded, it raises
 * some fifty "missing answer" findings against a supplier who answered everything.
 */
export function isBlankDeclaration(declaration: Pick<Declaration, 'company' | 'minerals' | 'companyQuestions'>): boolean {
  const filled = (record: object | undefined) => Object.values(record ?? {}).some((value) => value !== undefined && value !== '');
  return (
    !filled(declaration.company) && METALS.every((metal) => !filled(declaration.minerals[metal])) && !filled(declaration.companyQuestions)
  );
}
