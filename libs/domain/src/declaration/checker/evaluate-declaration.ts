import { MINERALS } from '../../shared/metals';
import { DECLARATION_SHEET, PRODUCT_SHEET, SMELTER_SHEET } from '../cell-map';
import { isBlankDeclaration } from '../blank-declaration';
import type { Declaration } from '../declaration.schema';
import type { Finding } from '../finding';
import { checkCompanyBlock } from './company-block.rules';
import { checkCompanyIdentity } from './company-identity.rules';
import { checkCompanyQuestions } from './company-questions.rules';
import { cellPosition, compareColumns, compareText, ruleRank } from './finding-order';
import { checkMineralQuestions } from './mineral-questions.rules';
import { checkProductList } from './product-list.rules';
import { finding, RULE_IDS } from './rule-catalogue';
import { checkSmelterList } from './smelter-list.rules';
import { checkTemplateVersion } from './template-version.rules';

export interface EvaluationContext {
  /** When the response was received (ISO time); the effective date must not lie after it. */
  receivedAt: string;
  /** The period policy's oldest accepted CMRT revision (e.g. "6.1"); older answers get an error. */
  oldestAcceptedTemplateVersion?: string;
  /** The registered name of the supplier the response is recorded for; a different D8 makes the response unusable. */
  expectedCompanyName?: string;
  /** The reporting period (calendar year) asked about: an effective date before it is outdated. */
  period?: number;
  /** The day the CMRT was requested (YYYY-MM-DD): an effective date more than twelve months before it is outdated. */
  requestedOn?: string;
}

/**
 * Runs the RMI Checker rules (domain.md §1.7) and the review checks (§5) over one declaration.
 * Pure and deterministic: findings come sorted by sheet (workbook order), row, rule (catalogue order),
 * column, metal (Declaration order) and field, so the same declaration always yields the same list.
 */
export function evaluateDeclaration(declaration: Declaration, context: EvaluationContext): Finding[] {
  // A blank template is not an answer: the review says so in one finding, beside what RMI's Checker lists as
  // missing (the template's own Checker shows the same open items), and the response asks for one follow-up.
  const blank = isBlankDeclaration(declaration)
    ? [
        finding('review.declaration-blank', {
          field: 'declaration',
          cell: 'Declaration!D8',
          message:
            'The Declaration tab is blank (no company information, no answer to questions 1-8 or A-H): fill in the template and send it again.',
        }),
      ]
    : [];
  return sortFindings([
    ...blank,
    ...checkTemplateVersion(declaration, context.oldestAcceptedTemplateVersion),
    ...checkCompanyBlock(declaration, context),
    ...checkCompanyIdentity(declaration, context.expectedCompanyName),
    ...checkMineralQuestions(declaration),
    ...checkCompanyQuestions(declaration),
    ...checkSmelterList(declaration),
    ...checkProductList(declaration),
  ]);
}

/** Sheets in workbook order (the Checker sheet sits between Smelter List and Product List). */
const SHEET_ORDER = [DECLARATION_SHEET, SMELTER_SHEET, PRODUCT_SHEET];
const rank = ruleRank(RULE_IDS);

function metalOrder(finding: Finding): number {
  return finding.metal === undefined ? -1 : MINERALS.indexOf(finding.metal);
}

function compareFindings(a: Finding, b: Finding): number {
  const pa = cellPosition(a.cell, SHEET_ORDER);
  const pb = cellPosition(b.cell, SHEET_ORDER);
  return (
    pa.sheet - pb.sheet ||
    pa.row - pb.row ||
    rank(a.ruleId) - rank(b.ruleId) ||
    compareColumns(pa.column, pb.column) ||
    metalOrder(a) - metalOrder(b) ||
    compareText(a.field, b.field) ||
    compareText(a.message, b.message)
  );
}

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}
