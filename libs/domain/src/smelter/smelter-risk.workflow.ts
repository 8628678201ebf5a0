import type { RaiseRisk } from '../risk/raise-risk.command';
import { riskIdFor } from '../risk/risk-id';
import { MINERAL_LABELS, type Mineral } from '../shared/metals';
import type { CommandOutcome, Workflow, WorkflowCommand, WorkflowDecision, WorkflowEvent } from '../shared/workflow';
import { undoWithdrawnStatusList, type StatusListEffects } from './list-withdrawal.policy';
import type { RmapStatusEntry } from './rmap-status';
import {
  judgeSighting,
  smelterRisks,
  statusLookupOf,
  statusResolvesSmelterRisks,
  STATUS_RESOLVABLE_CATEGORIES,
  type RmapStatusLookup,
} from './smelter-risk.policy';
import { familyField, familyOf, type SurveyFamily } from '../survey/survey-family';
import { sightingsOfEmrtResponse, sightingsOfResponse, type SmelterSighting } from './smelter-sighting';

export const SMELTER_STATUS_ACTOR = 'system:smelter-status';

/** The events the smelter-risk workflow acts on. */
export type SmelterRiskEventType =
  'ResponseRecorded' | 'EmrtResponseRecorded' | 'SmelterMatchConfirmed' | 'RmapStatusListImported' | 'RmapStatusListWithdrawn';

/** What the workflow reads of its state (kept by the engine, in tables, so that it scales): read-only. */
export interface SmelterRiskView {
  /** The key (listKeyOf) of the status list in force; null when none is. */
  statusListKey(): string | null;
  /** The status list in force: what a smelter is on it. */
  statuses(): RmapStatusLookup;
  /** A Smelter List row kept from the supplier's latest response of the family for the period, if that response is the one named. */
  sighting(supplierId: string, period: number, index: number, responseNumber: number, family: SurveyFamily): SmelterSighting | undefined;
  /** The metals (CMRT) or minerals (EMRT) that response declared in scope (none: no response kept). */
  inScopeMetals(supplierId: string, period: number, family: SurveyFamily): readonly Mineral[];
  /** Every row kept from the supplier's latest response of the family for the period, by row index. */
  sightingsOf(supplierId: string, period: number, family: SurveyFamily): readonly SmelterSighting[];
  /** Whether this workflow asked for the risk (it remembers every RaiseRisk it sent). */
  raised(riskId: string): boolean;
  /** Every matched row of the suppliers' latest responses, by supplier, period and row index. */
  matchedSightings(): readonly SmelterSighting[];
  /** The matched rows recorded or confirmed while the list with this key was in force. */
  matchedSightingsJudgedUnder(listKey: string): readonly SmelterSighting[];
  /** The status risks (STATUS_RESOLVABLE_CATEGORIES) raised about a smelter, by risk id. */
  statusRisksOf(smelterId: string): readonly string[];
  /** What the list with this key did to the register while it was in force. */
  effectsOf(listKey: string): StatusListEffects;
}

export type ListEffect = 'raised' | 'warranted' | 'closed';

/** A risk the workflow asked for, remembered so that a status change can close it. */
export interface RaisedSmelterRisk {
  riskId: string;
  supplierId: string;
  period: number;
  metal?: Mineral;
  smelterId?: string;
  category: RaiseRisk['category'];
}

/** Changes to the workflow's state, plain data the engine applies in order (in one transaction with its checkpoint). */
export type SmelterRiskChange =
  /** The supplier's new response of a family for the period replaces the rows (and their judgements) of its one before. */
  | { change: 'response-replaced'; supplierId: string; period: number; family?: 'emrt'; inScopeMetals: Mineral[] }
  /** A row to keep, and the key of the status list it was judged against first (null: none in force). */
  | { change: 'sighting-kept'; sighting: SmelterSighting; judgedUnder: string | null }
  /** The status list in force from now on (null: none), named by the event that put it there. */
  | { change: 'status-list-in-force'; list: { key: string; asOf: string; entries: RmapStatusEntry[] } | null; eventId: string }
  /** The withdrawn list's effects are forgotten; the rows judged under it count as judged under the restored one. */
  | { change: 'status-list-withdrawn'; withdrawnKey: string; restoredKey: string | null }
  | { change: 'risk-raised'; risk: RaisedSmelterRisk }
  /** 'warranted' never overwrites what a list did (raised, closed); those overwrite each other, latest first. */
  | { change: 'list-effect'; listKey: string; riskId: string; effect: ListEffect };

