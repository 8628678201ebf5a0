import type { ReadModelDb } from '../core/read-model-db';

export const MESSAGES_SCHEMA = `
  CREATE TABLE IF NOT EXISTS messages (
    message_id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    supplier_id TEXT NOT NULL,
    period INTEGER NOT NULL,
    kind TEXT NOT NULL,
    wave TEXT NOT NULL,
    -- The template family asked about (CMRT, EMRT): a wave's answers are the answers of its family.
    family TEXT NOT NULL,
    campaign_id TEXT,
    request_number INTEGER,
    recipients TEXT NOT NULL,
    language TEXT NOT NULL,
    queued_at TEXT NOT NULL,
    -- queued (waiting for its next attempt), accepted (handed to the mail server), failed (for good)
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT,
    handed_at TEXT,
    transport TEXT,
    server_message_id TEXT,
    server_response TEXT,
    failed_at TEXT,
    last_reply TEXT,
    unreachable_owner TEXT
  );
  CREATE INDEX IF NOT EXISTS messages_by_supplier ON messages (supplier_id, period, position);
  CREATE INDEX IF NOT EXISTS messages_pending ON messages (status, next_attempt_at);
  CREATE INDEX IF NOT EXISTS messages_by_period ON messages (period, wave);
  -- The first answer of each supplier, period and template family, for the response rate by message wave.
  CREATE TABLE IF NOT EXISTS message_answers (
    supplier_id TEXT NOT NULL,
    period INTEGER NOT NULL,
    family TEXT NOT NULL,
    answered_at TEXT NOT NULL,
    PRIMARY KEY (supplier_id, period, family)
  );
`;

export function prepareMessageStatements(db: ReadModelDb) {
  return {
    queued: db.prepare(`INSERT OR IGNORE INTO messages (message_id, position, supplier_id, period, kind, wave, family, campaign_id,
      request_number, recipients, language, queued_at, status, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?)`),
    // Guarded by the attempt number, so an event applied again leaves the row as it was.
    deferred: db.prepare(`UPDATE messages SET attempts = ?, next_attempt_at = ?, last_reply = ?
      WHERE message_id = ? AND status = 'queued' AND attempts < ?`),
    handed: db.prepare(`UPDATE messages SET status = 'accepted', attempts = ?, next_attempt_at = NULL, handed_at = ?, transport = ?,
      server_message_id = ?, server_response = ? WHERE message_id = ?`),
    failed: db.prepare(`UPDATE messages SET status = 'failed', attempts = ?, next_attempt_at = NULL, failed_at = ?, last_reply = ?
      WHERE message_id = ?`),
    unreachable: db.prepare(`UPDATE messages SET unreachable_owner = ? WHERE message_id = ?`),
    answered: db.prepare(`INSERT OR IGNORE INTO message_answers (supplier_id, period, family, answered_at) VALUES (?, ?, ?, ?)`),
  };
}
export type MessageStatements = ReturnType<typeof prepareMessageStatements>;
