import type { AmrtDeclaration } from '../amrt-declaration.schema';
import { DECLARATION_SHEET, PRODUCT_SHEET, SMELTER_SHEET } from '../cell-map';
import { MINE_SHEET } from '../emrt-cell-map';
import type { EmrtDeclaration } from '../emrt-declaration.schema';
import type { Finding } from '../finding';
import { checkAmrtDeclaration } from './amrt-checker.rules';
import { checkEmrtDeclaration } from './emrt-checker.rules';
import { cellPosition, compareColumns, compareText, ruleRank } from './finding-order';
import { TEMPLATE_RULE_IDS } from './template-rule-catalogue';

/**
 * The EMRT and AMRT Checker rules over one declaration: pure and deterministic, findings sorted by
 * sheet (workbook order), row, column and rule, as evaluateDeclaration sorts the CMRT's.
 */
export function evaluateEmrtDeclaration(declaration: EmrtDeclaration): Finding[] {
  return sortTemplateFindings(checkEmrtDeclaration(declaration));
}

export function evaluateAmrtDeclaration(declaration: AmrtDeclaration): Finding[] {
  return sortTemplateFindings(checkAmrtDeclaration(declaration));
}

const SHEET_ORDER = [DECLARATION_SHEET, SMELTER_SHEET, MINE_SHEET, PRODUCT_SHEET];
const rank = ruleRank(TEMPLATE_RULE_IDS);

export function sortTemplateFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => {
    const pa = cellPosition(a.cell, SHEET_ORDER);
    const pb = cellPosition(b.cell, SHEET_ORDER);
    return (
      pa.sheet - pb.sheet ||
      pa.row - pb.row ||
      compareColumns(pa.column, pb.column) ||
      rank(a.ruleId) - rank(b.ruleId) ||
      compareText(a.field, b.field) ||
      compareText(a.message, b.message)
    );
  });
}
