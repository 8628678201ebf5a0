import type { Finding } from '../declaration/finding';
import { isMetal } from '../shared/metals';
import { sightingsOfResponse } from '../smelter/smelter-sighting';
import type { RmapStatusLookup } from '../smelter/smelter-risk.policy';
import type { EmrtResponseRecorded, ResponseRecorded } from '../survey/survey.events';
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
  // An EMRT mineral from (or perhaps from) a CAHRA: the same risk as a 3TG metal's, for cobalt, mica ...
  'review.emrt-cahra-sourcing': 'cahra-sourcing',
  'review.emrt-cahra-unknown': 'cahra-sourcing',
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
  const monitored: MonitoredCoveredCountryRisk[] = [];
  const risks = redFlagGroups(response.findings).map(({ category, findings }): RaiseRisk => {
    const risk = riskOfRedFlags(response, category, findings, responseEventId);
    const metal = risk.metal;
    // In proportion only where RMAP statuses are kept: the CMRT's metals.
    if (category !== 'covered-country-sourcing' || !statuses || !metal || !isMetal(metal) || !isProportionable(findings)) return risk;
    const sightings = sightingsOfResponse(response).filter((sighting) => sighting.metal === metal && sighting.inScope);
    const judgement = judgeCoveredCountrySourcing(metal, sightings, statuses);
    if (!judgement.monitored) return risk;
    monitored.push({ riskId: riskIdFor(risk), supplierId: response.supplierId, period: response.period, metal, sightings });
    return { ...risk, severity: judgement.severity, reason: `Low, ${judgement.why}.\n${risk.reason}` };
  });
  return { risks, monitored };
}

/**
 * The risks an EMRT response raises: as a CMRT's, one per (category, mineral) among its red flags
 * (a cobalt or mica sourced from CAHRAs is a cahra-sourcing risk of that mineral). Not in proportion:
 * no RMAP status of EMRT smelters is kept yet, so they are raised with their category's severity.
 */
export function risksFromEmrtResponse(response: EmrtResponseRecorded, responseEventId: string): RaiseRisk[] {
  return redFlagGroups(response.findings).map(({ category, findings }) => riskOfRedFlags(response, category, findings, responseEventId));
}

/** Red-flag findings grouped by (category, metal or mineral), in the order first seen. */
function redFlagGroups(findings: readonly Finding[]): Array<{ category: RiskCategory; findings: Finding[] }> {
  const groups = new Map<string, { category: RiskCategory; findings: Finding[] }>();
  for (const finding of findings) {
    if (finding.severity !== 'red-flag') continue;
    const category = riskCategoryOf(finding);
    const key = `${category}|${finding.metal ?? ''}`;
    const group = groups.get(key) ?? { category, findings: [] };
    group.findings.push(finding);
    groups.set(key, group);
  }
  return [...groups.values()];
}

function riskOfRedFlags(
  response: { supplierId: string; period: number },
  category: RiskCategory,
  findings: Finding[],
  responseEventId: string,
): RaiseRisk {
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
}
