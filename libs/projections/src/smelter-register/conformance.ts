import { AUDITED_STATUSES, METALS, type Metal, type RmapStatus } from '@dd/domain';

/** OECD step 4 for one metal: how many identified smelters we can rely on an independent audit for. */
export interface MetalConformance {
  metal: Metal;
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

/** Per metal, in the CMRT's order, from the distinct identified smelters and their current RMAP status. */
export function conformanceByMetal(smelters: Iterable<{ metal: Metal; status: RmapStatus | null }>): MetalConformance[] {
  const counts = new Map<Metal, MetalConformance>(
    METALS.map((metal) => [metal, { metal, identified: 0, conformant: 0, active: 0, other: 0, share: null }]),
  );
  for (const { metal, status } of smelters) {
    const entry = counts.get(metal);
    if (!entry) continue;
    entry.identified++;
    if (status !== null && AUDITED_STATUSES.includes(status)) entry.conformant++;
    else if (status === 'active') entry.active++;
    else entry.other++;
  }
  return [...counts.values()].map((entry) => ({ ...entry, share: entry.identified ? entry.conformant / entry.identified : null }));
}
