import { Inject, Injectable } from '@nestjs/common';
import {
  CommandRefused,
  METAL_LABELS,
  riskIdFor,
  sightingsOfResponse,
  smelterRisks,
  statusResolvesSmelterRisks,
  STATUS_RESOLVABLE_CATEGORIES,
  undoWithdrawnStatusList,
  type Metal,
  type CloseRiskAutomatically,
  type RaiseRisk,
  type ResponseRecorded,
  type RmapStatus,
  type RmapStatusListImported,
  type RmapStatusListWithdrawn,
  type RmapStatusLookup,
  type SmelterMatchConfirmed,
  type SmelterSighting,
} from '@dd/domain';
import type { EventStore, RecordedEvent } from '@dd/event-store';
import type { CommandMetadata, CommandResult } from '../commands/command-metadata';
import type { Database, Statement } from 'better-sqlite3';
import { CommandDispatcher } from '../commands/command-dispatcher';
import { EVENT_STORE, READ_MODEL_DB } from '../tokens';
import { LogProcessManager } from './log-process-manager';

export const SMELTER_STATUS_ACTOR = 'system:smelter-status';
const CHECKPOINT = 'process-manager:smelter-risk';

type SentCommand =
  | { name: 'RaiseRisk'; data: RaiseRisk; metadata: CommandMetadata }
  | { name: 'CloseRiskAutomatically'; data: CloseRiskAutomatically; metadata: CommandMetadata };

/** One command to send; `attribute` says how its outcome counts among the effects of the status list in force. */
interface PlannedCommand {
  command: SentCommand;
  raised?: RaiseRisk & { riskId: string };
  /** raise: 'raised' when it appended, 'warranted' when the risk was open already; close: 'closed' when it appended. */
  attribute?: 'raise' | 'close';
  riskId?: string;
}

/** What one event makes the process manager do: commands to send, then its own state to change. */
interface Step {
  commands: PlannedCommand[];
  /** The status list whose effects the attributed commands are (its key); null: none in force. */
  listKey: string | null;
  /** Runs inside the transaction that also moves the checkpoint past the event. */
  remember: () => void;
}

/** A status list's identity across its import and a later withdrawal (both name its date and file). */
const listKeyOf = (asOf: string, sha256: string) => `${asOf}|${sha256}`;
const isStatusCategory = (category: string) => (STATUS_RESOLVABLE_CATEGORIES as readonly string[]).includes(category);

interface SightingRow {
  supplierId: string;
  period: number;
  idx: number;
  responseNumber: number;
  row: number;
  metal: Metal | null;
  inScope: number;
  status: SmelterSighting['status'];
  method: SmelterSighting['method'] | null;
  smelterId: string | null;
  standardName: string | null;
  name: string | null;
  referenceListAsOf: string | null;
}

/**
 * "A non-conformant, unknown or unidentified smelter in an in-scope metal raises a risk; a later status
 * change raises or closes those risks by itself." A consumer of the log with its own checkpoint, like
 * the risk-from-findings one, that keeps what it needs to judge later events in small tables of the
 * read-model database: the latest RMAP status of each smelter, and the Smelter List rows of each
 * supplier's latest response per period.
 *
 * - ResponseRecorded: the rows replace those of the supplier's earlier response for the period and are
 *   judged (smelter-risk.policy.ts): RaiseRisk for each risky smelter, one per unknown-smelter metal.
 *   A resubmission that no longer names a smelter closes nothing: the supplier's word that a smelter
 *   left its chain is something a person verifies (CloseRisk 'moved-to-conflict-free-sources').
 * - SmelterMatchConfirmed: the confirmed row is judged again as the smelter it now is.
 * - RmapStatusListImported: the rows naming a smelter whose status changed (every row, for the first
 *   list) are judged against the new list; a smelter that became conformant or cross-recognized has
 *   its status risks closed (CloseRiskAutomatically, resolution 'resolved-by-status-change'). A risk the
 *   status raises again after that reopens.
 *
 * Exactly-once effect from at-least-once delivery: for each event, the commands are derived from the
 * state as it was before the event and sent with ids derived from the event and the risk; only then are
 * the state change and the checkpoint committed, in one transaction. If the process dies in between,
 * the event comes again, the same commands are derived from the same state, and the store answers each
 * with its first result (a duplicate commandId appends nothing). So a replay raises or closes nothing twice.
 */
