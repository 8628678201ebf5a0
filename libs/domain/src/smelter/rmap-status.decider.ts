import { CommandRefused } from '../shared/command-refused';
import { decideByType, type Decider } from '../shared/decider';
import { commandRow, typed } from '../shared/command-row';
import { streams } from '../shared/streams';
import { listAsOf } from './reference-list.decider';
import { refuseListDatedInFuture } from './list-dates';
import type { ListSource } from './reference-list';
import {
  ImportRmapStatusList,
  WithdrawRmapStatusList,
  type RmapStatus,
  RmapStatusChange,
  RmapStatusEntry,
  RmapStatusListImported,
  RmapStatusListWithdrawn,
} from './rmap-status';

export type RmapStatusEvent =
  { type: 'RmapStatusListImported'; data: RmapStatusListImported } | { type: 'RmapStatusListWithdrawn'; data: RmapStatusListWithdrawn };

export interface RmapStatusState {
  /** The lists in force one after another, oldest first: imported and not withdrawn. The last is current. */
  lists: StatusList[];
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

export type RmapStatusCommand =
  { type: 'ImportRmapStatusList'; data: ImportRmapStatusList } | { type: 'WithdrawRmapStatusList'; data: WithdrawRmapStatusList };

export interface RmapStatusContext {
  /** The engine clock's now (ISO): a list may not be dated after tomorrow. */
  now: string;
}

interface StatusList {
  asOf: string;
  source: ListSource;
  entries: RmapStatusEntry[];
  statuses: Map<string, RmapStatusEntry>;
}

const statusListOf = (list: { asOf: string; source: ListSource; entries: RmapStatusEntry[] }): StatusList => ({
  asOf: list.asOf,
  source: list.source,
  entries: list.entries,
  statuses: new Map(list.entries.map((entry) => [keyOf(entry), entry])),
});

/**
 * The `rmap-status` stream: each RMAP status list we imported, with what changed since the last, and
 * those withdrawn again. A withdrawal makes the list before the withdrawn one current again and
 * records the status changes back to it, which readers apply as they apply an import's.
 */
export const rmapStatusDecider: Decider<RmapStatusCommand, RmapStatusEvent, RmapStatusState, RmapStatusContext> = {
  initialState: () => ({ lists: [] }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'RmapStatusListImported':
        return { lists: [...state.lists, statusListOf(event.data)] };
      case 'RmapStatusListWithdrawn': {
        const remaining = state.lists.slice(0, -1);
        // Folded from this event alone (an import reads only the latest event), the state is the list it restored.
        if (remaining.length === 0 && event.data.restored) return { lists: [statusListOf(event.data.restored)] };
        return { lists: remaining };
      }
    }
  },
  // An import needs only the list in force, which the last event names; a withdrawal needs the one before it too.
  latestEventOnly: (command) => command.type === 'ImportRmapStatusList',
  decide: decideByType<RmapStatusCommand, RmapStatusEvent, RmapStatusState, RmapStatusContext>({
    ImportRmapStatusList: (command, state, context) => {
      const current = currentRmapStatusList(state);
      const list = command.data;
      if (current?.source.sha256 === list.source.sha256) return [];
      refuseListDatedInFuture(list.asOf, context.now, 'status-list-in-future', 'an RMAP status list');
      if (current && list.asOf < current.asOf) {
        throw new CommandRefused(
          'status-list-older',
          `the status list as of ${list.asOf} is older than the current one (as of ${current.asOf})`,
        );
      }
      const seen = new Set<string>();
      for (const entry of list.entries) {
        if (seen.has(keyOf(entry))) {
          throw new CommandRefused('status-list-duplicates', `the list names ${entry.smelterId} (${entry.metal}) more than once`);
        }
        seen.add(keyOf(entry));
      }
      return [
        { type: 'RmapStatusListImported', data: { ...list, changes: diffRmapStatuses(current?.statuses ?? new Map(), list.entries) } },
      ];
    },
    WithdrawRmapStatusList: (command, state) => {
      const current = currentRmapStatusList(state);
      if (!current) throw new CommandRefused('status-list-none', 'no RMAP status list is current, so none can be withdrawn');
      if (command.data.asOf !== current.asOf) {
        throw new CommandRefused(
          'status-list-not-current',
          `asOf ${command.data.asOf} does not name the current RMAP status list (as of ${current.asOf}); only the current list can be withdrawn`,
        );
      }
      const restored = state.lists.length > 1 ? state.lists[state.lists.length - 2] : null;
      return [
        {
          type: 'RmapStatusListWithdrawn',
          data: {
            asOf: current.asOf,
            sha256: current.source.sha256,
            reason: command.data.reason,
            restored: restored ? { asOf: restored.asOf, source: restored.source, entries: restored.entries } : null,
            changes: diffRmapStatuses(current.statuses, restored?.entries ?? []),
          },
        },
      ];
    },
  }),
};

/** The list in force: the latest imported and not withdrawn; null when there is none. */
export function currentRmapStatusList(state: RmapStatusState): StatusList | null {
  return state.lists.length ? state.lists[state.lists.length - 1] : null;
}

const onRmapStatus = {
  decider: rmapStatusDecider,
  streamId: () => streams.rmapStatus(),
  public: true,
  context: ({ now }: { now: string }) => ({ now }),
};

/** The RMAP status list's rows of the command table (command-table.ts), dated as the reference list's are. */
export const rmapStatusCommandRows = {
  ImportRmapStatusList: commandRow({
    businessTime: { rule: 'now', why: 'a list is dated by its own asOf (its business time); it is imported now' },
    closedPeriod: { rule: 'not-period-bound', why: "RMAP's list spans years; risks it would raise or close in a closed year are skipped" },
    example: {
      asOf: '2025-03-05',
      source: { kind: 'csv', fileName: 'rmap.csv', sha256: 'b'.repeat(64) },
      entries: [{ metal: 'tin', smelterId: 'CID002309', status: 'conformant' }],
    },
    ...onRmapStatus,
    schema: ImportRmapStatusList,
    summary: 'Import an RMAP status list (metal, CID, status) with its as-of date (not after tomorrow)',
    command: typed('ImportRmapStatusList'),
    occurredAt: listAsOf,
  }),
  WithdrawRmapStatusList: commandRow({
    businessTime: { rule: 'now', why: "withdrawing a list imported by mistake corrects the engine's lists from the moment it is recorded" },
    closedPeriod: { rule: 'not-period-bound', why: 'as for importing a list; risk changes in a closed year are skipped' },
    example: { asOf: '2025-03-05', reason: 'dated 2099 by mistake' },
    ...onRmapStatus,
    schema: WithdrawRmapStatusList,
    summary:
      'Withdraw the current RMAP status list, imported by mistake (name its asOf, say why): the list before it is current again, statuses revert and the risks it raised are closed',
    command: typed('WithdrawRmapStatusList'),
  }),
};
