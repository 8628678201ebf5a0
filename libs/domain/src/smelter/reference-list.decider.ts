import { CommandRefused } from '../shared/command-refused';
import { decideByType, type Decider } from '../shared/decider';
import { commandRow, typed } from '../shared/command-row';
import { streams } from '../shared/streams';
import { isMetal, type Mineral } from '../shared/metals';
import { familyField, familyOf, SURVEY_FAMILY_LABELS, type SurveyFamily } from '../survey/survey-family';
import { refuseListDatedInFuture } from './list-dates';
import {
  ImportReferenceList,
  WithdrawReferenceList,
  type ListSource,
  type ReferenceListImported,
  type ReferenceListWithdrawn,
  type ReferenceRow,
} from './reference-list';

export type ReferenceListEvent =
  { type: 'ReferenceListImported'; data: ReferenceListImported } | { type: 'ReferenceListWithdrawn'; data: ReferenceListWithdrawn };

export interface ReferenceListState {
  /** The lists in force one after another, oldest first: imported and not withdrawn. The last is current. */
  lists: Array<{ asOf: string; source: ListSource; rows: ReferenceRow[] }>;
}

type SmelterKey = string;
const keyOf = (metal: Mineral, smelterId: string): SmelterKey => `${metal}|${smelterId}`;

function standardNames(rows: readonly ReferenceRow[]): Map<SmelterKey, { metal: Mineral; smelterId: string; standardName: string }> {
  const smelters = new Map<SmelterKey, { metal: Mineral; smelterId: string; standardName: string }>();
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
    added: [...after.entries()]
      .filter(([key]) => !before.has(key))
      .map(([, smelter]) => smelter)
      .sort(byId),
    removed: [...before.entries()]
      .filter(([key]) => !after.has(key))
      .map(([, smelter]) => smelter)
      .sort(byId),
    renamed: [...after.entries()]
      .filter(([key, smelter]) => before.has(key) && before.get(key)!.standardName !== smelter.standardName)
      .map(([key, smelter]) => ({
        metal: smelter.metal,
        smelterId: smelter.smelterId,
        from: before.get(key)!.standardName,
        to: smelter.standardName,
      }))
      .sort(byId),
  };
}

export type ReferenceListCommand =
  { type: 'ImportReferenceList'; data: ImportReferenceList } | { type: 'WithdrawReferenceList'; data: WithdrawReferenceList };

export interface ReferenceListContext {
  /** The engine clock's now (ISO): a list may not be dated after tomorrow. */
  now: string;
}

/**
 * The `reference-list` stream: every RMI smelter reference list we imported, newest last, and those
 * withdrawn again. A withdrawal makes the list before the withdrawn one current again, as if the
 * mistaken one had never been imported (except that both stay in the log).
 */
export const referenceListDecider: Decider<ReferenceListCommand, ReferenceListEvent, ReferenceListState, ReferenceListContext> = {
  initialState: () => ({ lists: [] }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'ReferenceListImported':
        return { lists: [...state.lists, { asOf: event.data.asOf, source: event.data.source, rows: event.data.rows }] };
      case 'ReferenceListWithdrawn': {
        const remaining = state.lists.slice(0, -1);
        // Folded from this event alone (an import reads only the latest event), the state is the list it restored.
        if (remaining.length === 0 && event.data.restored) return { lists: [event.data.restored] };
        return { lists: remaining };
      }
    }
  },
  // An import needs only the list in force, which the last event names; a withdrawal needs the one before it too.
  latestEventOnly: (command) => command.type === 'ImportReferenceList',
  decide: decideByType<ReferenceListCommand, ReferenceListEvent, ReferenceListState, ReferenceListContext>({
    ImportReferenceList: (command, state, context) => {
      const current = currentReferenceList(state);
      const { family: _family, ...list } = command.data;
      const family = familyOf(command.data);
      if (current?.source.sha256 === list.source.sha256) return [];
      refuseRowsOfAnotherFamily(list.rows, family);
      refuseListDatedInFuture(list.asOf, context.now, 'reference-list-in-future', 'a reference list');
      if (current && list.asOf < current.asOf) {
        throw new CommandRefused(
          'reference-list-older',
          `the list as of ${list.asOf} is older than the current one (as of ${current.asOf})`,
        );
      }
      return [
        {
          type: 'ReferenceListImported',
          data: { ...familyField(family), ...list, diff: diffReferenceLists(current?.rows ?? [], list.rows) },
        },
      ];
    },
    WithdrawReferenceList: (command, state) => {
      const current = currentReferenceList(state);
      if (!current) throw new CommandRefused('reference-list-none', 'no reference list is current, so none can be withdrawn');
      if (command.data.asOf !== current.asOf) {
        throw new CommandRefused(
          'reference-list-not-current',
          `asOf ${command.data.asOf} does not name the current reference list (as of ${current.asOf}); only the current list can be withdrawn`,
        );
      }
      const restored = state.lists.length > 1 ? state.lists[state.lists.length - 2] : null;
      return [
        {
          type: 'ReferenceListWithdrawn',
          data: {
            ...familyField(familyOf(command.data)),
            asOf: current.asOf,
            sha256: current.source.sha256,
            reason: command.data.reason,
            restored,
            diff: diffReferenceLists(current.rows, restored?.rows ?? []),
          },
        },
      ];
    },
  }),
};