@Injectable()
export class SmelterRiskProcessManager extends LogProcessManager {
  private statements?: Record<string, Statement>;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(READ_MODEL_DB) db: Database,
    private readonly commands: CommandDispatcher,
  ) {
    super(store, db, CHECKPOINT);
  }

  /** Commands first, then this manager's state and the checkpoint past the event, in one transaction. */
  protected async handle(event: RecordedEvent): Promise<void> {
    const step = this.stepFor(event);
    if (!step) return;
    const sql = this.sql();
    const refused = new Map<string, number>();
    const outcomes: Array<{ planned: PlannedCommand; result: CommandResult | null }> = [];
    for (const planned of step.commands) outcomes.push({ planned, result: await this.send(planned.command, refused) });
    if (refused.size > 0) {
      const total = [...refused.values()].reduce((sum, count) => sum + count, 0);
      const codes = [...refused].map(([code, count]) => `${code}: ${count}`).join(', ');
      this.logger.warn(
        `${event.type} ${event.metadata.eventId}: ${total} of ${step.commands.length} risk command(s) refused and skipped (${codes})`,
      );
    }
    this.db.transaction(() => {
      step.remember();
      for (const { planned, result } of outcomes) {
        const { raised } = planned;
        if (raised)
          sql.remember.run(
            raised.riskId,
            raised.supplierId,
            raised.period,
            raised.metal ?? null,
            raised.smelterId ?? null,
            raised.category,
          );
        if (!planned.attribute || !planned.riskId || step.listKey === null || result === null) continue;
        const appended = result.eventIds.length > 0;
        const effect = planned.attribute === 'close' ? (appended ? 'closed' : null) : appended ? 'raised' : 'warranted';
        if (effect) sql.saveEffect.run(step.listKey, planned.riskId, effect);
      }
      this.saveCheckpoint(event.globalPosition);
    })();
  }

  private stepFor(event: RecordedEvent): Step | null {
    switch (event.type) {
      case 'ResponseRecorded':
        return this.responseRecorded(event as RecordedEvent<'ResponseRecorded', ResponseRecorded>);
      case 'SmelterMatchConfirmed':
        return this.matchConfirmed(event as RecordedEvent<'SmelterMatchConfirmed', SmelterMatchConfirmed>);
      case 'RmapStatusListImported':
        return this.statusListImported(event as RecordedEvent<'RmapStatusListImported', RmapStatusListImported>);
      case 'RmapStatusListWithdrawn':
        return this.statusListWithdrawn(event as RecordedEvent<'RmapStatusListWithdrawn', RmapStatusListWithdrawn>);
      default:
        return null;
    }
  }

  private responseRecorded(event: RecordedEvent<'ResponseRecorded', ResponseRecorded>): Step {
    const response = event.data;
    const sightings = sightingsOfResponse(response);
    const sql = this.sql();
    const listKey = this.currentListKey();
    return {
      commands: this.raise(smelterRisks(sightings, this.currentStatuses(), event.metadata.eventId), event),
      listKey,
      remember: () => {
        sql.clearSightings.run(response.supplierId, response.period);
        sql.clearJudged.run(response.supplierId, response.period);
        sql.saveScope.run(response.supplierId, response.period, JSON.stringify(response.inScopeMetals));
        for (const sighting of sightings) {
          this.saveSighting(sighting);
          if (listKey !== null) sql.saveJudged.run(sighting.supplierId, sighting.period, sighting.index, listKey);
        }
      },
    };
  }

  private matchConfirmed(event: RecordedEvent<'SmelterMatchConfirmed', SmelterMatchConfirmed>): Step | null {
    const confirmed = event.data;
    const sql = this.sql();
    const row = sql.sighting.get(confirmed.supplierId, confirmed.period, confirmed.index, confirmed.responseNumber) as
      SightingRow | undefined;
    if (!row) return null;
    const inScopeMetals = JSON.parse((sql.scope.get(confirmed.supplierId, confirmed.period) as string | undefined) ?? '[]') as Metal[];
    const sighting: SmelterSighting = {
      ...toSighting(row),
      metal: confirmed.metal,
      inScope: inScopeMetals.includes(confirmed.metal),
      status: 'matched',
      method: 'confirmed',
      smelterId: confirmed.smelterId,
      standardName: confirmed.standardName,
    };
    const listKey = this.currentListKey();
    return {
      commands: this.raise(smelterRisks([sighting], this.currentStatuses(), event.metadata.eventId), event),
      listKey,
      remember: () => {
        this.saveSighting(sighting);
        if (listKey !== null) sql.saveJudged.run(sighting.supplierId, sighting.period, sighting.index, listKey);
      },
    };
  }

  private statusListImported(event: RecordedEvent<'RmapStatusListImported', RmapStatusListImported>): Step {
    const list = event.data;
    const sql = this.sql();
    const firstList = this.currentStatuses().asOf === null;
    const statuses = new Map(list.entries.map((entry) => [entry.smelterId, entry.status]));
    const lookup: RmapStatusLookup = { asOf: list.asOf, statusOf: (_metal, smelterId) => statuses.get(smelterId) ?? null };
    // Only matched rows can change with a status; unknown rows were judged when they were recorded.
    const changed = new Set(list.changes.map((change) => change.smelterId));
    const affected = (sql.matchedSightings.all() as SightingRow[])
      .map(toSighting)
      .filter((sighting) => firstList || changed.has(sighting.smelterId!));
    const commands = this.raise(smelterRisks(affected, lookup, event.metadata.eventId), event);

    for (const change of list.changes) {
      if (!statusResolvesSmelterRisks(change.to)) continue;
      const risks = sql.raisedFor.all(change.smelterId, ...STATUS_RESOLVABLE_CATEGORIES) as Array<{ riskId: string; metal: Metal | null }>;
      for (const risk of risks) {
        const was = change.from ? `was ${change.from}` : 'was not on the list';
        commands.push({
          attribute: 'close',
          riskId: risk.riskId,
          command: {
            name: 'CloseRiskAutomatically',
            data: {
              riskId: risk.riskId,
              reason: `${METAL_LABELS[change.metal]} smelter ${change.smelterId} is ${change.to} on the RMAP status list as of ${list.asOf} (${was})`,
              source: {
                kind: 'smelter-status',
                eventId: event.metadata.eventId,
                rmapStatus: change.to,
                statusListAsOf: list.asOf,
                referenceListAsOf: null,
              },
            },
            metadata: this.metadata(event, `close/${risk.riskId}`),
          },
        });
      }
    }
    const listKey = listKeyOf(list.asOf, list.source.sha256);
    return {
      commands,
      listKey,
      remember: () => {
        sql.clearStatuses.run();
        for (const entry of list.entries) sql.saveStatus.run(entry.smelterId, entry.metal, entry.status);
        sql.saveList.run('rmap-status', list.asOf, event.metadata.eventId);
        sql.saveListKey.run(listKey);
      },
    };
  }

  /** The mistaken list is undone (list-withdrawal.policy.ts); the list before it is in force again. */
  private statusListWithdrawn(event: RecordedEvent<'RmapStatusListWithdrawn', RmapStatusListWithdrawn>): Step {
    const withdrawal = event.data;
    const sql = this.sql();
    const withdrawnKey = listKeyOf(withdrawal.asOf, withdrawal.sha256);
    const restored = withdrawal.restored;
    const restoredKey = restored ? listKeyOf(restored.asOf, restored.source.sha256) : null;
    const statuses = new Map((restored?.entries ?? []).map((entry) => [entry.smelterId, entry.status]));
    const lookup: RmapStatusLookup = { asOf: restored?.asOf ?? null, statusOf: (_metal, smelterId) => statuses.get(smelterId) ?? null };
    const effects = { raised: new Set<string>(), warranted: new Set<string>(), closed: new Set<string>() };
    for (const { riskId, effect } of sql.effectsOf.all(withdrawnKey) as Array<{
      riskId: string;
      effect: 'raised' | 'warranted' | 'closed';
    }>) {
      effects[effect].add(riskId);
    }
    const outcome = undoWithdrawnStatusList({
      eventId: event.metadata.eventId,
      asOf: withdrawal.asOf,
      reason: withdrawal.reason,
      restored: lookup,
      judgedUnderWithdrawn: (sql.judgedUnder.all(withdrawnKey) as SightingRow[]).map(toSighting),
      current: (sql.matchedSightings.all() as SightingRow[]).map(toSighting),
      effects,
    });
    const commands = this.raise(outcome.raise, event);
    for (const { riskId, reason } of outcome.close) {
      commands.push({
        command: {
          name: 'CloseRiskAutomatically',
          data: {
            riskId,
            reason,
            resolution: 'resolved-by-list-withdrawal',
            source: {
              kind: 'smelter-status',
              eventId: event.metadata.eventId,
              statusListAsOf: restored?.asOf ?? null,
              referenceListAsOf: null,
            },
          },
          metadata: this.metadata(event, `close/${riskId}`),
        },
      });
    }
    return {
      commands,
      listKey: restoredKey,
      remember: () => {
        sql.clearStatuses.run();
        for (const entry of restored?.entries ?? []) sql.saveStatus.run(entry.smelterId, entry.metal, entry.status);
        if (restored) {
          sql.saveList.run('rmap-status', restored.asOf, event.metadata.eventId);
          sql.saveListKey.run(restoredKey);
        } else {
          sql.deleteList.run('rmap-status');
          sql.deleteListKey.run();
        }
        // The withdrawn list's effects are undone; those the restored list shares become its own.
        sql.deleteEffects.run(withdrawnKey);
        if (restoredKey !== null) for (const riskId of outcome.kept) sql.saveEffect.run(restoredKey, riskId, 'raised');
        if (restoredKey !== null) sql.rekeyJudged.run(restoredKey, withdrawnKey);
        else sql.deleteJudged.run(withdrawnKey);
      },
    };
  }

  private raise(risks: RaiseRisk[], event: RecordedEvent): PlannedCommand[] {
    return risks.map((risk) => {
      const raised = { ...risk, riskId: riskIdFor(risk) };
      return {
        command: { name: 'RaiseRisk' as const, data: risk, metadata: this.metadata(event, `raise/${raised.riskId}`) },
        raised,
        // Unknown-smelter risks come from the reference list, not from a status list.
        ...(isStatusCategory(risk.category) ? { attribute: 'raise' as const, riskId: raised.riskId } : {}),
      };
    });
  }

  private metadata(event: RecordedEvent, what: string): CommandMetadata {
    return {
      commandId: `smelter-risk/${event.metadata.eventId}/${what}`,
      actor: SMELTER_STATUS_ACTOR,
      correlationId: event.metadata.correlationId,
      causationId: event.metadata.eventId,
      causedAt: event.metadata.occurredAt,
    };
  }

  /** The command's result, or null when the domain refused it (counted by code in `refused`). */
  private async send(command: SentCommand, refused: Map<string, number>): Promise<CommandResult | null> {
    try {
      if (command.name === 'RaiseRisk') return await this.commands.dispatch(command.name, command.data, command.metadata);
      return await this.commands.dispatch(command.name, command.data, command.metadata);
    } catch (error) {
      // A refusal is the domain's answer and would be the same on every retry (a closed year, ...): count it and go on.
      if (!(error instanceof CommandRefused)) throw error;
      refused.set(error.code, (refused.get(error.code) ?? 0) + 1);
      this.logger.debug(`${command.name} refused (${error.code}): ${error.reason}`);
      return null;
    }
  }

  /** The key of the status list in force (see listKeyOf); null when none is. */
  private currentListKey(): string | null {
    return (this.sql().listKey.get() as string | undefined) ?? null;
  }

  private currentStatuses(): RmapStatusLookup {
    const sql = this.sql();
    const asOf = (sql.listAsOf.get('rmap-status') as string | undefined) ?? null;
    return { asOf, statusOf: (_metal, smelterId) => (sql.status.get(smelterId) as RmapStatus | undefined) ?? null };
  }

  private saveSighting(sighting: SmelterSighting): void {
    this.sql().saveSighting.run(
      sighting.supplierId,
      sighting.period,
      sighting.index,
      sighting.responseNumber,
      sighting.row,
      sighting.metal ?? null,
      sighting.inScope ? 1 : 0,
      sighting.status,
      sighting.method ?? null,
      sighting.smelterId ?? null,
      sighting.standardName ?? null,
      sighting.name ?? null,
      sighting.referenceListAsOf,
    );
  }

  /** Its state tables live beside the read models (not projections: a rebuild leaves them alone). */
  private sql(): Record<string, Statement> {
    if (this.statements) return this.statements;
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS pm_smelter_risk_statuses (
        smelter_id TEXT PRIMARY KEY,
        metal TEXT NOT NULL,
        status TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS pm_smelter_risk_lists (
        list TEXT PRIMARY KEY,
        as_of TEXT NOT NULL,
        event_id TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS pm_smelter_risk_sightings (
        supplier_id TEXT NOT NULL,
        period INTEGER NOT NULL,
        idx INTEGER NOT NULL,
        response_number INTEGER NOT NULL,
        row INTEGER NOT NULL,
        metal TEXT,
        in_scope INTEGER NOT NULL,
        status TEXT NOT NULL,
        method TEXT,
        smelter_id TEXT,
        standard_name TEXT,
        name TEXT,
        reference_as_of TEXT,
        PRIMARY KEY (supplier_id, period, idx)
      ) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS pm_smelter_risk_sightings_by_smelter ON pm_smelter_risk_sightings (smelter_id);
      CREATE TABLE IF NOT EXISTS pm_smelter_risk_scopes (
        supplier_id TEXT NOT NULL,
        period INTEGER NOT NULL,
        in_scope_metals TEXT NOT NULL,
        PRIMARY KEY (supplier_id, period)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS pm_smelter_risk_raised (
        risk_id TEXT PRIMARY KEY,
        supplier_id TEXT NOT NULL,
        period INTEGER NOT NULL,
        metal TEXT,
        smelter_id TEXT,
        category TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS pm_smelter_risk_raised_by_smelter ON pm_smelter_risk_raised (smelter_id);
      -- The status list in force, by key (as-of date and file), to attribute effects to it.
      CREATE TABLE IF NOT EXISTS pm_smelter_risk_status_list (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        list_key TEXT NOT NULL
      );
      -- What each status list's judgements did to a risk: raised (appended), warranted (open already), closed.
      CREATE TABLE IF NOT EXISTS pm_smelter_risk_list_effects (
        list_key TEXT NOT NULL,
        risk_id TEXT NOT NULL,
        effect TEXT NOT NULL,
        PRIMARY KEY (list_key, risk_id)
      ) WITHOUT ROWID;
      -- The status list each Smelter List row was first judged against (when it was recorded or confirmed).
      CREATE TABLE IF NOT EXISTS pm_smelter_risk_judged (
        supplier_id TEXT NOT NULL,
        period INTEGER NOT NULL,
        idx INTEGER NOT NULL,
        list_key TEXT NOT NULL,
        PRIMARY KEY (supplier_id, period, idx)
      ) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS pm_smelter_risk_judged_by_list ON pm_smelter_risk_judged (list_key);
    `);
    const columns = `supplier_id AS supplierId, period, idx, response_number AS responseNumber, row, metal, in_scope AS inScope, status,
      method, smelter_id AS smelterId, standard_name AS standardName, name, reference_as_of AS referenceListAsOf`;
    const clearSightings = this.db.prepare('DELETE FROM pm_smelter_risk_sightings WHERE supplier_id = ? AND period = ?');
    const saveScope = this.db.prepare(
      'INSERT OR REPLACE INTO pm_smelter_risk_scopes (supplier_id, period, in_scope_metals) VALUES (?, ?, ?)',
    );
    this.statements = {
      status: this.db.prepare('SELECT status FROM pm_smelter_risk_statuses WHERE smelter_id = ?').pluck(),
      clearStatuses: this.db.prepare('DELETE FROM pm_smelter_risk_statuses'),
      saveStatus: this.db.prepare('INSERT OR REPLACE INTO pm_smelter_risk_statuses (smelter_id, metal, status) VALUES (?, ?, ?)'),
      listAsOf: this.db.prepare('SELECT as_of FROM pm_smelter_risk_lists WHERE list = ?').pluck(),
      saveList: this.db.prepare('INSERT OR REPLACE INTO pm_smelter_risk_lists (list, as_of, event_id) VALUES (?, ?, ?)'),
      sighting: this.db.prepare(
        `SELECT ${columns} FROM pm_smelter_risk_sightings WHERE supplier_id = ? AND period = ? AND idx = ? AND response_number = ?`,
      ),
      matchedSightings: this.db.prepare(
        `SELECT ${columns} FROM pm_smelter_risk_sightings WHERE status = 'matched' AND smelter_id IS NOT NULL ORDER BY supplier_id, period, idx`,
      ),
      clearSightings,
      saveSighting: this.db
        .prepare(`INSERT OR REPLACE INTO pm_smelter_risk_sightings (supplier_id, period, idx, response_number, row, metal,
        in_scope, status, method, smelter_id, standard_name, name, reference_as_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      scope: this.db.prepare('SELECT in_scope_metals FROM pm_smelter_risk_scopes WHERE supplier_id = ? AND period = ?').pluck(),
      saveScope,
      remember: this.db.prepare(
        'INSERT OR IGNORE INTO pm_smelter_risk_raised (risk_id, supplier_id, period, metal, smelter_id, category) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      deleteList: this.db.prepare('DELETE FROM pm_smelter_risk_lists WHERE list = ?'),
      listKey: this.db.prepare('SELECT list_key FROM pm_smelter_risk_status_list WHERE id = 1').pluck(),
      saveListKey: this.db.prepare('INSERT OR REPLACE INTO pm_smelter_risk_status_list (id, list_key) VALUES (1, ?)'),
      deleteListKey: this.db.prepare('DELETE FROM pm_smelter_risk_status_list'),
      // 'warranted' never overwrites what a list did (raised, closed); those overwrite each other, latest first.
      saveEffect: this.db.prepare(`INSERT INTO pm_smelter_risk_list_effects (list_key, risk_id, effect) VALUES (?, ?, ?)
        ON CONFLICT (list_key, risk_id) DO UPDATE SET effect = excluded.effect WHERE excluded.effect <> 'warranted'`),
      effectsOf: this.db.prepare('SELECT risk_id AS riskId, effect FROM pm_smelter_risk_list_effects WHERE list_key = ? ORDER BY risk_id'),
      deleteEffects: this.db.prepare('DELETE FROM pm_smelter_risk_list_effects WHERE list_key = ?'),
      clearJudged: this.db.prepare('DELETE FROM pm_smelter_risk_judged WHERE supplier_id = ? AND period = ?'),
      saveJudged: this.db.prepare('INSERT OR REPLACE INTO pm_smelter_risk_judged (supplier_id, period, idx, list_key) VALUES (?, ?, ?, ?)'),
      judgedUnder: this.db.prepare(
        `SELECT ${columns} FROM pm_smelter_risk_sightings WHERE status = 'matched' AND smelter_id IS NOT NULL
          AND (supplier_id, period, idx) IN (SELECT supplier_id, period, idx FROM pm_smelter_risk_judged WHERE list_key = ?)
          ORDER BY supplier_id, period, idx`,
      ),
      rekeyJudged: this.db.prepare('UPDATE pm_smelter_risk_judged SET list_key = ? WHERE list_key = ?'),
      deleteJudged: this.db.prepare('DELETE FROM pm_smelter_risk_judged WHERE list_key = ?'),
      raisedFor: this.db.prepare(
        `SELECT risk_id AS riskId, metal FROM pm_smelter_risk_raised WHERE smelter_id = ? AND category IN (${STATUS_RESOLVABLE_CATEGORIES.map(() => '?').join(', ')}) ORDER BY risk_id`,
      ),
    };
    return this.statements;
  }
}

function toSighting(row: SightingRow): SmelterSighting {
  return {
    supplierId: row.supplierId,
    period: row.period,
    responseNumber: row.responseNumber,
    index: row.idx,
    row: row.row,
    ...(row.metal ? { metal: row.metal } : {}),
    inScope: row.inScope === 1,
    status: row.status,
    ...(row.method ? { method: row.method } : {}),
    ...(row.smelterId ? { smelterId: row.smelterId } : {}),
    ...(row.standardName ? { standardName: row.standardName } : {}),
    ...(row.name ? { name: row.name } : {}),
    referenceListAsOf: row.referenceListAsOf,
  };
}
