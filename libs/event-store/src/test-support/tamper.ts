import Database from 'better-sqlite3';
import type { EventMetadata } from '../event-envelope';
import { eventHash } from '../hash-chain';

/**
 * What someone with write access to the sqlite file can do to it, done with better-sqlite3 directly
 * (never through the store), for the tamper specs. Each helper opens, edits and closes the file.
 */

interface Row {
  global_position: number;
  stream_id: string;
  stream_version: number;
  event_id: string;
  command_id: string;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

export function withFile<T>(file: string, work: (db: Database.Database) => T): T {
  const db = new Database(file);
  try {
    return db.transaction(() => work(db))();
  } finally {
    db.close();
  }
}

export function rowAt(db: Database.Database, position: number): Row {
  const row = db.prepare('SELECT * FROM events WHERE global_position = ?').get(position) as Row | undefined;
  if (!row) throw new Error(`no event at position ${position}`);
  return row;
}

export function deleteEvents(file: string, positions: number[]): void {
  withFile(file, (db) => {
    for (const position of positions) db.prepare('DELETE FROM events WHERE global_position = ?').run(position);
  });
}

/** Exchanges two events' places in the log, each keeping everything it says about itself. */
export function swapEvents(file: string, left: number, right: number): void {
  withFile(file, (db) => {
    const [a, b] = [rowAt(db, left), rowAt(db, right)];
    db.prepare('DELETE FROM events WHERE global_position IN (?, ?)').run(left, right);
    const insert = db.prepare(
      `INSERT INTO events (global_position, stream_id, stream_version, event_id, command_id, type, data, metadata, recorded_at)
       VALUES (@global_position, @stream_id, @stream_version, @event_id, @command_id, @type, @data, @metadata, @recorded_at)`,
    );
    insert.run({ ...b, global_position: left });
    insert.run({ ...a, global_position: right });
  });
}

/** Sets the unhashed recorded_at column, and with `alsoMetadata` the hashed recordedAt too. */
export function backdate(file: string, position: number, recordedAt: string, options: { alsoMetadata?: boolean } = {}): void {
  withFile(file, (db) => {
    db.prepare('UPDATE events SET recorded_at = ? WHERE global_position = ?').run(recordedAt, position);
    if (options.alsoMetadata) {
      const metadata = JSON.parse(rowAt(db, position).metadata) as EventMetadata;
      db.prepare('UPDATE events SET metadata = ? WHERE global_position = ?').run(JSON.stringify({ ...metadata, recordedAt }), position);
    }
  });
}

/**
 * Edits one event's data, then re-computes the hashes the edit broke, as a careful forger would:
 * - 'its stream': the event and the rest of its stream (prevHash links), and the streams table;
 * - 'the log': every event from it to the end of the log (prevHash and logPrevHash links), the streams
 *   table and log_head, which leaves a log that is consistent in itself.
 */
export function editAndRehash(
  file: string,
  position: number,
  edit: (data: Record<string, unknown>) => Record<string, unknown>,
  rehash: 'its stream' | 'the log',
): void {
  withFile(file, (db) => {
    const edited = rowAt(db, position);
    db.prepare('UPDATE events SET data = ? WHERE global_position = ?').run(JSON.stringify(edit(JSON.parse(edited.data))), position);
    const replaced = new Map<string, string>();
    const rows = db.prepare('SELECT * FROM events WHERE global_position >= ? ORDER BY global_position').all(position) as Row[];
    for (const row of rows) {
      if (rehash === 'its stream' && row.stream_id !== edited.stream_id) continue;
      const { hash, ...rest } = JSON.parse(row.metadata) as EventMetadata;
      rest.prevHash = replaced.get(rest.prevHash) ?? rest.prevHash;
      if (rest.logPrevHash !== undefined && rehash === 'the log') rest.logPrevHash = replaced.get(rest.logPrevHash) ?? rest.logPrevHash;
      const forged = eventHash({
        streamId: row.stream_id,
        streamVersion: row.stream_version,
        globalPosition: row.global_position,
        type: row.type,
        data: JSON.parse(row.data),
        metadata: rest,
      });
      replaced.set(hash, forged);
      db.prepare('UPDATE events SET metadata = ? WHERE global_position = ?').run(
        JSON.stringify({ ...rest, hash: forged }),
        row.global_position,
      );
    }
    for (const [was, now] of replaced) {
      db.prepare('UPDATE streams SET last_hash = ? WHERE last_hash = ?').run(now, was);
      db.prepare('UPDATE log_head SET hash = ? WHERE hash = ?').run(now, was);
    }
  });
}

/** Makes the streams table and log_head agree with the events as they now are (covering one's tracks). */
export function coverTracks(file: string): void {
  withFile(file, (db) => {
    db.prepare('DELETE FROM streams').run();
    db.prepare(
      `INSERT INTO streams (stream_id, version, last_hash)
       SELECT stream_id, stream_version, json_extract(metadata, '$.hash') FROM events e
       WHERE stream_version = (SELECT max(stream_version) FROM events WHERE stream_id = e.stream_id)`,
    ).run();
    db.prepare(
      `UPDATE log_head SET position = (SELECT max(global_position) FROM events),
         hash = (SELECT json_extract(metadata, '$.hash') FROM events ORDER BY global_position DESC LIMIT 1)`,
    ).run();
  });
}

/**
 * Points events at other predecessors (position → the prevHash to claim), then re-hashes the whole log
 * from the first of them to its end and makes the streams table and log_head agree: a log consistent
 * in its hashes, its log chain and its records, whose stream chains alone are wrong.
 */
export function relinkAndRehash(file: string, prevHashes: Map<number, string>): void {
  withFile(file, (db) => {
    const from = Math.min(...prevHashes.keys());
    const replaced = new Map<string, string>();
    const rows = db.prepare('SELECT * FROM events WHERE global_position >= ? ORDER BY global_position').all(from) as Row[];
    for (const row of rows) {
      const { hash, ...rest } = JSON.parse(row.metadata) as EventMetadata;
      rest.prevHash = prevHashes.get(row.global_position) ?? replaced.get(rest.prevHash) ?? rest.prevHash;
      if (rest.logPrevHash !== undefined) rest.logPrevHash = replaced.get(rest.logPrevHash) ?? rest.logPrevHash;
      const forged = eventHash({
        streamId: row.stream_id,
        streamVersion: row.stream_version,
        globalPosition: row.global_position,
        type: row.type,
        data: JSON.parse(row.data),
        metadata: rest,
      });
      replaced.set(hash, forged);
      db.prepare('UPDATE events SET metadata = ? WHERE global_position = ?').run(
        JSON.stringify({ ...rest, hash: forged }),
        row.global_position,
      );
    }
    for (const [was, now] of replaced) {
      db.prepare('UPDATE streams SET last_hash = ? WHERE last_hash = ?').run(now, was);
      db.prepare('UPDATE log_head SET hash = ? WHERE hash = ?').run(now, was);
    }
  });
}
