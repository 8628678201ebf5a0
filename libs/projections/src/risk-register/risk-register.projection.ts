import type { Finding, ResponseRecorded, RiskRaised, RiskSeverity } from '@dd/domain';
import type { RecordedEvent } from '@dd/event-store';
import type { ProjectionDefinition } from '../core/projection';

/** Sort key: high before medium before low. */
export const SEVERITY_RANK: Record<RiskSeverity, number> = { high: 0, medium: 1, low: 2 };

/**
 * The risk register: one row per RiskRaised (people's flags and the engine's risks from red-flag
 * findings alike), plus the red-flag findings of each supplier's latest response per period, so a
 * risk can be shown with the findings behind it.
 */
export const riskRegisterProjection: ProjectionDefinition = {
  name: 'risk-register',
  version: 1,
  tables: ['risk_register', 'red_flags', 'risk_latest_responses'],
  create(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS risk_register (
        risk_id TEXT PRIMARY KEY,
        supplier_id TEXT NOT NULL,
        period INTEGER NOT NULL,
        metal TEXT,
        smelter_id TEXT,
        category TEXT NOT NULL,
        severity TEXT NOT NULL,
        severity_rank INTEGER NOT NULL,
        status TEXT NOT NULL,
        reason TEXT NOT NULL,
        evidence TEXT,
        raised_at TEXT NOT NULL,
        raised_by TEXT NOT NULL,
        source_kind TEXT NOT NULL,
        rule_ids TEXT NOT NULL,
        source_event_ids TEXT NOT NULL,
        position INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS risk_register_by_period ON risk_register (period, severity_rank, raised_at);
      CREATE INDEX IF NOT EXISTS risk_register_by_supplier ON risk_register (supplier_id, period);
      CREATE TABLE IF NOT EXISTS risk_latest_responses (
        supplier_id TEXT NOT NULL,
        period INTEGER NOT NULL,
        event_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (supplier_id, period)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS red_flags (
        supplier_id TEXT NOT NULL,
        period INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        rule_id TEXT NOT NULL,
        metal TEXT,
        smelter_id TEXT,
        field TEXT NOT NULL,
        cell TEXT,
        message TEXT NOT NULL,
        event_id TEXT NOT NULL,
        PRIMARY KEY (supplier_id, period, seq)
      ) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS red_flags_by_period ON red_flags (period, rule_id);
    `);
    const upsertRisk = db.prepare(`INSERT OR REPLACE INTO risk_register (risk_id, supplier_id, period, metal, smelter_id,
      category, severity, severity_rank, status, reason, evidence, raised_at, raised_by, source_kind, rule_ids,
      source_event_ids, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, ?)`);
    // Takes the response as the latest unless a later one is there already (a replay over kept
    // tables may bring older responses again); `changes` says which happened.
    const upsertLatest = db.prepare(`INSERT INTO risk_latest_responses (supplier_id, period, event_id, position)
      VALUES (?, ?, ?, ?) ON CONFLICT (supplier_id, period) DO UPDATE SET event_id = excluded.event_id,
      position = excluded.position WHERE excluded.position >= risk_latest_responses.position`);
    const clearRedFlags = db.prepare('DELETE FROM red_flags WHERE supplier_id = ? AND period = ?');
    const insertRedFlag = db.prepare(`INSERT INTO red_flags (supplier_id, period, seq, rule_id, metal, smelter_id,
      field, cell, message, event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);

    function riskRaised(event: RecordedEvent<'RiskRaised', RiskRaised>): void {
      const risk = event.data;
      const source = risk.source;
      const sourceEventIds =
        source.kind === 'response-finding' ? [event.metadata.eventId, source.eventId] : [event.metadata.eventId];
      upsertRisk.run(
        risk.riskId,
        risk.supplierId,
        risk.period,
        risk.metal ?? null,
        risk.smelterId ?? null,
        risk.category,
        risk.severity,
        SEVERITY_RANK[risk.severity] ?? 3,
        risk.reason,
        risk.evidence ?? null,
        event.metadata.occurredAt,
        event.metadata.actor,
        source.kind,
        JSON.stringify(source.kind === 'response-finding' ? source.ruleIds : []),
        JSON.stringify(sourceEventIds),
        event.globalPosition,
      );
    }

    function responseRecorded(event: RecordedEvent<'ResponseRecorded', ResponseRecorded>): void {
      const { supplierId, period, findings } = event.data;
      // Only the latest response's red flags are kept.
      if (upsertLatest.run(supplierId, period, event.metadata.eventId, event.globalPosition).changes === 0) return;
      clearRedFlags.run(supplierId, period);
      let seq = 0;
      for (const finding of findings as Finding[]) {
        if (finding.severity !== 'red-flag') continue;
        insertRedFlag.run(
          supplierId,
          period,
          seq++,
          finding.ruleId,
          finding.metal ?? null,
          finding.smelterId ?? null,
          finding.field,
          finding.cell ?? null,
          finding.message,
          event.metadata.eventId,
        );
      }
    }

    return {
      apply(event) {
        if (event.type === 'RiskRaised') riskRaised(event as RecordedEvent<'RiskRaised', RiskRaised>);
        else if (event.type === 'ResponseRecorded') responseRecorded(event as RecordedEvent<'ResponseRecorded', ResponseRecorded>);
      },
    };
  },
};
