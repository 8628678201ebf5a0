import type { Finding } from './finding';

/**
 * Whether a received response counts as an answer. A blank template, or a workbook naming another
 * company in D8, is received (it stays in the history and the campaign counts it as received) but
 * is not usable: the campaign's usable figures leave it out and a follow-up asks for a proper answer.
 * Judged from the review's own findings, so that the rule has one home each:
 * - blank: `review.declaration-blank` (blank-declaration.ts says what blank is);
 * - another company: `review.company-name-mismatch` (company-identity.rules.ts, the D8 check).
 */
export const RESPONSE_USABILITIES = ['usable', 'blank', 'another-company'] as const;
export type ResponseUsability = (typeof RESPONSE_USABILITIES)[number];

export const BLANK_DECLARATION_RULE = 'review.declaration-blank';
export const ANOTHER_COMPANY_RULE = 'review.company-name-mismatch';

export function usabilityOf(findings: readonly Pick<Finding, 'ruleId'>[]): ResponseUsability {
  if (findings.some((finding) => finding.ruleId === BLANK_DECLARATION_RULE)) return 'blank';
  if (findings.some((finding) => finding.ruleId === ANOTHER_COMPANY_RULE)) return 'another-company';
  return 'usable';
}
