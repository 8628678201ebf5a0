import type { ReadModelDb } from '../core/read-model-db';

export const PERIODS_SCHEMA = `
  CREATE TABLE IF NOT EXISTS periods (
    period INTEGER PRIMARY KEY,
    status TEXT NOT NULL,
    policy TEXT NOT NULL,
    form_sd_deadline TEXT NOT NULL,
    opened_at TEXT NOT NULL,
    opened_by TEXT NOT NULL,
    closed_at TEXT,
    close_note TEXT,
    reopened_at TEXT,
    reopen_reason TEXT
  );
  CREATE TABLE IF NOT EXISTS period_status_changes (
    position INTEGER PRIMARY KEY,
    period INTEGER NOT NULL,
    change TEXT NOT NULL,
    at TEXT NOT NULL,
    by TEXT NOT NULL,
    note TEXT,
    event_id TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS period_status_changes_by_period ON period_status_changes (period, position);
  CREATE TABLE IF NOT EXISTS period_reports (
    position INTEGER PRIMARY KEY,
    period INTEGER NOT NULL,
    url TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    form_sd_deadline TEXT NOT NULL,
    on_time INTEGER NOT NULL,
    published_at TEXT NOT NULL,
    published_by TEXT NOT NULL,
    event_id TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS period_reports_by_period ON period_reports (period, position);
`;

export function preparePeriodStatements(db: ReadModelDb) {
  return {
    // Opening comes first in a period's stream; applied again it leaves a later close alone.
    opened: db.prepare(`INSERT INTO periods (period, status, policy, form_sd_deadline, opened_at, opened_by)
      VALUES (?, 'open', ?, ?, ?, ?) ON CONFLICT (period) DO UPDATE SET policy = excluded.policy,
      form_sd_deadline = excluded.form_sd_deadline, opened_at = excluded.opened_at, opened_by = excluded.opened_by`),
    closed: db.prepare(`UPDATE periods SET status = 'closed', closed_at = ?, close_note = ? WHERE period = ?`),
    reopened: db.prepare(
      `UPDATE periods SET status = 'open', closed_at = NULL, close_note = NULL, reopened_at = ?, reopen_reason = ? WHERE period = ?`,
    ),
    statusChanged: db.prepare(
      `INSERT OR REPLACE INTO period_status_changes (position, period, change, at, by, note, event_id) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    published: db.prepare(`INSERT OR REPLACE INTO period_reports (position, period, url, sha256, form_sd_deadline, on_time,
      published_at, published_by, event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
  };
}
export type PeriodStatements = ReturnType<typeof preparePeriodStatements>;
