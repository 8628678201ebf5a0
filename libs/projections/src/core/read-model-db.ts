import Database from 'better-sqlite3';

export type ReadModelDb = Database.Database;

export interface ReadModelDbOptions {
  /**
   * Open for reading only: a process that does not own the read models (a CLI command while the
   * server runs, a read-only replica) reads the owner's file and never writes to it. The file must exist.
   */
  readonly?: boolean;
  /**
   * How long a write waits for another connection's lock before SQLITE_BUSY (ms; default 20). The
   * wait blocks the event loop, so it is short: the runner retries a busy batch itself, with back-off.
   */
  busyTimeoutMs?: number;
}

/** Short: a busy batch is retried by the runner without blocking every HTTP request meanwhile. */
const DEFAULT_BUSY_TIMEOUT_MS = 20;

/**
 * Opens (or creates) the SQLite file that holds the read models and their checkpoints ('': a private
 * temporary file, deleted on close; ':memory:': a database in memory).
 *
 * synchronous=NORMAL instead of the event store's FULL: in WAL mode NORMAL can lose the last few
 * commits on a power cut, but never corrupts the file, and a read model is only a cache of the log.
 * A lost commit takes its checkpoint with it (both are written in the same transaction), so the
 * runner simply re-applies those events on the next start.
 */
export function openReadModelDb(file: string | ':memory:' | '', options: ReadModelDbOptions = {}): ReadModelDb {
  if (options.readonly) {
    const reader = new Database(file, { readonly: true, fileMustExist: true, timeout: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS });
    reader.pragma('cache_size = -65536');
    reader.pragma('temp_store = MEMORY');
    return reader;
  }
  const db = new Database(file, { timeout: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS });
  // WAL lets HTTP queries read while the runner writes; ':memory:' databases ignore it.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  // The default 2 MiB page cache thrashes once several read models with their indexes outgrow it,
  // which halves replay speed; 64 MiB holds the hot index pages of a few hundred thousand events.
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  ensureCheckpointTable(db);
  return db;
}

/** One row per projection: how far into the global log its tables reflect, and for which definition version. */
export function ensureCheckpointTable(db: ReadModelDb): void {
  db.exec(`CREATE TABLE IF NOT EXISTS checkpoints (
    name TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    version INTEGER NOT NULL
  )`);
}
