import type { ReadModelDb } from '../core/read-model-db';

export const AUDIT_TRAIL_SCHEMA = `
  CREATE TABLE IF NOT EXISTS audit_trail (
    position INTEGER PRIMARY KEY,
    stream_id TEXT NOT NULL,
    stream_version INTEGER NOT NULL,
    type TEXT NOT NULL,
    actor TEXT NOT NULL,
    command_id TEXT NOT NULL,
    correlation_id TEXT NOT NULL,
    causation_id TEXT,
    event_id TEXT NOT NULL,
    occurred_at TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    hash TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    supplier_id TEXT,
    period INTEGER
  );
  CREATE TABLE IF NOT EXISTS audit_trail_streams (
    stream_id TEXT PRIMARY KEY,
    supplier_id TEXT,
    period INTEGER
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS audit_trail_by_supplier ON audit_trail (supplier_id);
  CREATE INDEX IF NOT EXISTS audit_trail_by_stream ON audit_trail (stream_id);
  CREATE INDEX IF NOT EXISTS audit_trail_by_type ON audit_trail (type);
  CREATE INDEX IF NOT EXISTS audit_trail_by_actor ON audit_trail (actor);
  CREATE INDEX IF NOT EXISTS audit_trail_by_recorded_at ON audit_trail (recorded_at);
  CREATE INDEX IF NOT EXISTS audit_trail_by_event_id ON audit_trail (event_id);
  CREATE INDEX IF NOT EXISTS audit_trail_by_causation ON audit_trail (causation_id) WHERE causation_id IS NOT NULL;
`;

/**
 * Beside a SQLite log: only what the log's events table lacks to be filtered (the hashed actor and
 * recordedAt, the causation id, and the supplier and period the event concerns), one narrow row
 * per event. Everything else an entry shows is read from the log when asked (AuditTrailQueries),
 * which indexes stream and event id already. audit_trail_log names the log file.
 */
export const AUDIT_TRAIL_INDEX_SCHEMA = `
  CREATE TABLE IF NOT EXISTS audit_trail_index (
    position INTEGER PRIMARY KEY,
    type TEXT NOT NULL,
    actor TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    causation_id TEXT,
    supplier_id TEXT,
    period INTEGER
  );
  CREATE TABLE IF NOT EXISTS audit_trail_streams (
    stream_id TEXT PRIMARY KEY,
    supplier_id TEXT,
    period INTEGER
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS audit_trail_index_by_supplier ON audit_trail_index (supplier_id);
  CREATE INDEX IF NOT EXISTS audit_trail_index_by_type ON audit_trail_index (type);
  CREATE INDEX IF NOT EXISTS audit_trail_index_by_actor ON audit_trail_index (actor);
  CREATE INDEX IF NOT EXISTS audit_trail_index_by_recorded_at ON audit_trail_index (recorded_at);
  CREATE INDEX IF NOT EXISTS audit_trail_index_by_causation ON audit_trail_index (causation_id) WHERE causation_id IS NOT NULL;
`;

/** Which log file audit_trail_index views; no row: the read model is the full audit_trail table. */
export const AUDIT_TRAIL_LOG_SCHEMA = `
  CREATE TABLE IF NOT EXISTS audit_trail_log (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    file TEXT NOT NULL
  );
`;

export function prepareAuditTrailIndexStatements(db: ReadModelDb) {
  return {
    insert: db.prepare(`INSERT OR REPLACE INTO audit_trail_index (position, type, actor, recorded_at, causation_id, supplier_id, period)
      VALUES (?, ?, ?, ?, ?, ?, ?)`),
    streamOwner: db.prepare('SELECT supplier_id AS supplierId, period FROM audit_trail_streams WHERE stream_id = ?'),
    rememberStream: db.prepare('INSERT OR IGNORE INTO audit_trail_streams (stream_id, supplier_id, period) VALUES (?, ?, ?)'),
  };
}

export function prepareAuditTrailStatements(db: ReadModelDb) {
  return {
    insert: db.prepare(`INSERT OR REPLACE INTO audit_trail (position, stream_id, stream_version, type, actor,
      command_id, correlation_id, causation_id, event_id, occurred_at, recorded_at, hash, prev_hash, supplier_id, period)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    streamOwner: db.prepare('SELECT supplier_id AS supplierId, period FROM audit_trail_streams WHERE stream_id = ?'),
    rememberStream: db.prepare('INSERT OR IGNORE INTO audit_trail_streams (stream_id, supplier_id, period) VALUES (?, ?, ?)'),
  };
}
export type AuditTrailStatements = ReturnType<typeof prepareAuditTrailStatements>;
