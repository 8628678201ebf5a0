import type { ReadModelDb } from '../core/read-model-db';

export const PROGRAM_SCHEMA = `
  -- The latest policy, team and grievance mechanism of each period.
  CREATE TABLE IF NOT EXISTS program_current (
    period INTEGER NOT NULL,
    kind TEXT NOT NULL,
    data TEXT NOT NULL,
    at TEXT NOT NULL,
    by TEXT NOT NULL,
    event_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    versions INTEGER NOT NULL,
    PRIMARY KEY (period, kind)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS program_log (
    position INTEGER PRIMARY KEY,
    period INTEGER NOT NULL,
    type TEXT NOT NULL,
    data TEXT NOT NULL,
    at TEXT NOT NULL,
    by TEXT NOT NULL,
    event_id TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS program_log_by_period ON program_log (period, type, position);
  -- The risk each grievance raised (RiskRaised with a grievance source).
  CREATE TABLE IF NOT EXISTS program_grievance_risks (
    period INTEGER NOT NULL,
    grievance_id TEXT NOT NULL,
    risk_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    PRIMARY KEY (period, grievance_id)
  ) WITHOUT ROWID;
`;

export function prepareProgramStatements(db: ReadModelDb) {
  return {
    // versions counts the records of a kind; a repeat of the current one (same position) leaves it.
    upsertCurrent: db.prepare(`INSERT INTO program_current (period, kind, data, at, by, event_id, position, versions)
      VALUES (?, ?, ?, ?, ?, ?, ?, 1) ON CONFLICT (period, kind) DO UPDATE SET data = excluded.data, at = excluded.at, by = excluded.by,
      event_id = excluded.event_id, versions = program_current.versions + 1, position = excluded.position
      WHERE excluded.position > program_current.position`),
    insertLog: db.prepare(
      'INSERT OR REPLACE INTO program_log (position, period, type, data, at, by, event_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    insertGrievanceRisk: db.prepare(
      'INSERT OR REPLACE INTO program_grievance_risks (period, grievance_id, risk_id, event_id) VALUES (?, ?, ?, ?)',
    ),
  };
}
export type ProgramStatements = ReturnType<typeof prepareProgramStatements>;
