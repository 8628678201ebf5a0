import { Inject, Injectable } from '@nestjs/common';
import {
  CommandRefused,
  proportionedRisksFromResponse,
  riseOfMonitoredRisk,
  risksFromEmrtResponse,
  type EmrtResponseRecorded,
  type MonitoredCoveredCountryRisk,
  type RaiseRisk,
  type ResponseRecorded,
  type RmapStatus,
  type RmapStatusEntry,
  type RmapStatusListImported,
  type RmapStatusListWithdrawn,
  type RmapStatusLookup,
} from '@dd/domain';
import type { EventStore, RecordedEvent } from '@dd/event-store';
import type { Database, Statement } from 'better-sqlite3';
import { CommandDispatcher } from '../commands/command-dispatcher';
import { EVENT_STORE, READ_MODEL_DB } from '../tokens';
import { LogProcessManager } from './log-process-manager';

export const SYSTEM_ACTOR = 'system:risk-from-findings';
const CHECKPOINT = 'process-manager:risk-from-findings';

/**
 * Turns the red-flag findings of each recorded response into risks (RaiseRisk commands). It is a
 * consumer of the store with its own checkpoint: after a crash it resumes from the checkpoint, and
 * because each command's id is derived from the source event, a replayed event raises nothing twice.
 * A refusal (a closed reporting year: period-closed) would be the same on every retry: it is skipped,
 * and one warning per response says how many risks were not raised and why.
 *
 * Risks in proportion (covered-country-risk.policy.ts): it keeps the RMAP status list in force (from
 * the status-list events, in log order) so that a covered-country "Yes" whose smelters are all
 * conformant is raised low and monitored; it keeps those monitored risks, and when a later status list
 * (or a withdrawal) takes a smelter's status away, raises them again high — the risk rises by itself.
 * Its state commits with the checkpoint, after the commands: a replay derives the same commands from
 * the same state, and the store answers each repeated command id with its first result.
 */
