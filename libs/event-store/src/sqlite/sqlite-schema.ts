/**
 * The event log in one SQLite file. `events` is the log itself; `streams` and `commands` are
 * written in the same transaction as the events they describe, so they can never disagree with it.
 */
export const SCHEMA_VERSION = 1;

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
CREATE TABLE IF NOT EXISTS commands (
  command_id            TEXT    PRIMARY KEY,
  stream_id             TEXT    NOT NULL,
  first_position        INTEGER NOT NULL,
  last_position         INTEGER NOT NULL,
  next_expected_version INTEGER NOT NULL,
  recorded_at           TEXT    NOT NULL
) WITHOUT ROWID;
`;
