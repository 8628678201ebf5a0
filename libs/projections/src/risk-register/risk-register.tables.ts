import { countTriggers } from '../core/count-triggers';
import type { ReadModelDb } from '../core/read-model-db';

export const RISK_REGISTER_SCHEMA = `
  CREATE TABLE IF NOT EXISTS risk_register (
    risk_id TEXT PRIMARY KEY,
    supplier_id TEXT,
    period INTEGER NOT NULL,
    metal TEXT,
    smelter_id TEXT,
    category TEXT NOT NULL,
    severity TEXT NOT NULL,
    severity_rank INTEGER NOT NULL,
    raised_severity TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT NOT NULL,
    evidence TEXT,
    raised_at TEXT NOT NULL,
    raised_by TEXT NOT NULL,
    source_kind TEXT NOT NULL,
    rule_ids TEXT NOT NULL,
    source_event_ids TEXT NOT NULL,
    owner TEXT,
    assessment TEXT,
    mitigation TEXT,
    escalations TEXT NOT NULL,
    closure TEXT,
    next_escalation_due TEXT,
    updated_at TEXT NOT NULL,
    position INTEGER NOT NULL,
    last_position INTEGER NOT NULL
  );
  -- The register's order within a period, ending with the id: pages seek it (keyset), counts read it.
  DROP INDEX IF EXISTS risk_register_by_period;
  CREATE INDEX IF NOT EXISTS risk_register_in_order ON risk_register (period, severity_rank, raised_at, risk_id);
  CREATE INDEX IF NOT EXISTS risk_register_by_supplier ON risk_register (supplier_id, period);
  CREATE INDEX IF NOT EXISTS risk_register_by_escalation_due ON risk_register (next_escalation_due) WHERE next_escalation_due IS NOT NULL;
  -- How many risks of a period stand in each status, category and severity: the register's totals
  -- (X-Total-Count under any filter but the supplier's) read a few of these rows, not every risk of the
  -- period. Kept by triggers as rows are written, so the handlers stay as they were and the counts
  -- cannot drift from the rows: an insert adds one, a change of a counted column moves one.
  CREATE TABLE IF NOT EXISTS risk_register_counts (
    period INTEGER NOT NULL,
    status TEXT NOT NULL,
    category TEXT NOT NULL,
    severity TEXT NOT NULL,
    risks INTEGER NOT NULL,
    PRIMARY KEY (period, status, category, severity)
  ) WITHOUT ROWID;
  ${countTriggers({ rows: 'risk_register', counts: 'risk_register_counts', by: ['period', 'status', 'category', 'severity'], count: 'risks' })}
  CREATE TABLE IF NOT EXISTS risk_history (
    risk_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    type TEXT NOT NULL,
    at TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    by TEXT NOT NULL,
    summary TEXT NOT NULL,
    event_id TEXT NOT NULL,
    PRIMARY KEY (risk_id, position)
  ) WITHOUT ROWID;
  -- The roll-forward's figures per business year and category (roll-forward-figures.ts): the movements
  -- dated in the year and the change the year made to the open balance at year end.
  CREATE TABLE IF NOT EXISTS risk_roll_forward (
    year INTEGER NOT NULL,
    category TEXT NOT NULL,
    additions INTEGER NOT NULL,
    reopened INTEGER NOT NULL,
    deductions INTEGER NOT NULL,
    open_change INTEGER NOT NULL,
    PRIMARY KEY (year, category)
  ) WITHOUT ROWID;
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
`;

export function prepareRiskRegisterStatements(db: ReadModelDb) {
  return {
    insertRisk: db.prepare(`INSERT INTO risk_register (risk_id, supplier_id, period, metal, smelter_id,
      category, severity, severity_rank, raised_severity, status, reason, evidence, raised_at, raised_by, source_kind, rule_ids,
      source_event_ids, owner, assessment, mitigation, escalations, closure, next_escalation_due, updated_at, position, last_position)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, '[]', NULL, NULL, ?, ?, ?)
      ON CONFLICT (risk_id) DO NOTHING`),
    readLifecycle: db.prepare(`SELECT severity, owner, assessment, mitigation, escalations, closure, source_event_ids AS sourceEventIds,
      last_position AS lastPosition FROM risk_register WHERE risk_id = ?`),
    writeLifecycle: db.prepare(`UPDATE risk_register SET severity = ?, severity_rank = ?, status = ?, owner = ?, assessment = ?,
      mitigation = ?, escalations = ?, closure = ?, next_escalation_due = ?, source_event_ids = ?, updated_at = ?, last_position = ?
      WHERE risk_id = ?`),
    insertHistory: db.prepare(`INSERT OR REPLACE INTO risk_history (risk_id, position, type, at, recorded_at, by, summary, event_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
    riskMovements: db.prepare(`SELECT position, type, at FROM risk_history WHERE risk_id = ?
      AND type IN ('RiskRaised', 'RiskReopened', 'RiskClosed') ORDER BY position`),
    riskCategory: db.prepare('SELECT category FROM risk_register WHERE risk_id = ?').pluck(),
    addRollForward: db.prepare(`INSERT INTO risk_roll_forward (year, category, additions, reopened, deductions, open_change)
      VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (year, category) DO UPDATE SET additions = additions + excluded.additions,
      reopened = reopened + excluded.reopened, deductions = deductions + excluded.deductions,
      open_change = open_change + excluded.open_change`),
    // Takes the response as the latest unless a later one is there already (a replay over kept
    // tables may bring older responses again); `changes` says which happened.
    upsertLatest: db.prepare(`INSERT INTO risk_latest_responses (supplier_id, period, event_id, position)
      VALUES (?, ?, ?, ?) ON CONFLICT (supplier_id, period) DO UPDATE SET event_id = excluded.event_id,
      position = excluded.position WHERE excluded.position >= risk_latest_responses.position`),
    clearRedFlags: db.prepare('DELETE FROM red_flags WHERE supplier_id = ? AND period = ?'),
    insertRedFlag: db.prepare(`INSERT INTO red_flags (supplier_id, period, seq, rule_id, metal, smelter_id,
      field, cell, message, event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
  };
}
export type RiskRegisterStatements = ReturnType<typeof prepareRiskRegisterStatements>;