/**
 * The CMRT's list names the 3TG metals only, the EMRT's the EMRT minerals only: a cobalt row in the 3TG
 * list (or a tin row in the EMRT's) means the wrong file or the wrong family.
 */
function refuseRowsOfAnotherFamily(rows: readonly ReferenceRow[], family: SurveyFamily): void {
  const at = rows.findIndex((row) => isMetal(row.metal) !== (family === 'cmrt'));
  if (at < 0) return;
  throw new CommandRefused(
    'reference-list-family-mismatch',
    `rows[${at}] names ${rows[at].metal}, which the ${SURVEY_FAMILY_LABELS[family]} reference list does not cover${family === 'cmrt' ? ' (an EMRT list is imported with family emrt)' : ''}`,
  );
}

/** The list in force: the latest imported and not withdrawn; null when there is none. */
export function currentReferenceList(state: ReferenceListState): ReferenceListState['lists'][number] | null {
  return state.lists.length ? state.lists[state.lists.length - 1] : null;
}

/** A list's business time is its as-of date; a withdrawal happens when it is decided (the engine clock's now). */
export const listAsOf = (data: { asOf: string }) => `${data.asOf}T00:00:00.000Z`;

const onReferenceList = {
  decider: referenceListDecider,
  // Each family's list is its own stream: importing the EMRT's never replaces the 3TG list.
  streamId: (data: { family?: SurveyFamily }) => streams.referenceList(familyOf(data)),
  public: true,
  context: ({ now }: { now: string }) => ({ now }),
};

/** The reference list's rows of the command table (command-table.ts): judged by the engine clock (a list may not be dated after tomorrow). */
export const referenceListCommandRows = {
  ImportReferenceList: commandRow({
    businessTime: { rule: 'now', why: 'a list is dated by its own asOf (its business time); it is imported now' },
    closedPeriod: {
      rule: 'not-period-bound',
      why: "RMI's list spans years; what it would change in a closed year is skipped by the process managers",
    },
    example: {
      asOf: '2025-03-05',
      source: { kind: 'csv', fileName: 'rmi.csv', sha256: 'a'.repeat(64) },
      rows: [{ metal: 'tin', lookupName: 'Fenix Metals', standardName: 'Fenix Metals', country: 'POLAND', smelterId: 'CID002309' }],
    },
    ...onReferenceList,
    schema: ImportReferenceList,
    summary:
      "Import RMI's smelter reference list (Smelter Look-up rows) with its as-of date (not after tomorrow); family emrt: the EMRT's own list",
    command: typed('ImportReferenceList'),
    occurredAt: listAsOf,
  }),
  WithdrawReferenceList: commandRow({
    businessTime: { rule: 'now', why: "withdrawing a list imported by mistake corrects the engine's lists from the moment it is recorded" },
    closedPeriod: { rule: 'not-period-bound', why: 'as for importing a list' },
    example: { asOf: '2025-03-05', reason: 'the draft list, not the published one' },
    ...onReferenceList,
    schema: WithdrawReferenceList,
    summary: 'Withdraw the current reference list, imported by mistake (name its asOf, say why): the list before it is current again',
    command: typed('WithdrawReferenceList'),
  }),
};