/** A command to send; one that counts among the effects of the status list in force names that list and its risk. */
export type SmelterRiskCommand = WorkflowCommand<'RaiseRisk' | 'CloseRiskAutomatically'> & {
  countsFor?: { listKey: string; riskId: string };
};

type Decision = WorkflowDecision<SmelterRiskCommand, SmelterRiskChange>;

/** A status list's identity across its import and a later withdrawal (both name its date and file). */
export const listKeyOf = (asOf: string, sha256: string) => `${asOf}|${sha256}`;
const isStatusCategory = (category: string) => (STATUS_RESOLVABLE_CATEGORIES as readonly string[]).includes(category);
const commandId = (eventId: string, what: string) => `smelter-risk/${eventId}/${what}`;

/**
 * "A non-conformant, unknown or unidentified smelter in an in-scope metal raises a risk; a later status
 * change raises or closes those risks by itself." It keeps what it needs to judge later events: the
 * status list in force, and the Smelter List rows of each supplier's latest response per period.
 *
 * - ResponseRecorded: the rows replace those of the supplier's earlier response for the period and are
 *   judged (smelter-risk.policy.ts): RaiseRisk for each risky smelter, one per unknown-smelter metal.
 * - EmrtResponseRecorded: the same for the EMRT's Smelter List (cobalt, copper, ... refiners), kept
 *   apart from the CMRT's: a cobalt smelter that is not RMAP conformant is a risk like a tin one.
 *   A resubmission that no longer names a smelter closes nothing: the supplier's word that a smelter
 *   left its chain is something a person verifies (CloseRisk 'moved-to-conflict-free-sources').
 * - SmelterMatchConfirmed: the confirmed row is judged again as the smelter it now is; when it was the
 *   last row of its metal we could not place, the unknown-smelter risk those rows raised is closed
 *   (CloseRiskAutomatically, resolution 'resolved-by-match-confirmation'): nothing unknown is left.
 * - RmapStatusListImported: the rows naming a smelter whose status changed (every row, for the first
 *   list) are judged against the new list; a smelter that became conformant or cross-recognized has
 *   its status risks closed (CloseRiskAutomatically, resolution 'resolved-by-status-change'). A risk the
 *   status raises again after that reopens.
 * - RmapStatusListWithdrawn: the mistaken list is undone (list-withdrawal.policy.ts); the list before it
 *   is in force again.
 *
 * The commands are derived from the state as it was before the event, so an event delivered again
 * after a crash derives the same commands with the same ids.
 */
export const smelterRiskWorkflow: Workflow<SmelterRiskEventType, SmelterRiskCommand, SmelterRiskChange, SmelterRiskView> = {
  name: 'smelter-risk',
  actor: SMELTER_STATUS_ACTOR,
  handles: ['ResponseRecorded', 'EmrtResponseRecorded', 'SmelterMatchConfirmed', 'RmapStatusListImported', 'RmapStatusListWithdrawn'],
  decide(event, view) {
    switch (event.type) {
      case 'ResponseRecorded':
        return responseRecorded(event, 'cmrt', event.data.inScopeMetals, sightingsOfResponse(event.data), view);
      case 'EmrtResponseRecorded':
        return responseRecorded(event, 'emrt', event.data.inScopeMinerals, sightingsOfEmrtResponse(event.data), view);
      case 'SmelterMatchConfirmed':
        return matchConfirmed(event, view);
      case 'RmapStatusListImported':
        return statusListImported(event, view);
      case 'RmapStatusListWithdrawn':
        return statusListWithdrawn(event, view);
      default:
        return event satisfies never;
    }
  },
  changesAfter,
};

/** A status command's outcome, as an effect of the list it counts for: appended raise 'raised', else 'warranted'; appended close 'closed'. */
function changesAfter(command: SmelterRiskCommand, outcome: CommandOutcome): SmelterRiskChange[] {
  if (!command.countsFor || outcome === 'refused') return [];
  const appended = outcome === 'appended';
  const effect: ListEffect | null =
    command.name === 'CloseRiskAutomatically' ? (appended ? 'closed' : null) : appended ? 'raised' : 'warranted';
  return effect ? [{ change: 'list-effect', ...command.countsFor, effect }] : [];
}

