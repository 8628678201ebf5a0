/**
 * The event log in one SQLite file. `events` is the log itself; `streams`, `log_head` and `commands`
 * are written in the same transaction as the events they describe, so they can never disagree with it
 * (unless someone edits the file: `audit verify` holds them against the log).
 *
 * Versions (PRAGMA user_version):
 * 1. events, streams, commands. Events stream-chained (see hash-chain.ts).
 * 2. log_head, the tip the next event chains to; commands.fingerprint. Events appended from now on are
 *    log-chained; the events already there keep their format and still verify.
 */
export const SCHEMA_VERSION = 2;

export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS events (
  global_position INTEGER PRIMARY KEY,
  stream_id       TEXT    NOT NULL,
  stream_version  INTEGER NOT NULL,
  event_id        TEXT    NOT NULL UNIQUE,
  command_id      TEXT    NOT NULL,
  type            TEXT    NOT NULL,
  data            TEXT    NOT NULL,
  metadata        TEXT    NOT NULL,
  recorded_at     TEXT    NOT NULL,
  UNIQUE (stream_id, stream_version)
);

-- One row per stream: the current version and the hash the next event chains to, so an append
-- reads one row instead of the stream's last event.
CREATE TABLE IF NOT EXISTS streams (
  stream_id TEXT    PRIMARY KEY,
  version   INTEGER NOT NULL,
  last_hash TEXT    NOT NULL
) WITHOUT ROWID;

-- The idempotency record: an append whose command_id is here returns this result and writes nothing.
-- Positions of one append are consecutive (one transaction, one writer), so first/last suffice.
-- fingerprint (schema 2) is what the command was; NULL for commands recorded before.
CREATE TABLE IF NOT EXISTS commands (
  command_id            TEXT    PRIMARY KEY,
  stream_id             TEXT    NOT NULL,
  first_position        INTEGER NOT NULL,
  last_position         INTEGER NOT NULL,
  next_expected_version INTEGER NOT NULL,
  recorded_at           TEXT    NOT NULL,
  fingerprint           TEXT
) WITHOUT ROWID;

-- The log's tip: position and hash of its last event, which the next event links to (logPrevHash)
-- and follows (position + 1). One row.
CREATE TABLE IF NOT EXISTS log_head (
  id       INTEGER PRIMARY KEY CHECK (id = 1),
  position INTEGER NOT NULL,
  hash     TEXT    NOT NULL
);
`;

/** From schema 1: the column CREATE TABLE IF NOT EXISTS cannot add to an existing table. */
export const MIGRATE_1_TO_2_SQL = `ALTER TABLE commands ADD COLUMN fingerprint TEXT;`;

/** The head of a log written before log_head existed: its last event, or the genesis of an empty log. */
export const SEED_LOG_HEAD_SQL = `
INSERT OR IGNORE INTO log_head (id, position, hash)
SELECT 1, coalesce(max(global_position), 0),
       coalesce((SELECT json_extract(metadata, '$.hash') FROM events ORDER BY global_position DESC LIMIT 1), :genesis)
FROM events;
`;
