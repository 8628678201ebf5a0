import type { Finding, FollowUpKind } from '../finding';
import { findingOf } from './rule-catalogue';

/**
 * The Checker rules of the EMRT 2.x (domain.md §1.10; its Checker sheet, rows 4-124) and the AMRT
 * 1.3 (its Checker sheet, rows 4-51), as rule-catalogue.ts has the CMRT's. Ids carry the family
 * ("emrt.checker.q1-required") so that they never mix with the CMRT's 3TG rules in events,
 * projections or the risk register. Every rule is an error: the template counts it as an open item.
 */
interface TemplateRuleDefinition {
  readonly id: string;
  readonly severity: 'error';
  readonly kind: FollowUpKind;
  readonly summary: string;
}

export const EMRT_RULES = [
  { id: 'emrt.checker.company-name', severity: 'error', kind: 'incomplete', summary: 'D8 company name is blank' },
  { id: 'emrt.checker.declaration-scope', severity: 'error', kind: 'incomplete', summary: 'D9 declaration scope is blank' },
  {
    id: 'emrt.checker.scope-description',
    severity: 'error',
    kind: 'incomplete',
    summary: 'D10 description blank while scope is user defined',
  },
  { id: 'emrt.checker.minerals-selected', severity: 'error', kind: 'incomplete', summary: 'no mineral selected in D12:G13' },
  { id: 'emrt.checker.contact-name', severity: 'error', kind: 'incomplete', summary: 'D19 contact name is blank' },
  {
    id: 'emrt.checker.contact-email',
    severity: 'error',
    kind: 'incomplete',
    summary: 'D20 contact e-mail has no "@" (blank: incomplete, else inaccurate)',
  },
  { id: 'emrt.checker.contact-phone', severity: 'error', kind: 'incomplete', summary: 'D21 contact phone is blank' },
  { id: 'emrt.checker.authorizer', severity: 'error', kind: 'incomplete', summary: 'D22 authorizer is blank' },
  {
    id: 'emrt.checker.authorizer-email',
    severity: 'error',
    kind: 'incomplete',
    summary: 'D24 authorizer e-mail has no "@" (blank: incomplete, else inaccurate)',
  },
  { id: 'emrt.checker.effective-date', severity: 'error', kind: 'incomplete', summary: 'D26 effective date is blank' },
  { id: 'emrt.checker.q1-required', severity: 'error', kind: 'incomplete', summary: 'Q1 blank for a selected mineral' },
  { id: 'emrt.checker.q2-required', severity: 'error', kind: 'incomplete', summary: 'Q2 blank unless Q1 is No, Unknown or Not declaring' },
  {
    id: 'emrt.checker.q3-required',
    severity: 'error',
    kind: 'incomplete',
    summary: 'Q3 blank unless Q1 is No/Unknown/Not declaring or Q2 is No/Unknown',
  },
  {
    id: 'emrt.checker.q4-required',
    severity: 'error',
    kind: 'incomplete',
    summary: 'Q4 blank unless Q1 is No/Unknown/Not declaring or Q2 is No/Unknown',
  },
  {
    id: 'emrt.checker.q5-required',
    severity: 'error',
    kind: 'incomplete',
    summary: 'Q5 blank unless Q1 is No/Unknown/Not declaring or Q2 is No/Unknown',
  },
  {
    id: 'emrt.checker.q6-required',
    severity: 'error',
    kind: 'incomplete',
    summary: 'Q6 blank unless Q1 is No/Unknown/Not declaring or Q2 is No/Unknown',
  },
  {
    id: 'emrt.checker.q7-required',
    severity: 'error',
    kind: 'incomplete',
    summary: 'Q7 blank unless Q1 is No/Unknown/Not declaring or Q2 is No/Unknown',
  },
  { id: 'emrt.checker.company-a-required', severity: 'error', kind: 'incomplete', summary: 'A blank while any mineral requires Q3' },
  { id: 'emrt.checker.company-b-required', severity: 'error', kind: 'incomplete', summary: 'B blank while any mineral requires Q3' },
  { id: 'emrt.checker.policy-url', severity: 'error', kind: 'incomplete', summary: 'B = Yes and G117 holds at most one character' },
  { id: 'emrt.checker.company-c-required', severity: 'error', kind: 'incomplete', summary: 'C blank for a mineral that requires Q3' },
  { id: 'emrt.checker.company-d-required', severity: 'error', kind: 'incomplete', summary: 'D blank while any mineral requires Q3' },
  { id: 'emrt.checker.company-e-required', severity: 'error', kind: 'incomplete', summary: 'E blank while any mineral requires Q3' },
  { id: 'emrt.checker.company-f-required', severity: 'error', kind: 'incomplete', summary: 'F blank while any mineral requires Q3' },
  { id: 'emrt.checker.company-g-required', severity: 'error', kind: 'incomplete', summary: 'G blank while any mineral requires Q3' },
  {
    id: 'emrt.checker.smelters-for-mineral',
    severity: 'error',
    kind: 'incomplete',
    summary: 'mineral requires Q3 but no Smelter List row has it and a look-up value',
  },
  {
    id: 'emrt.checker.smelter-not-listed-details',
    severity: 'error',
    kind: 'incomplete',
    summary: '"Smelter not listed" row without name (D) or country (E)',
  },
  { id: 'emrt.checker.product-list', severity: 'error', kind: 'incomplete', summary: 'scope is product and Product List B6 is blank' },
] as const satisfies readonly TemplateRuleDefinition[];