@Injectable()
export class RiskFromFindingsProcessManager extends LogProcessManager {
  private statements?: Record<string, Statement>;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(READ_MODEL_DB) db: Database,
    private readonly commands: CommandDispatcher,
  ) {
    super(store, db, CHECKPOINT);
  }

  protected async handle(event: RecordedEvent): Promise<void> {
    switch (event.type) {
      case 'ResponseRecorded':
        return this.responseRecorded(event as RecordedEvent<'ResponseRecorded', ResponseRecorded>);
      case 'EmrtResponseRecorded':
        return this.emrtResponseRecorded(event as RecordedEvent<'EmrtResponseRecorded', EmrtResponseRecorded>);
      case 'RmapStatusListImported': {
        const list = event.data as RmapStatusListImported;
        return this.statusListInForce(event, list.asOf, list.entries);
      }
      case 'RmapStatusListWithdrawn': {
        const restored = (event.data as RmapStatusListWithdrawn).restored;
        return this.statusListInForce(event, restored?.asOf ?? null, restored?.entries ?? []);
      }
    }
  }

  private async responseRecorded(event: RecordedEvent<'ResponseRecorded', ResponseRecorded>): Promise<void> {
    const response = event.data;
    const { risks, monitored } = proportionedRisksFromResponse(response, event.metadata.eventId, this.statusesInForce());
    await this.raise(event, risks, (risk) => `${risk.category}/${risk.metal ?? 'all'}`);
    const sql = this.sql();
    this.db.transaction(() => {
      // The latest response of the supplier for the period is what its monitored risks rest on.
      sql.forgetMonitored.run(response.supplierId, response.period);
      for (const risk of monitored) {
        sql.monitor.run(risk.riskId, risk.supplierId, risk.period, risk.metal, JSON.stringify(risk.sightings));
      }
      this.saveCheckpoint(event.globalPosition);
    })();
  }

  /** An EMRT response's red flags (a mineral from CAHRAs) become risks of that mineral; none is monitored. */
  private async emrtResponseRecorded(event: RecordedEvent<'EmrtResponseRecorded', EmrtResponseRecorded>): Promise<void> {
    await this.raise(event, risksFromEmrtResponse(event.data, event.metadata.eventId), (risk) => `${risk.category}/${risk.metal ?? 'all'}`);
    this.saveCheckpoint(event.globalPosition);
  }

  /** A status list came into force (imported, or restored by a withdrawal; none: asOf null). */
  private async statusListInForce(event: RecordedEvent, asOf: string | null, entries: readonly RmapStatusEntry[]): Promise<void> {
    const sql = this.sql();
    const statuses = new Map(entries.map((entry) => [entry.smelterId, entry.status]));
    const lookup: RmapStatusLookup = { asOf, statusOf: (_metal, smelterId) => statuses.get(smelterId) ?? null };
    const risen: string[] = [];
    const rises: Array<RaiseRisk & { riskId: string }> = [];
    for (const row of sql.monitored.all() as Array<Omit<MonitoredCoveredCountryRisk, 'sightings'> & { sightings: string }>) {
      const risk: MonitoredCoveredCountryRisk = { ...row, sightings: JSON.parse(row.sightings) };
      const rise = riseOfMonitoredRisk(risk, lookup, event.metadata.eventId);
      if (rise) {
        risen.push(risk.riskId);
        rises.push({ ...rise, riskId: risk.riskId });
      }
    }
    await this.raise(
      event,
      rises.map(({ riskId: _riskId, ...rise }) => rise),
      (risk) => `rise/${risk.supplierId}/${risk.period}/${risk.metal}`,
    );
    this.db.transaction(() => {
      sql.clearStatuses.run();
      for (const [smelterId, status] of statuses) sql.saveStatus.run(smelterId, status);
      if (asOf === null) sql.clearListAsOf.run();
      else sql.saveListAsOf.run(asOf);
      for (const riskId of risen) sql.forgetRisk.run(riskId);
      this.saveCheckpoint(event.globalPosition);
    })();
  }

  private async raise(event: RecordedEvent, risks: RaiseRisk[], key: (risk: RaiseRisk) => string): Promise<void> {
    const refused: string[] = [];
    for (const risk of risks) {
      try {
        await this.commands.dispatch('RaiseRisk', risk, {
          commandId: `risk-from-findings/${event.metadata.eventId}/${key(risk)}`,
          actor: SYSTEM_ACTOR,
          correlationId: event.metadata.correlationId,
          causationId: event.metadata.eventId,
          causedAt: event.metadata.occurredAt,
        });
      } catch (error) {
        if (!(error instanceof CommandRefused)) throw error;
        refused.push(error.code);
      }
    }
    if (refused.length) {
      this.logger.warn(
        `${event.type} ${event.metadata.eventId}: ${refused.length} risk(s) not raised (${[...new Set(refused)].join(', ')})`,
      );
    }
  }

  private statusesInForce(): RmapStatusLookup {
    const sql = this.sql();
    const asOf = (sql.listAsOf.get() as string | undefined) ?? null;
    return { asOf, statusOf: (_metal, smelterId) => (sql.status.get(smelterId) as RmapStatus | undefined) ?? null };
  }

  /** Its state tables live beside the read models (not projections: a rebuild leaves them alone). */
  private sql(): Record<string, Statement> {
    if (this.statements) return this.statements;
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS pm_risk_findings_statuses (
        smelter_id TEXT PRIMARY KEY,
        status TEXT NOT NULL
      );
      -- The as-of date of the RMAP status list in force (no row: none).
      CREATE TABLE IF NOT EXISTS pm_risk_findings_status_list (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        as_of TEXT NOT NULL
      );
      -- Covered-country risks raised low and monitored, with the Smelter List rows they rest on.
      CREATE TABLE IF NOT EXISTS pm_risk_findings_monitored (
        risk_id TEXT PRIMARY KEY,
        supplier_id TEXT NOT NULL,
        period INTEGER NOT NULL,
        metal TEXT NOT NULL,
        sightings TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS pm_risk_findings_monitored_by_supplier ON pm_risk_findings_monitored (supplier_id, period);
    `);
    this.statements = {
      status: this.db.prepare('SELECT status FROM pm_risk_findings_statuses WHERE smelter_id = ?').pluck(),
      clearStatuses: this.db.prepare('DELETE FROM pm_risk_findings_statuses'),
      saveStatus: this.db.prepare('INSERT OR REPLACE INTO pm_risk_findings_statuses (smelter_id, status) VALUES (?, ?)'),
      listAsOf: this.db.prepare('SELECT as_of FROM pm_risk_findings_status_list WHERE id = 1').pluck(),
      saveListAsOf: this.db.prepare('INSERT OR REPLACE INTO pm_risk_findings_status_list (id, as_of) VALUES (1, ?)'),
      clearListAsOf: this.db.prepare('DELETE FROM pm_risk_findings_status_list'),
      monitored: this.db.prepare(
        'SELECT risk_id AS riskId, supplier_id AS supplierId, period, metal, sightings FROM pm_risk_findings_monitored ORDER BY risk_id',
      ),
      monitor: this.db.prepare(
        'INSERT OR REPLACE INTO pm_risk_findings_monitored (risk_id, supplier_id, period, metal, sightings) VALUES (?, ?, ?, ?, ?)',
      ),
      forgetMonitored: this.db.prepare('DELETE FROM pm_risk_findings_monitored WHERE supplier_id = ? AND period = ?'),
      forgetRisk: this.db.prepare('DELETE FROM pm_risk_findings_monitored WHERE risk_id = ?'),
    };
    return this.statements;
  }
}
