import type { Mineral } from '../../shared/metals';
import type { Finding, FindingSeverity, FollowUpKind } from '../finding';

/**
 * Every rule the evaluator can report, with its one severity and the follow-up kind its errors call
 * for. `checker.*` reproduce the RMI Checker sheet (domain.md §1.7); `review.*` are the reviewer
 * checks of §5. Rule ids are stable: events, projections and the risk register key on them.
 */
interface RuleDefinition {
  readonly id: string;
  readonly severity: FindingSeverity;
  /** Default follow-up kind (required for errors; a finding may override it, e.g. blank vs. malformed e-mail). */
  readonly kind?: FollowUpKind;
  readonly summary: string;
}

export const RULES = [
  // ---- Company block (Declaration D8-D22) --------------------------------------------------------
  { id: 'checker.company-name', severity: 'error', kind: 'incomplete', summary: 'D8 company name is blank' },
  { id: 'checker.declaration-scope', severity: 'error', kind: 'incomplete', summary: 'D9 declaration scope is blank' },
  { id: 'checker.scope-description', severity: 'error', kind: 'incomplete', summary: 'D10 description blank while scope is user defined' },
  { id: 'checker.contact-name', severity: 'error', kind: 'incomplete', summary: 'D15 contact name is blank' },
  {
    id: 'checker.contact-email',
    severity: 'error',
    kind: 'incomplete',
    summary: 'D16 contact e-mail has no "@" (blank: incomplete, else inaccurate)',
  },
  { id: 'checker.contact-phone', severity: 'error', kind: 'incomplete', summary: 'D17 contact phone is blank' },
  { id: 'checker.authorizer', severity: 'error', kind: 'incomplete', summary: 'D18 authorizer is blank' },
  {
    id: 'checker.authorizer-email',
    severity: 'error',
    kind: 'incomplete',
    summary: 'D20 authorizer e-mail has no "@" (blank: incomplete, else inaccurate)',
  },
  { id: 'checker.effective-date', severity: 'error', kind: 'incomplete', summary: 'D22 effective date is blank' },
  {
    id: 'review.contact-placeholder',
    severity: 'warning',
    kind: 'inaccurate',
    summary: 'contact name or phone is "same", "n/a" or similar',
  },
  { id: 'review.authorizer-same', severity: 'error', kind: 'inaccurate', summary: 'authorizer given as "same" (the template forbids it)' },
  { id: 'review.authorizer-placeholder', severity: 'warning', kind: 'inaccurate', summary: 'authorizer is "n/a" or similar' },
  {
    id: 'review.contact-email-format',
    severity: 'warning',
    kind: 'inaccurate',
    summary: 'contact e-mail has "@" but is not a plausible address',
  },
  {
    id: 'review.authorizer-email-format',
    severity: 'warning',
    kind: 'inaccurate',
    summary: 'authorizer e-mail has "@" but is not a plausible address',
  },
  { id: 'review.effective-date-unparseable', severity: 'error', kind: 'inaccurate', summary: 'effective date cannot be read as a date' },
  {
    id: 'review.effective-date-too-early',
    severity: 'error',
    kind: 'inaccurate',
    summary: 'effective date before 1-Jan-2007 (template validation)',
  },
  {
    id: 'review.effective-date-in-future',
    severity: 'warning',
    kind: 'inaccurate',
    summary: 'effective date after the response was received',
  },
  {
    id: 'review.effective-date-outdated',
    severity: 'error',
    kind: 'outdated',
    summary: 'effective date before the reporting period, or more than twelve months before the request',
  },
  {
    id: 'review.company-name-mismatch',
    severity: 'error',
    kind: 'unusable',
    summary: "D8 names another company than the supplier the response was recorded for: not this supplier's answer",
  },
  {
    id: 'review.declaration-blank',
    severity: 'error',
    kind: 'unusable',
    summary: 'no company-block field, no mineral answer and no company question answered: a blank template, not an answer',
  },
  {
    id: 'review.template-version-too-old',
    severity: 'error',
    kind: 'inaccurate',
    summary: "CMRT revision older than the period policy's oldest accepted one",
  },
  {
    id: 'review.text-control-characters',
    severity: 'warning',
    kind: 'inaccurate',
    summary: 'a cell holds control characters or direction overrides (NUL, ESC, U+202E...): recorded with each replaced by U+FFFD',
  },

  // ---- Questions 1-8 per metal --------------------------------------------------------------------
  { id: 'checker.q1-required', severity: 'error', kind: 'incomplete', summary: 'Q1 blank' },
  { id: 'checker.q2-required', severity: 'error', kind: 'incomplete', summary: 'Q2 blank while Q1 ≠ No (also while Q1 is blank)' },
  { id: 'checker.q3-required', severity: 'error', kind: 'incomplete', summary: 'Q3 blank while Q1 ≠ No and Q2 ≠ No' },
  { id: 'checker.q4-required', severity: 'error', kind: 'incomplete', summary: 'Q4 blank while Q1 ≠ No and Q2 ≠ No' },
  { id: 'checker.q5-required', severity: 'error', kind: 'incomplete', summary: 'Q5 blank while Q1 ≠ No and Q2 ≠ No' },
  { id: 'checker.q6-required', severity: 'error', kind: 'incomplete', summary: 'Q6 blank while Q1 ≠ No and Q2 ≠ No' },
  { id: 'checker.q7-required', severity: 'error', kind: 'incomplete', summary: 'Q7 blank while Q1 ≠ No and Q2 ≠ No' },
  { id: 'checker.q8-required', severity: 'error', kind: 'incomplete', summary: 'Q8 blank while Q1 ≠ No and Q2 ≠ No' },
  { id: 'review.mineral-answer-invalid', severity: 'error', kind: 'inaccurate', summary: 'Q1-Q8 answer is not one of the dropdown values' },
  { id: 'review.out-of-scope-answers-ignored', severity: 'info', summary: 'Q2-Q8 answered for a metal declared out of scope (ignored)' },
  { id: 'review.covered-countries-sourcing', severity: 'red-flag', summary: 'Q3 = Yes: smelters source from the covered countries' },
  { id: 'review.covered-countries-unknown', severity: 'red-flag', summary: 'Q3 = Unknown: covered-country sourcing not known' },
  { id: 'review.cahra-sourcing', severity: 'red-flag', summary: 'Q4 = Yes: smelters source from CAHRAs' },
  { id: 'review.cahra-unknown', severity: 'red-flag', summary: 'Q4 = Unknown: CAHRA sourcing not known' },
  // EMRT 2.x (domain.md §1.10): its question 3 asks whether an in-scope mineral comes from CAHRAs.
  {
    id: 'review.emrt-cahra-sourcing',
    severity: 'red-flag',
    summary: 'EMRT Q3 = Yes: the mineral (cobalt, mica ...) is sourced from CAHRAs',
  },
  { id: 'review.emrt-cahra-unknown', severity: 'red-flag', summary: 'EMRT Q3 = Unknown: CAHRA sourcing of the mineral not known' },
  {
    id: 'review.sourcing-yes-without-comment',
    severity: 'warning',
    kind: 'incomplete',
    summary: 'Q3/Q4 = Yes not substantiated in the comment',
  },
  { id: 'review.covered-countries-unverified', severity: 'red-flag', summary: 'Q3 = No while Q7 = No (not all smelters identified)' },
  { id: 'review.supplier-response-below-100', severity: 'red-flag', summary: 'Q6 below 100%' },
  { id: 'review.smelters-not-all-identified', severity: 'red-flag', summary: 'Q7 = No' },
  { id: 'review.smelter-info-not-all-reported', severity: 'red-flag', summary: 'Q8 = No' },

  // ---- Company questions A-H ----------------------------------------------------------------------
  { id: 'checker.company-a-required', severity: 'error', kind: 'incomplete', summary: 'A blank while any metal requires Q3' },
  { id: 'checker.company-b-required', severity: 'error', kind: 'incomplete', summary: 'B blank while any metal requires Q3' },
  { id: 'checker.company-c-required', severity: 'error', kind: 'incomplete', summary: 'C blank while any metal requires Q3' },
  { id: 'checker.company-d-required', severity: 'error', kind: 'incomplete', summary: 'D blank while any metal requires Q3' },
  { id: 'checker.company-e-required', severity: 'error', kind: 'incomplete', summary: 'E blank while any metal requires Q3' },
  { id: 'checker.company-f-required', severity: 'error', kind: 'incomplete', summary: 'F blank while any metal requires Q3' },
  { id: 'checker.company-g-required', severity: 'error', kind: 'incomplete', summary: 'G blank while any metal requires Q3' },
  { id: 'checker.company-h-required', severity: 'error', kind: 'incomplete', summary: 'H blank while any metal requires Q3' },
  { id: 'checker.policy-url', severity: 'error', kind: 'incomplete', summary: 'B = Yes and G77 holds at most one character' },
  { id: 'review.company-answer-invalid', severity: 'error', kind: 'inaccurate', summary: 'A-H answer is not one of the dropdown values' },
  { id: 'review.policy-url-not-url', severity: 'warning', kind: 'inaccurate', summary: 'B = Yes and G77 holds no URL' },
  {
    id: 'review.survey-format-undescribed',
    severity: 'error',
    kind: 'incomplete',
    summary: 'E = "other format" without a description in G83',
  },
  { id: 'review.no-sourcing-policy', severity: 'red-flag', summary: 'A = No' },
  { id: 'review.no-validated-smelter-requirement', severity: 'red-flag', summary: 'C = No' },
  { id: 'review.no-due-diligence-measures', severity: 'red-flag', summary: 'D = No' },
  { id: 'review.no-supplier-survey', severity: 'red-flag', summary: 'E = No' },
  { id: 'review.no-supplier-review', severity: 'red-flag', summary: 'F = No' },
  { id: 'review.no-corrective-action', severity: 'red-flag', summary: 'G = No' },

  // ---- Smelter List -------------------------------------------------------------------------------
  {
    id: 'checker.smelters-for-metal',
    severity: 'error',
    kind: 'incomplete',
    summary: 'metal requires Q3 but no row has that metal and a look-up value',
  },
  {
    id: 'checker.smelter-not-listed-details',
    severity: 'error',
    kind: 'incomplete',
    summary: '"Smelter not listed" row without name (D) or country (E)',
  },
  { id: 'review.metal-without-smelters', severity: 'red-flag', summary: 'in-scope metal without any smelter row' },
  { id: 'review.smelter-not-yet-identified', severity: 'red-flag', summary: 'row says "Smelter not yet identified"' },
  { id: 'review.smelter-metal-out-of-scope', severity: 'warning', kind: 'inconsistent', summary: 'rows for a metal that is not in scope' },
  { id: 'review.smelter-metal-missing', severity: 'error', kind: 'incomplete', summary: 'row has data but no metal (B)' },
  { id: 'review.smelter-lookup-missing', severity: 'error', kind: 'incomplete', summary: 'row has a metal but no look-up value (C)' },
  {
    id: 'review.duplicate-smelter-row',
    severity: 'warning',
    kind: 'inconsistent',
    summary: 'same metal and smelter id (or look-up, name and country) as an earlier row',
  },
  { id: 'review.smelter-id-format', severity: 'warning', kind: 'inaccurate', summary: 'smelter id is not CID + 6 digits' },
  {
    id: 'review.smelter-id-input-mismatch',
    severity: 'warning',
    kind: 'inconsistent',
    summary: 'id typed in column A differs from the id in column F',
  },
  {
    id: 'review.smelter-name-placeholder',
    severity: 'warning',
    kind: 'inaccurate',
    summary: 'look-up or name is "N/A", "-", "none", "unknown", "TBD"…',
  },
  {
    id: 'review.smelter-invalid-characters',
    severity: 'warning',
    kind: 'inaccurate',
    summary: 'name or country contains "!" or starts with "=" or "#"',
  },

  // ---- Product List -------------------------------------------------------------------------------
  { id: 'checker.product-list', severity: 'error', kind: 'incomplete', summary: 'scope is product and Product List B6 is blank' },
  {
    id: 'review.product-number-missing',
    severity: 'error',
    kind: 'incomplete',
    summary: 'scope is product and a product row has no number',
  },
  { id: 'review.products-outside-product-scope', severity: 'info', summary: 'products listed although the scope is not product' },
] as const satisfies readonly RuleDefinition[];

