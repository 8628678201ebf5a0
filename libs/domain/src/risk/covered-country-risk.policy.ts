import type { Finding } from '../declaration/finding';
import { METAL_LABELS, type Metal } from '../shared/metals';
import { AUDITED_STATUSES, type RmapStatus } from '../smelter/rmap-status';
import type { SmelterSighting } from '../smelter/smelter-sighting';
import type { RmapStatusLookup } from '../smelter/smelter-risk.policy';
import type { RaiseRisk } from './raise-risk.command';
import type { RiskSeverity } from './risk.events';

/**
 * Risks in proportion: a "Yes" to covered-country sourcing (Q3) is what the CMRT asks suppliers to
 * answer even when their smelters are RMAP conformant (domain.md §1.3). When every smelter the supplier
 * identified for that metal is conformant or cross-recognised on the RMAP status list in force, the
 * minerals from the covered countries pass through independently audited smelters: the risk is recorded
 * as monitored and low. It is high, as every other covered-country risk, when
 * - no RMAP status list has been imported (nothing to rely on);
 * - the supplier names no smelter for the metal;
 * - any row of that metal is not identified (not yet identified, unresolved, awaiting confirmation);
 * - any identified smelter of that metal is not conformant or cross-recognised (active, non-conformant,
 *   not on the list, ...).
 * The threshold is all of them, not most: one smelter without an audit is enough for covered-country
 * minerals to reach us unaudited. A monitored risk rises by itself when the facts change: a status list
 * on which one of its smelters lost its status (riseOfMonitoredRisk), or a resubmission naming an
 * unidentified smelter (the response's own judgement is high; the risk decider raises the open risk).
 */
export const COVERED_COUNTRY_SOURCING_RULE = 'review.covered-countries-sourcing';
export const PROPORTIONATE_STATUSES: readonly RmapStatus[] = AUDITED_STATUSES;

export type CoveredCountryJudgement =
  | {
      severity: Extract<RiskSeverity, 'low'>;
      monitored: true;
      /** The smelters it relies on, with their status. */
      reliedOn: Array<{ smelterId: string; status: RmapStatus }>;
      why: string;
    }
  | { severity: Extract<RiskSeverity, 'high'>; monitored: false; why: string };

/** Judges the covered-country sourcing a supplier declared for one metal, from its Smelter List rows of that metal. */
export function judgeCoveredCountrySourcing(
  metal: Metal,
  sightings: readonly SmelterSighting[],
  statuses: RmapStatusLookup,
): CoveredCountryJudgement {
  const label = METAL_LABELS[metal];
  const rows = sightings.filter((sighting) => sighting.metal === metal);
  const high = (why: string): CoveredCountryJudgement => ({ severity: 'high', monitored: false, why });
  if (statuses.asOf === null) return high('no RMAP status list has been imported to rely on');
  if (rows.length === 0) return high(`no ${label} smelter is identified`);
  const unidentified = rows.filter((row) => row.status !== 'matched' || !row.smelterId);
  if (unidentified.length > 0) {
    return high(
      `${label} smelter${unidentified.length === 1 ? '' : 's'} not identified: Smelter List row ${unidentified.map((row) => row.row).join(', ')}`,
    );
  }
  const reliedOn = [...new Map(rows.map((row) => [row.smelterId!, statuses.statusOf(metal, row.smelterId!)])).entries()];
  const unaudited = reliedOn.filter(([, status]) => status === null || !PROPORTIONATE_STATUSES.includes(status));
  if (unaudited.length > 0) {
    const described = unaudited.map(([smelterId, status]) => `${smelterId} ${status ?? 'not on the list'}`).join(', ');
    return high(
      `not every ${label} smelter is RMAP conformant or cross-recognised on the status list as of ${statuses.asOf} (${described})`,
    );
  }
  const audited = reliedOn.map(([smelterId, status]) => ({ smelterId, status: status as RmapStatus }));
  return {
    severity: 'low',
    monitored: true,
    reliedOn: audited,
    why: `monitored: every identified ${label} smelter is RMAP conformant or cross-recognised on the status list as of ${statuses.asOf} (${audited
      .map(({ smelterId, status }) => `${smelterId} ${status}`)
      .join(', ')}); it rises when one of them loses that status or an unidentified smelter appears`,
  };
}

/** The covered-country "Yes" findings of one metal are judged in proportion; "Unknown" (no knowledge) is not. */
export function isProportionable(findings: readonly Finding[]): boolean {
  return (
    findings.length > 0 && findings.every((finding) => finding.ruleId === COVERED_COUNTRY_SOURCING_RULE && finding.metal !== undefined)
  );
}

/** A covered-country risk raised low and monitored: what the engine needs to judge it again when statuses change. */
export interface MonitoredCoveredCountryRisk {
  riskId: string;
  supplierId: string;
  period: number;
  metal: Metal;
  /** The Smelter List rows of that metal in the response that raised it. */
  sightings: SmelterSighting[];
}

/**
 * A monitored risk judged against a new status list: the RaiseRisk that makes it high when it is no
 * longer in proportion (one of its smelters lost its status), null while it still is.
 */
export function riseOfMonitoredRisk(
  risk: MonitoredCoveredCountryRisk,
  statuses: RmapStatusLookup,
  sourceEventId: string,
): RaiseRisk | null {
  const judgement = judgeCoveredCountrySourcing(risk.metal, risk.sightings, statuses);
  if (judgement.monitored) return null;
  const changed = risk.sightings.find((row) => {
    const status = row.metal === risk.metal && row.smelterId ? statuses.statusOf(risk.metal, row.smelterId) : undefined;
    return status !== undefined && (status === null || !PROPORTIONATE_STATUSES.includes(status));
  });
  return {
    supplierId: risk.supplierId,
    period: risk.period,
    metal: risk.metal,
    category: 'covered-country-sourcing',
    severity: judgement.severity,
    reason: `${risk.supplierId} answered Yes to covered-country sourcing of ${METAL_LABELS[risk.metal]} (Q3) and ${judgement.why}.`,
    source: {
      kind: 'smelter-status',
      eventId: sourceEventId,
      ...(changed?.smelterId ? { rmapStatus: statuses.statusOf(risk.metal, changed.smelterId) } : {}),
      statusListAsOf: statuses.asOf,
      referenceListAsOf: risk.sightings[0]?.referenceListAsOf ?? null,
    },
  };
}
