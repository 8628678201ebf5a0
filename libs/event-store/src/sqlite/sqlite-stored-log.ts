import Database from 'better-sqlite3';
import type { StoredEventRow, StoredLogSnapshot } from '../stored-log';

/**
 * The sqlite log as stored, for `audit verify` (see stored-log.ts). A file is read through a connection
 * of its own, read-only, inside one read transaction: the events and the store's records are one
 * snapshot while the server appends beside it, and the walk may leave the event loop between pages
 * without holding up this process's writer. A private in-memory database has no second connection: its
 * snapshot is the store's own connection, walked without yielding, so no append of this process can
 * land in between.
 */
export function openStoredLogSnapshot(storeDb: Database.Database, path: string): StoredLogSnapshot {
  return storeDb.memory ? snapshotOver(storeDb, null) : openStoredLogFile(path);
}

/**
 * Pages the verification's connections keep (KiB): it reads the log from first to last, so a page is
 * not read twice and a cache only holds the way down the tree. Cycling through the default 16 MB
 * instead keeps every page out of the processor's caches: 256 KiB reads a row about 1 µs cheaper
 * (docs/verify-at-scale.md).
 */
const SEQUENTIAL_READ_CACHE_KIB = 256;

/** A read-only snapshot of a log file through a connection of its own (also what a verifying worker opens). */
export function openStoredLogFile(path: string): StoredLogSnapshot {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    db.pragma(`cache_size = -${SEQUENTIAL_READ_CACHE_KIB}`);
  } catch (error) {
    db.close();
    throw error;
  }
  return snapshotOver(db, path);
}

/** `file`: the path of a connection opened here, null for the store's own (in-memory) connection. */
function snapshotOver(db: Database.Database, file: string | null): StoredLogSnapshot {
  const own = file !== null;
  try {
    if (own) {
      db.exec('BEGIN');
    }
    // The first read of the transaction fixes its snapshot.
    const position = db.prepare('SELECT coalesce(max(global_position), 0) FROM events').pluck().get() as number;
    const logHead =
      (db.prepare('SELECT position, hash FROM log_head WHERE id = 1').get() as { position: number; hash: string } | undefined) ?? null;
    const columns = `global_position AS globalPosition, stream_id AS streamId, stream_version AS streamVersion, type, data, metadata,
              recorded_at AS recordedAt`;
    const page = db.prepare(
      `SELECT ${columns} FROM events WHERE global_position > ? AND global_position <= ? ORDER BY global_position LIMIT ?`,
    );
    const rows = db
      .prepare(`SELECT ${columns} FROM events WHERE global_position > ? AND global_position <= ? ORDER BY global_position`)
      .raw();
    const eventAt = db.prepare(`SELECT ${columns} FROM events WHERE global_position = ? AND global_position <= ?`);
    const streamEventBefore = db.prepare(
      `SELECT ${columns} FROM events WHERE stream_id = ? AND global_position < ? ORDER BY global_position DESC LIMIT 1`,
    );
    const streamGoesOn = db
      .prepare('SELECT 1 FROM events WHERE stream_id = ? AND stream_version > ? AND global_position <= ? LIMIT 1')
      .pluck();
    const streamRecord = db.prepare('SELECT version, last_hash AS lastHash FROM streams WHERE stream_id = ?');
    const streams = db.prepare('SELECT stream_id AS streamId, version, last_hash AS lastHash FROM streams');
    // Both sides come from the (stream_id, stream_version) index, which carries each event's position.
    const outOfOrder = db
      .prepare(
        `SELECT e.global_position FROM events e
         JOIN events p ON p.stream_id = e.stream_id AND p.stream_version = e.stream_version - 1
         WHERE e.global_position < ? AND e.stream_version > 0 AND p.global_position > e.global_position
         ORDER BY e.global_position LIMIT 1`,
      )
      .pluck();
    return {
      position,
      logHead,
      mayYield: own,
      file,
      page: (after, limit) => page.all(after, position, limit) as StoredEventRow[],
      rows: (after, until = position) => asStoredRows(rows.iterate(after, Math.min(until, position)) as IterableIterator<RawRow>),
      streamRecords: () => streams.iterate() as IterableIterator<{ streamId: string; version: number; lastHash: string }>,
      firstEventBeforeItsPredecessor: (before) => (outOfOrder.get(before) as number | undefined) ?? null,
      eventAt: (at) => (eventAt.get(at, position) as StoredEventRow | undefined) ?? null,
      streamEventBefore: (streamId, before) => (streamEventBefore.get(streamId, before) as StoredEventRow | undefined) ?? null,
      streamGoesOn: (streamId, version) => streamGoesOn.get(streamId, version, position) !== undefined,
      streamRecord: (streamId) => (streamRecord.get(streamId) as { version: number; lastHash: string } | undefined) ?? null,
      close: () => {
        if (!own) return;
        if (db.inTransaction) db.exec('COMMIT');
        db.close();
      },
    };
  } catch (error) {
    if (own) db.close();
    throw error;
  }
}

/** A row of the events as an array, in the order of the columns selected above. */
type RawRow = [number, string, number, string, string, string, string];

/**
 * better-sqlite3 builds a row object property by property from C++; an array, made into an object of
 * one shape here, costs about 0.5 µs less a row, which counts over millions of rows (docs/verify-at-scale.md).
 * Stopping early (return) ends the statement's iteration, so the connection is free again.
 */
function asStoredRows(raw: IterableIterator<RawRow>): IterableIterator<StoredEventRow> {
  const rows: IterableIterator<StoredEventRow> = {
    [Symbol.iterator]: () => rows,
    next: () => {
      const step = raw.next();
      if (step.done === true) return { done: true, value: undefined };
      const row = step.value;
      return {
        done: false,
        value: {
          globalPosition: row[0],
          streamId: row[1],
          streamVersion: row[2],
          type: row[3],
          data: row[4],
          metadata: row[5],
          recordedAt: row[6],
        },
      };
    },
    return: (value?: unknown) => {
      raw.return?.();
      return { done: true, value };
    },
  };
  return rows;
}
