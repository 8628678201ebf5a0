import type { Finding } from '../declaration/finding';
import type { Workflow, WorkflowCommand } from '../shared/workflow';
import type { ResponseRecorded } from '../survey/survey.events';
import type { RaiseRisk } from './raise-risk.command';
import type { RiskCategory, RiskSeverity } from './risk.events';

/**
 * Which register category each red-flag rule of the Checker/review belongs to. A red-flag rule not
 * listed here still becomes a risk, as a due-diligence gap, rather than being dropped.
 */
const CATEGORY_BY_RULE: Record<string, RiskCategory> = {
  'review.covered-countries-sourcing': 'covered-country-sourcing',
  'review.covered-countries-unknown': 'covered-country-sourcing',
  'review.cahra-sourcing': 'cahra-sourcing',
  'review.cahra-unknown': 'cahra-sourcing',
  // "No covered-country sourcing" while not all smelters are identified cannot be known.
  'review.covered-countries-unverified': 'smelters-not-identified',
  'review.smelters-not-all-identified': 'smelters-not-identified',
  'review.smelter-info-not-all-reported': 'smelters-not-identified',
  'review.smelter-not-yet-identified': 'unidentified-smelter',
  'review.metal-without-smelters': 'metal-without-smelters',
  'review.supplier-response-below-100': 'incomplete-supplier-data',
};

/** The severity a risk is raised with, by category, until AssessRisk replaces it. */
export const DEFAULT_SEVERITY: Record<RiskCategory, RiskSeverity> = {
  'non-conflict-free-smelter': 'high',
  'covered-country-sourcing': 'high',
  'cahra-sourcing': 'high',
  'unidentified-smelter': 'medium',
  'metal-without-smelters': 'medium',
  'smelters-not-identified': 'medium',
  'incomplete-supplier-data': 'low',
  'due-diligence-gap': 'low',
  // Raised by the smelter-status process manager (smelter-risk.policy.ts), not by findings; listed
  // so every category has its default severity in one place.
  'non-conformant-smelter': 'high',
  'smelter-not-audited': 'medium',
  'unknown-smelter': 'medium',
  // Raised from a grievance (grievance-risk.policy.ts): an allegation, to be assessed.
  grievance: 'high',
  // Raised by the reminder scheduler when an escalated request is still unanswered: no data is a gap to assess.
  'non-response': 'medium',
};

export function riskCategoryOf(finding: Finding): RiskCategory {
  return CATEGORY_BY_RULE[finding.ruleId] ?? 'due-diligence-gap';
}

/**
 * The risks a recorded response raises: one per (category, metal) among its red-flag findings,
 * each citing the findings behind it. Pure, so the process manager only dispatches.
 */
export function risksFromResponse(response: ResponseRecorded, responseEventId: string): RaiseRisk[] {
  const groups = new Map<string, Finding[]>();
  for (const finding of response.findings) {
    if (finding.severity !== 'red-flag') continue;
    const key = `${riskCategoryOf(finding)}|${finding.metal ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), finding]);
  }
  return [...groups.entries()].map(([key, findings]) => {
    const category = key.split('|')[0] as RiskCategory;
    const metal = findings[0].metal;
    return {
      supplierId: response.supplierId,
      period: response.period,
      ...(metal ? { metal } : {}),
      category,
      severity: DEFAULT_SEVERITY[category],
      reason: findings.map((finding) => (finding.cell ? `${finding.cell}: ${finding.message}` : finding.message)).join('\n'),
      source: { kind: 'response-finding', eventId: responseEventId, ruleIds: [...new Set(findings.map((f) => f.ruleId))] },
    };
  });
}

/**
 * "A response's red flags raise risks", as a workflow: each recorded response's risks, sent with ids
 * derived from the response event and what the risk is about, so a replayed event raises nothing twice.
 */
export const riskFromFindingsWorkflow: Workflow<'ResponseRecorded', WorkflowCommand<'RaiseRisk'>> = {
  name: 'risk-from-findings',
  actor: 'system:risk-from-findings',
  handles: ['ResponseRecorded'],
  decide: ({ data, metadata: { eventId } }) => ({
    commands: risksFromResponse(data, eventId).map((risk) => ({
      name: 'RaiseRisk',
      data: risk,
      commandId: `risk-from-findings/${eventId}/${risk.category}/${risk.metal ?? 'all'}`,
    })),
    changes: [],
  }),
};
