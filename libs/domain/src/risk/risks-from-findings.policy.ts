import type { Finding } from '../declaration/finding';
import type { ResponseRecorded } from '../survey/survey.events';
import type { RaiseRisk } from './raise-risk.command';
import type { RiskCategory, RiskSeverity } from './risk.events';

/**
 * Which register category a red-flag finding belongs to. Matching on the rule id keeps the
 * Checker free of risk vocabulary; a red flag no pattern knows still becomes a due-diligence gap
 * rather than being dropped.
 */
const CATEGORY_BY_RULE: Array<[RegExp, RiskCategory]> = [
  [/covered-countr/, 'covered-country-sourcing'],
  [/cahra/, 'cahra-sourcing'],
  [/not-yet-identified|unidentified/, 'unidentified-smelter'],
  [/without-smelters|no-smelters/, 'metal-without-smelters'],
  [/all-smelters|smelters-identified|smelter-info|q7|q8|cannot-know/, 'smelters-not-identified'],
  [/supplier-response|q6|response-rate/, 'incomplete-supplier-data'],
];

const SEVERITY: Record<RiskCategory, RiskSeverity> = {
  'non-conflict-free-smelter': 'high',
  'covered-country-sourcing': 'high',
  'cahra-sourcing': 'high',
  'unidentified-smelter': 'medium',
  'metal-without-smelters': 'medium',
  'smelters-not-identified': 'medium',
  'incomplete-supplier-data': 'low',
  'due-diligence-gap': 'low',
};

export function riskCategoryOf(finding: Finding): RiskCategory {
  return CATEGORY_BY_RULE.find(([pattern]) => pattern.test(finding.ruleId))?.[1] ?? 'due-diligence-gap';
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
      severity: SEVERITY[category],
      reason: findings.map((finding) => (finding.cell ? `${finding.cell}: ${finding.message}` : finding.message)).join('\n'),
      source: { kind: 'response-finding', eventId: responseEventId, ruleIds: [...new Set(findings.map((f) => f.ruleId))] },
    };
  });
}