function responseRecorded(
  event: WorkflowEvent<'ResponseRecorded' | 'EmrtResponseRecorded'>,
  family: SurveyFamily,
  inScope: readonly Mineral[],
  sightings: SmelterSighting[],
  view: SmelterRiskView,
): Decision {
  const response = event.data;
  const listKey = view.statusListKey();
  const raised = raise(smelterRisks(sightings, view.statuses(), event.metadata.eventId), event.metadata.eventId, listKey);
  return {
    commands: raised.commands,
    changes: [
      {
        change: 'response-replaced',
        supplierId: response.supplierId,
        period: response.period,
        ...familyField(family),
        inScopeMetals: [...inScope],
      },
      ...sightings.map((sighting): SmelterRiskChange => ({ change: 'sighting-kept', sighting, judgedUnder: listKey })),
      ...raised.changes,
    ],
  };
}

function matchConfirmed(event: WorkflowEvent<'SmelterMatchConfirmed'>, view: SmelterRiskView): Decision {
  const confirmed = event.data;
  const family = familyOf(confirmed);
  const row = view.sighting(confirmed.supplierId, confirmed.period, confirmed.index, confirmed.responseNumber, family);
  if (!row) return { commands: [], changes: [] };
  const sighting: SmelterSighting = {
    ...row,
    metal: confirmed.metal,
    inScope: view.inScopeMetals(confirmed.supplierId, confirmed.period, family).includes(confirmed.metal),
    status: 'matched',
    method: 'confirmed',
    smelterId: confirmed.smelterId,
    standardName: confirmed.standardName,
  };
  const listKey = view.statusListKey();
  const raised = raise(smelterRisks([sighting], view.statuses(), event.metadata.eventId), event.metadata.eventId, listKey);
  return {
    commands: [...raised.commands, ...closeResolvedUnknowns(event, sighting, view)],
    changes: [{ change: 'sighting-kept', sighting, judgedUnder: listKey }, ...raised.changes],
  };
}

/**
 * The unknown-smelter risk of the confirmed row's supplier, period and metal, closed when no row of
 * that metal in the response is still unknown once this one is confirmed. A metal's rows are judged
 * as they stand after the confirmation; the risk is closed only if this workflow raised it.
 */
function closeResolvedUnknowns(
  event: WorkflowEvent<'SmelterMatchConfirmed'>,
  confirmed: SmelterSighting,
  view: SmelterRiskView,
): SmelterRiskCommand[] {
  const metal = confirmed.metal!;
  const riskId = riskIdFor({ period: confirmed.period, supplierId: confirmed.supplierId, category: 'unknown-smelter', metal });
  if (!view.raised(riskId)) return [];
  const rows = view
    .sightingsOf(confirmed.supplierId, confirmed.period, familyOf(confirmed))
    .map((row) => (row.index === confirmed.index ? confirmed : row))
    .filter((row) => row.metal === metal);
  const statuses = view.statuses();
  if (rows.some((row) => judgeSighting(row, statuses).risk === 'unknown-smelter')) return [];
  const eventId = event.metadata.eventId;
  return [
    {
      name: 'CloseRiskAutomatically',
      commandId: commandId(eventId, `close/${riskId}`),
      data: {
        riskId,
        reason: `every ${MINERAL_LABELS[metal]} smelter named by ${confirmed.supplierId} in response ${confirmed.responseNumber} is now identified: Smelter List row ${confirmed.row} was confirmed as ${confirmed.smelterId}${confirmed.standardName ? ` (${confirmed.standardName})` : ''}`,
        resolution: 'resolved-by-match-confirmation',
        source: { kind: 'smelter-status', eventId, statusListAsOf: statuses.asOf, referenceListAsOf: confirmed.referenceListAsOf },
      },
    },
  ];
}

