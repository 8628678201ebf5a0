import type { AmrtDeclaration } from '../amrt-declaration.schema';
import { DECLARATION_SHEET, PRODUCT_SHEET, SMELTER_SHEET } from '../cell-map';
import { MINE_SHEET } from '../emrt-cell-map';
import type { EmrtDeclaration } from '../emrt-declaration.schema';
import type { Finding } from '../finding';
import { checkAmrtDeclaration } from './amrt-checker.rules';
import { checkEmrtDeclaration } from './emrt-checker.rules';
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
const RULE_ORDER = new Map<string, number>(TEMPLATE_RULE_IDS.map((id, index) => [id, index]));

function position(cell: string | undefined): { sheet: number; row: number; column: string } {
  const match = /^(.*)!([A-Z]+)(\d+)$/.exec(cell ?? '');
  if (!match) return { sheet: SHEET_ORDER.length, row: Number.MAX_SAFE_INTEGER, column: '' };
  const sheet = SHEET_ORDER.indexOf(match[1]);
  return { sheet: sheet < 0 ? SHEET_ORDER.length : sheet, row: Number(match[3]), column: match[2] };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortTemplateFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => {
    const pa = position(a.cell);
    const pb = position(b.cell);
    return (
      pa.sheet - pb.sheet ||
      pa.row - pb.row ||
      pa.column.length - pb.column.length ||
      compareText(pa.column, pb.column) ||
      (RULE_ORDER.get(a.ruleId) ?? RULE_ORDER.size) - (RULE_ORDER.get(b.ruleId) ?? RULE_ORDER.size) ||
      compareText(a.field, b.field) ||
      compareText(a.message, b.message)
    );
  });
}
