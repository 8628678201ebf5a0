import { CommandRefused } from '../shared/command-refused';
import type { Decider } from '../shared/decider';
import type { ImportRmapStatusList, RmapStatus, RmapStatusChange, RmapStatusEntry, RmapStatusListImported } from './rmap-status';

export type RmapStatusEvent = { type: 'RmapStatusListImported'; data: RmapStatusListImported };

export interface RmapStatusState {
  latest: { asOf: string; sha256: string; statuses: Map<string, RmapStatusEntry> } | null;
}

const keyOf = (entry: { metal: string; smelterId: string }) => `${entry.metal}|${entry.smelterId}`;

/** Status changes between two lists, by (metal, CID), sorted by CID. */
export function diffRmapStatuses(previous: ReadonlyMap<string, RmapStatusEntry>, entries: readonly RmapStatusEntry[]): RmapStatusChange[] {
  const next = new Map(entries.map((entry) => [keyOf(entry), entry]));
  const changes: RmapStatusChange[] = [];
  for (const [key, entry] of next) {
    const from: RmapStatus | null = previous.get(key)?.status ?? null;
    if (from !== entry.status) changes.push({ metal: entry.metal, smelterId: entry.smelterId, from, to: entry.status });
  }
  for (const [key, entry] of previous) {
    if (!next.has(key)) changes.push({ metal: entry.metal, smelterId: entry.smelterId, from: entry.status, to: null });
  }
  return changes.sort((a, b) => a.smelterId.localeCompare(b.smelterId) || a.metal.localeCompare(b.metal));
}

/** The `rmap-status` stream: each RMAP status list we imported, with what changed since the last. */
export const rmapStatusDecider: Decider<ImportRmapStatusList, RmapStatusEvent, RmapStatusState, void> = {
  initialState: () => ({ latest: null }),
  evolve: (_state, event) => ({
    latest: { asOf: event.data.asOf, sha256: event.data.source.sha256, statuses: new Map(event.data.entries.map((e) => [keyOf(e), e])) },
  }),
  // Each list replaces the one before: an import reads the current list, not every list ever imported.
  latestEventOnly: true,
  decide: (command, state) => {
    if (state.latest?.sha256 === command.source.sha256) return [];
    if (state.latest && command.asOf < state.latest.asOf) {
      throw new CommandRefused('status-list-older', `the status list as of ${command.asOf} is older than the current one (as of ${state.latest.asOf})`);
    }
    const seen = new Set<string>();
    for (const entry of command.entries) {
      if (seen.has(keyOf(entry))) {
        throw new CommandRefused('status-list-duplicates', `the list names ${entry.smelterId} (${entry.metal}) more than once`);
      }
      seen.add(keyOf(entry));
    }
    return [{ type: 'RmapStatusListImported', data: { ...command, changes: diffRmapStatuses(state.latest?.statuses ?? new Map(), command.entries) } }];
  },
};