function statusListImported(event: WorkflowEvent<'RmapStatusListImported'>, view: SmelterRiskView): Decision {
  const list = event.data;
  const eventId = event.metadata.eventId;
  const listKey = listKeyOf(list.asOf, list.source.sha256);
  const firstList = view.statuses().asOf === null;
  // Only matched rows can change with a status; unknown rows were judged when they were recorded.
  const changed = new Set(list.changes.map((change) => change.smelterId));
  const affected = view.matchedSightings().filter((sighting) => firstList || changed.has(sighting.smelterId!));
  const raised = raise(smelterRisks(affected, statusLookupOf(list), eventId), eventId, listKey);
  const closes: SmelterRiskCommand[] = list.changes
    .filter((change) => statusResolvesSmelterRisks(change.to))
    .flatMap((change) =>
      view.statusRisksOf(change.smelterId).map((riskId) => ({
        name: 'CloseRiskAutomatically' as const,
        commandId: commandId(eventId, `close/${riskId}`),
        countsFor: { listKey, riskId },
        data: {
          riskId,
          reason: `${MINERAL_LABELS[change.metal]} smelter ${change.smelterId} is ${change.to} on the RMAP status list as of ${list.asOf} (${change.from ? `was ${change.from}` : 'was not on the list'})`,
          source: { kind: 'smelter-status', eventId, rmapStatus: change.to, statusListAsOf: list.asOf, referenceListAsOf: null },
        },
      })),
    );
  return {
    commands: [...raised.commands, ...closes],
    changes: [
      { change: 'status-list-in-force', list: { key: listKey, asOf: list.asOf, entries: list.entries }, eventId },
      ...raised.changes,
    ],
  };
}

function statusListWithdrawn(event: WorkflowEvent<'RmapStatusListWithdrawn'>, view: SmelterRiskView): Decision {
  const withdrawal = event.data;
  const eventId = event.metadata.eventId;
  const withdrawnKey = listKeyOf(withdrawal.asOf, withdrawal.sha256);
  const restored = withdrawal.restored;
  const restoredList = restored && {
    key: listKeyOf(restored.asOf, restored.source.sha256),
    asOf: restored.asOf,
    entries: restored.entries,
  };
  const restoredKey = restoredList?.key ?? null;
  const outcome = undoWithdrawnStatusList({
    eventId,
    asOf: withdrawal.asOf,
    reason: withdrawal.reason,
    restored: statusLookupOf(restored),
    judgedUnderWithdrawn: view.matchedSightingsJudgedUnder(withdrawnKey),
    current: view.matchedSightings(),
    effects: view.effectsOf(withdrawnKey),
  });
  const raised = raise(outcome.raise, eventId, restoredKey);
  const closes = outcome.close.map(({ riskId, reason }): SmelterRiskCommand => ({
    name: 'CloseRiskAutomatically',
    commandId: commandId(eventId, `close/${riskId}`),
    data: {
      riskId,
      reason,
      resolution: 'resolved-by-list-withdrawal',
      source: { kind: 'smelter-status', eventId, statusListAsOf: restored?.asOf ?? null, referenceListAsOf: null },
    },
  }));
  return {
    commands: [...raised.commands, ...closes],
    changes: [
      { change: 'status-list-in-force', list: restoredList, eventId },
      // The withdrawn list's effects are undone; those the restored list shares become its own.
      { change: 'status-list-withdrawn', withdrawnKey, restoredKey },
      ...(restoredKey === null
        ? []
        : outcome.kept.map((riskId): SmelterRiskChange => ({ change: 'list-effect', listKey: restoredKey, riskId, effect: 'raised' }))),
      ...raised.changes,
    ],
  };
}

/** RaiseRisk for each risk, remembered; a status risk counts among the effects of the list in force (an unknown-smelter risk comes from the reference list). */
function raise(
  risks: RaiseRisk[],
  eventId: string,
  listKey: string | null,
): { commands: SmelterRiskCommand[]; changes: SmelterRiskChange[] } {
  const commands: SmelterRiskCommand[] = [];
  const changes: SmelterRiskChange[] = [];
  for (const risk of risks) {
    const riskId = riskIdFor(risk);
    commands.push({
      name: 'RaiseRisk',
      commandId: commandId(eventId, `raise/${riskId}`),
      data: risk,
      ...(listKey !== null && isStatusCategory(risk.category) ? { countsFor: { listKey, riskId } } : {}),
    });
    const { supplierId, period, metal, smelterId, category } = risk;
    // smelterRisks always names the supplier whose Smelter List it judged.
    changes.push({ change: 'risk-raised', risk: { riskId, supplierId: supplierId!, period, metal, smelterId, category } });
  }
  return { commands, changes };
}
