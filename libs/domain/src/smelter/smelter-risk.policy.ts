import type { RaiseRisk } from '../risk/raise-risk.command';
import { riskIdFor } from '../risk/risk-id';
import type { RiskCategory, RiskSeverity } from '../risk/risk.events';
import { MINERAL_LABELS, type Mineral } from '../shared/metals';
import { AUDITED_STATUSES, type RmapStatus, type RmapStatusEntry } from './rmap-status';
import type { SmelterSighting } from './smelter-sighting';

/** The register categories this policy raises; the first two close by themselves when an audit result arrives. */
export type SmelterRiskCategory = Extract<RiskCategory, 'non-conformant-smelter' | 'smelter-not-audited' | 'unknown-smelter'>;
export const STATUS_RESOLVABLE_CATEGORIES: readonly SmelterRiskCategory[] = ['non-conformant-smelter', 'smelter-not-audited'];

/** The RMAP status list the sightings are judged against. */
export interface RmapStatusLookup {
  /** As-of date of the latest imported list; null when none has been imported. */
  asOf: string | null;
  /** The smelter's status on that list; null when it is not on it. */
  statusOf(metal: Mineral, smelterId: string): RmapStatus | null;
}

/** The lookup of a status list given in full (null: no list in force). */
export function statusLookupOf(list: { asOf: string; entries: readonly RmapStatusEntry[] } | null): RmapStatusLookup {
  const statuses = new Map((list?.entries ?? []).map((entry) => [entry.smelterId, entry.status]));
  return { asOf: list?.asOf ?? null, statusOf: (_metal, smelterId) => statuses.get(smelterId) ?? null };
}

export type SmelterVerdict =
  { risk: SmelterRiskCategory; severity: RiskSeverity; rmapStatus: RmapStatus | null; why: string } | { risk: null; why: string };

/**
 * Whether one Smelter List row is a risk, and which (OECD step 2 "assess whether smelters did the due
 * diligence", step 4 "rely on independent audits"):
 *
 * - metal not in scope (Q1/Q2 not both Yes): no risk — the Checker flags the row itself.
 * - "Smelter not yet identified": no risk here — the response's findings already raise one
 *   'unidentified-smelter' risk per metal (risks-from-findings.policy.ts); raising it twice would split it.
 * - unresolved / needs confirmation (not on the reference list): 'unknown-smelter', medium — we cannot
 *   tell whether it is audited. Only judged when the row was matched against a reference list at all.
 * - matched CID, judged against the latest RMAP status list (none imported: not judged yet):
 *   - non-conformant or suspended: 'non-conformant-smelter', high — an audit found it failing.
 *   - conformant or cross-recognized: no risk — independently audited (AUDITED_STATUSES).
 *   - active: no risk — its RMAP assessment is under way; the register's smelter view shows it.
 *   - not on the list, eligible, in communication, outreach required: 'smelter-not-audited', medium —
 *     RMI: "not on the list ⇒ not assessed or not conformant". No evidence of harm, but no audit to rely
 *     on either, so below a failed audit and above a paperwork gap.
 */
export function judgeSighting(sighting: SmelterSighting, statuses: RmapStatusLookup): SmelterVerdict {
  if (!sighting.metal || !sighting.inScope) return { risk: null, why: 'the metal is not in scope of the declaration' };
  switch (sighting.status) {
    case 'unidentified':
      return { risk: null, why: "not yet identified: raised per metal as 'unidentified-smelter' from the response's findings" };
    case 'unresolved':
    case 'needs-confirmation':
      if (sighting.referenceListAsOf === null) return { risk: null, why: 'no reference list was imported to match the row against' };
      if (!sighting.name) return { risk: null, why: 'the row names no smelter' };
      return { risk: 'unknown-smelter', severity: 'medium', rmapStatus: null, why: 'not on the reference list' };
    case 'matched': {
      if (!sighting.smelterId) return { risk: null, why: 'matched without a smelter id' };
      if (statuses.asOf === null) return { risk: null, why: 'no RMAP status list imported yet' };
      const status = statuses.statusOf(sighting.metal, sighting.smelterId);
      if (status === 'non-conformant' || status === 'suspended') {
        return { risk: 'non-conformant-smelter', severity: 'high', rmapStatus: status, why: `RMAP ${status}` };
      }
      if (status !== null && AUDITED_STATUSES.includes(status)) return { risk: null, why: `RMAP ${status}` };
      if (status === 'active') return { risk: null, why: 'RMAP active: assessment under way' };
      return {
        risk: 'smelter-not-audited',
        severity: 'medium',
        rmapStatus: status,
        why: status ? `RMAP ${status}, not audited` : 'not on the RMAP status list',
      };
    }
  }
}