export type RuleId = (typeof RULES)[number]['id'];

/** All rule ids, in catalogue order. */
export const RULE_IDS: readonly RuleId[] = RULES.map((rule) => rule.id);

const RULES_BY_ID: ReadonlyMap<string, RuleDefinition> = new Map(RULES.map((rule) => [rule.id, rule]));

export function ruleDefinition(id: RuleId): RuleDefinition {
  return RULES_BY_ID.get(id) as RuleDefinition;
}

/** What a rule knows about one occurrence; severity and default kind come from the catalogue. */
export interface FindingDraft {
  field: string;
  cell: string;
  message: string;
  metal?: Mineral;
  smelterId?: string;
  kind?: FollowUpKind;
}

export function finding(id: RuleId, draft: FindingDraft): Finding {
  return findingOf(id, ruleDefinition(id), draft);
}

/** One occurrence of a rule of any template's catalogue: severity and default kind from its definition, the rest from the draft. */
export function findingOf(ruleId: string, rule: Pick<RuleDefinition, 'severity' | 'kind'>, draft: FindingDraft): Finding {
  const kind = draft.kind ?? rule.kind;
  return {
    ruleId,
    severity: rule.severity,
    field: draft.field,
    cell: draft.cell,
    ...(draft.metal !== undefined ? { metal: draft.metal } : {}),
    ...(draft.smelterId !== undefined ? { smelterId: draft.smelterId } : {}),
    ...(kind !== undefined ? { kind } : {}),
    message: draft.message,
  };
}
