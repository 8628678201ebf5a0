import type { Finding } from '../declaration/finding';
import { sightingsOfResponse } from '../smelter/smelter-sighting';
import type { RmapStatusLookup } from '../smelter/smelter-risk.policy';
import type { ResponseRecorded } from '../survey/survey.events';
import { isProportionable, judgeCoveredCountrySourcing, type MonitoredCoveredCountryRisk } from './covered-country-risk.policy';
import type { RaiseRisk } from './raise-risk.command';
import { riskIdFor } from './risk-id';
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
 * each citing the findings behind it. Pure, so the process manager only dispatches. Given the RMAP
 * status list in force, a covered-country "Yes" is judged in proportion (covered-country-risk.policy.ts).
 */
export function risksFromResponse(response: ResponseRecorded, responseEventId: string, statuses?: RmapStatusLookup): RaiseRisk[] {
  return proportionedRisksFromResponse(response, responseEventId, statuses).risks;
}

/** The risks, and those of them raised low and monitored (to be judged again when a status list changes). */
export function proportionedRisksFromResponse(
  response: ResponseRecorded,
  responseEventId: string,
  statuses?: RmapStatusLookup,
): { risks: RaiseRisk[]; monitored: MonitoredCoveredCountryRisk[] } {
  const groups = new Map<string, Finding[]>();
  for (const finding of response.findings) {
    if (finding.severity !== 'red-flag') continue;
    const key = `${riskCategoryOf(finding)}|${finding.metal ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), finding]);
  }
  const monitored: MonitoredCoveredCountryRisk[] = [];
  const risks = [...groups.entries()].map(([key, findings]): RaiseRisk => {
    const category = key.split('|')[0] as RiskCategory;
    const metal = findings[0].metal;
    const cited = findings.map((finding) => (finding.cell ? `${finding.cell}: ${finding.message}` : finding.message)).join('\n');
    const risk: RaiseRisk = {
      supplierId: response.supplierId,
      period: response.period,
      ...(metal ? { metal } : {}),
      category,
      severity: DEFAULT_SEVERITY[category],
      reason: cited,
      source: { kind: 'response-finding', eventId: responseEventId, ruleIds: [...new Set(findings.map((f) => f.ruleId))] },
    };
    if (category !== 'covered-country-sourcing' || !statuses || !metal || !isProportionable(findings)) return risk;
    const sightings = sightingsOfResponse(response).filter((sighting) => sighting.metal === metal && sighting.inScope);
    const judgement = judgeCoveredCountrySourcing(metal, sightings, statuses);
    if (!judgement.monitored) return risk;
    monitored.push({ riskId: riskIdFor(risk), supplierId: response.supplierId, period: response.period, metal, sightings });
    return { ...risk, severity: judgement.severity, reason: `Low, ${judgement.why}.\n${cited}` };
  });
  return { risks, monitored };
}
