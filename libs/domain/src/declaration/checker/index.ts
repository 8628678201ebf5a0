/** The declaration checker: RMI Checker rules (domain.md §1.7) and review checks (§5) as one pure function. */
export { evaluateDeclaration, sortFindings, type EvaluationContext } from './evaluate-declaration';
export { summariseFindings, type FindingsSummary } from './summarise-findings';
export { RULES, RULE_IDS, ruleDefinition, type RuleId } from './rule-catalogue';
export { isBlank } from './text';
export { sanitiseDeclarationText } from './text-characters.rules';
export { evaluateEmrtDeclaration, evaluateAmrtDeclaration } from './evaluate-template-declaration';
export { EMRT_RULES, AMRT_RULES, TEMPLATE_RULE_IDS, type TemplateRuleId } from './template-rule-catalogue';
