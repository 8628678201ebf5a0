import { CommandRefused } from '../shared/command-refused';
import type { Decider } from '../shared/decider';
import type { Metal } from '../shared/metals';
import type { ImportReferenceList, ReferenceListImported, ReferenceRow } from './reference-list';

export type ReferenceListEvent = { type: 'ReferenceListImported'; data: ReferenceListImported };

export interface ReferenceListState {
  latest: { asOf: string; sha256: string; rows: ReferenceRow[] } | null;
}

type SmelterKey = string;
const keyOf = (metal: Metal, smelterId: string): SmelterKey => `${metal}|${smelterId}`;

function standardNames(rows: readonly ReferenceRow[]): Map<SmelterKey, { metal: Metal; smelterId: string; standardName: string }> {
  const smelters = new Map<SmelterKey, { metal: Metal; smelterId: string; standardName: string }>();
  for (const row of rows) {
    if (row.smelterId && !smelters.has(keyOf(row.metal, row.smelterId))) {
      smelters.set(keyOf(row.metal, row.smelterId), { metal: row.metal, smelterId: row.smelterId, standardName: row.standardName });
    }
  }
  return smelters;
}

/** What changed between two lists, by (metal, CID): added, removed, and standard name changed. */
export function diffReferenceLists(previous: readonly ReferenceRow[], next: readonly ReferenceRow[]): ReferenceListImported['diff'] {
  const before = standardNames(previous);
  const after = standardNames(next);
  const byId = (a: { smelterId: string; metal: string }, b: { smelterId: string; metal: string }) =>
    a.smelterId.localeCompare(b.smelterId) || a.metal.localeCompare(b.metal);
  return {
    added: [...after.entries()].filter(([key]) => !before.has(key)).map(([, smelter]) => smelter).sort(byId),
    removed: [...before.entries()].filter(([key]) => !after.has(key)).map(([, smelter]) => smelter).sort(byId),
    renamed: [...after.entries()]
      .filter(([key, smelter]) => before.has(key) && before.get(key)!.standardName !== smelter.standardName)
      .map(([key, smelter]) => ({ metal: smelter.metal, smelterId: smelter.smelterId, from: before.get(key)!.standardName, to: smelter.standardName }))
      .sort(byId),
  };
}

/** The `reference-list` stream: every RMI smelter reference list we imported, newest last. */
export const referenceListDecider: Decider<ImportReferenceList, ReferenceListEvent, ReferenceListState, void> = {
  initialState: () => ({ latest: null }),
  evolve: (_state, event) => ({ latest: { asOf: event.data.asOf, sha256: event.data.source.sha256, rows: event.data.rows } }),
  // Each list replaces the one before: an import reads the current list, not every list ever imported.
  latestEventOnly: true,
  decide: (command, state) => {
    if (state.latest?.sha256 === command.source.sha256) return [];
    if (state.latest && command.asOf < state.latest.asOf) {
      throw new CommandRefused(
        'reference-list-older',
        `the list as of ${command.asOf} is older than the current one (as of ${state.latest.asOf})`,
      );
    }
    return [{ type: 'ReferenceListImported', data: { ...command, diff: diffReferenceLists(state.latest?.rows ?? [], command.rows) } }];
  },
};
