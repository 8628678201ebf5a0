import { AUDITED_STATUSES, METALS, MINERALS, type Mineral, type RmapStatus } from '@dd/domain';

/** OECD step 4 for one metal (or EMRT mineral): how many identified smelters we can rely on an independent audit for. */
export interface MetalConformance {
  metal: Mineral;
  /** Distinct smelters (CIDs) named in the period's latest responses for the metal in scope. */
  identified: number;
  /** Of those, RMAP conformant or cross-recognized (AUDITED_STATUSES). */
  conformant: number;
  /** RMAP active: an assessment is under way. */
  active: number;
  /** Everything else: non-conformant, suspended, eligible, not on the status list, ... */
  other: number;
  /** conformant / identified; null when no smelter is identified for the metal. */
  share: number | null;
}

/**
 * Per metal, in the CMRT's order, then per EMRT mineral (cobalt ... nickel), from the distinct
 * identified smelters and their current RMAP status. The four 3TG metals always have a row (as
 * before the EMRT); an EMRT mineral only when a smelter of it is identified, so a company that sends
 * no EMRT sees no six empty rows.
 */
export function conformanceByMetal(smelters: Iterable<{ metal: Mineral; status: RmapStatus | null }>): MetalConformance[] {
  const counts = new Map<Mineral, MetalConformance>(
    MINERALS.map((metal) => [metal, { metal, identified: 0, conformant: 0, active: 0, other: 0, share: null }]),
  );
  for (const { metal, status } of smelters) {
    const entry = counts.get(metal);
    if (!entry) continue;
    entry.identified++;
    if (status !== null && AUDITED_STATUSES.includes(status)) entry.conformant++;
    else if (status === 'active') entry.active++;
    else entry.other++;
  }
  return [...counts.values()]
    .filter((entry) => (METALS as readonly Mineral[]).includes(entry.metal) || entry.identified > 0)
    .map((entry) => ({ ...entry, share: entry.identified ? entry.conformant / entry.identified : null }));
}