/** A risk raised by a status change closes by itself only when the smelter gets an audit result to rely on. */
export function statusResolvesSmelterRisks(status: RmapStatus | null): boolean {
  return status !== null && AUDITED_STATUSES.includes(status);
}

const rowList = (rows: number[]) => (rows.length === 1 ? `Smelter List row ${rows[0]}` : `Smelter List rows ${rows.join(', ')}`);

/**
 * The RaiseRisk commands for a set of sightings (a response's rows, or the rows naming smelters whose
 * status changed): one per register entry — per smelter for status risks, per supplier and metal for
 * rows we cannot place — so rows naming the same smelter twice raise it once.
 */
export function smelterRisks(sightings: readonly SmelterSighting[], statuses: RmapStatusLookup, sourceEventId: string): RaiseRisk[] {
  const groups = new Map<string, { verdict: Extract<SmelterVerdict, { risk: SmelterRiskCategory }>; sightings: SmelterSighting[] }>();
  for (const sighting of sightings) {
    const verdict = judgeSighting(sighting, statuses);
    if (verdict.risk === null) continue;
    const smelterId = verdict.risk === 'unknown-smelter' ? undefined : sighting.smelterId;
    const key = riskIdFor({
      period: sighting.period,
      supplierId: sighting.supplierId,
      category: verdict.risk,
      metal: sighting.metal,
      smelterId,
    });
    const group = groups.get(key);
    if (group) group.sightings.push(sighting);
    else groups.set(key, { verdict, sightings: [sighting] });
  }
  return [...groups.values()].map(({ verdict, sightings: rows }) => {
    const first = rows[0];
    const metal = first.metal!;
    const named = `named by ${first.supplierId} in response ${first.responseNumber}, ${rowList(rows.map((row) => row.row))}`;
    const smelter = `${MINERAL_LABELS[metal]} smelter ${first.smelterId}${first.standardName ? ` (${first.standardName})` : ''}`;
    const listed = `the RMAP status list as of ${statuses.asOf}`;
    let reason: string;
    if (verdict.risk === 'non-conformant-smelter') reason = `${smelter} is ${verdict.rmapStatus} on ${listed}; ${named}.`;
    else if (verdict.risk === 'smelter-not-audited') {
      reason = verdict.rmapStatus
        ? `${smelter} is "${verdict.rmapStatus}" on ${listed}, not independently audited; ${named}.`
        : `${smelter} is not on ${listed}, so not independently audited; ${named}.`;
    } else {
      const described = rows.map(
        (row) => `row ${row.row} "${row.name}" (${row.status === 'needs-confirmation' ? 'needs confirmation' : 'unresolved'})`,
      );
      reason = `${MINERAL_LABELS[metal]} smelters named by ${first.supplierId} in response ${first.responseNumber} are not on the reference list as of ${first.referenceListAsOf}: ${described.join('; ')}.`;
    }
    return {
      supplierId: first.supplierId,
      period: first.period,
      metal,
      ...(verdict.risk === 'unknown-smelter' ? {} : { smelterId: first.smelterId }),
      category: verdict.risk,
      severity: verdict.severity,
      reason,
      source: {
        kind: 'smelter-status',
        eventId: sourceEventId,
        ...(verdict.risk === 'unknown-smelter' ? {} : { rmapStatus: verdict.rmapStatus }),
        statusListAsOf: statuses.asOf,
        referenceListAsOf: first.referenceListAsOf,
      },
    } satisfies RaiseRisk;
  });
}
