import Database from 'better-sqlite3';
import { SQLITE_EVENT_STORE_SCHEMA_SQL as SCHEMA_SQL } from '@dd/event-store';

/**
 * The baselines' "raw driver": a better-sqlite3 file with the event store's own pragmas (WAL,
 * synchronous=FULL) and its own `events` table (same columns, keys and unique indexes), written
 * with one prepared INSERT. Whatever the store does beyond this is the engine's overhead.
 */
export interface RawEventsDb {
  db: Database.Database;
  /** (stream_id, stream_version, event_id, command_id, type, data, metadata, recorded_at) */
  insert: Database.Statement;
}

export function openRawEventsDb(file: string): RawEventsDb {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(SCHEMA_SQL);
  const insert = db.prepare(
    `INSERT INTO events (stream_id, stream_version, event_id, command_id, type, data, metadata, recorded_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return { db, insert };
}