export const AMRT_RULES = [
  { id: 'amrt.checker.company-name', severity: 'error', kind: 'incomplete', summary: 'D8 company name is blank' },
  { id: 'amrt.checker.declaration-scope', severity: 'error', kind: 'incomplete', summary: 'D9 declaration scope is blank' },
  {
    id: 'amrt.checker.scope-description',
    severity: 'error',
    kind: 'incomplete',
    summary: 'D10 description blank while scope is user defined',
  },
  { id: 'amrt.checker.minerals-selected', severity: 'error', kind: 'incomplete', summary: 'no mineral selected in D12:I13' },
  {
    id: 'amrt.checker.other-mineral-name',
    severity: 'error',
    kind: 'incomplete',
    summary: '"Other [specify below]" chosen without a name in D15:I16',
  },
  { id: 'amrt.checker.contact-name', severity: 'error', kind: 'incomplete', summary: 'D20 contact name is blank' },
  {
    id: 'amrt.checker.contact-email',
    severity: 'error',
    kind: 'incomplete',
    summary: 'D21 contact e-mail has no "@" (blank: incomplete, else inaccurate)',
  },
  { id: 'amrt.checker.contact-phone', severity: 'error', kind: 'incomplete', summary: 'D22 contact phone is blank' },
  { id: 'amrt.checker.authorizer', severity: 'error', kind: 'incomplete', summary: 'D23 authorizer is blank' },
  {
    id: 'amrt.checker.authorizer-email',
    severity: 'error',
    kind: 'incomplete',
    summary: 'D25 authorizer e-mail has no "@" (blank: incomplete, else inaccurate)',
  },
  { id: 'amrt.checker.effective-date', severity: 'error', kind: 'incomplete', summary: 'D27 effective date is blank' },
  { id: 'amrt.checker.q1-required', severity: 'error', kind: 'incomplete', summary: 'Q1 blank for a selected mineral' },
  {
    id: 'amrt.checker.smelters-for-mineral',
    severity: 'error',
    kind: 'incomplete',
    summary: 'Q1 is not No/Unknown/Not declaring but no Smelter List row has the mineral',
  },
  {
    id: 'amrt.checker.smelter-not-listed-details',
    severity: 'error',
    kind: 'incomplete',
    summary: '"Smelter not listed" row without name (D) or country (E)',
  },
  { id: 'amrt.checker.product-list', severity: 'error', kind: 'incomplete', summary: 'scope is product and Product List B6 is blank' },
] as const satisfies readonly TemplateRuleDefinition[];

export type EmrtRuleId = (typeof EMRT_RULES)[number]['id'];
export type AmrtRuleId = (typeof AMRT_RULES)[number]['id'];
export type TemplateRuleId = EmrtRuleId | AmrtRuleId;

/** All EMRT and AMRT rule ids, in catalogue order (the order findings on one cell are listed in). */
export const TEMPLATE_RULE_IDS: readonly TemplateRuleId[] = [...EMRT_RULES, ...AMRT_RULES].map((rule) => rule.id);

const RULES_BY_ID: ReadonlyMap<string, TemplateRuleDefinition> = new Map([...EMRT_RULES, ...AMRT_RULES].map((rule) => [rule.id, rule]));

export function templateRuleDefinition(id: TemplateRuleId): TemplateRuleDefinition {
  return RULES_BY_ID.get(id) as TemplateRuleDefinition;
}

/** What a rule knows about one occurrence; severity and default kind come from the catalogue. */
export interface TemplateFindingDraft {
  field: string;
  cell: string;
  message: string;
  kind?: FollowUpKind;
}

export function templateFinding(id: TemplateRuleId, draft: TemplateFindingDraft): Finding {
  return findingOf(id, templateRuleDefinition(id), draft);
}
