import Database from 'better-sqlite3';
import { CatchUpSubscription } from '../catch-up-subscription';
import type {
  AppendOptions,
  AppendResult,
  EventMetadata,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '../event-envelope';
import { eventIdFor } from '../event-ids';
import type { EventStore } from '../event-store.port';
import { assertExpectedVersion, NO_STREAM_VERSION } from '../expected-version';
import { assertSameCommand } from '../command-fingerprint';
import { GENESIS_HASH } from '../hash-chain';
import { normaliseIsoTime } from '../iso-time';
import { assertAppendOptions, sealEvents, type LogTip } from '../seal-events';
import type { StoreBookkeeping } from '../store-bookkeeping';
import type { StoredLogSnapshot } from '../stored-log';
import { openStoredLogSnapshot } from './sqlite-stored-log';
import { MIGRATE_1_TO_2_SQL, SCHEMA_SQL, SCHEMA_VERSION, SEED_LOG_HEAD_SQL } from './sqlite-schema';

export interface SqliteEventStoreOptions {
  /** How often an idle subscription looks for appends made by other processes; default 250 ms. */
  pollIntervalMs?: number;
  /** How long a writer waits for another process's write lock; default 5000 ms. */
  busyTimeoutMs?: number;
}

interface EventRow {
  global_position: number;
  stream_id: string;
  stream_version: number;
  type: string;
  data: string;
  metadata: string;
}

interface CommandRow {
  stream_id: string;
  first_position: number;
  last_position: number;
  next_expected_version: number;
  fingerprint: string | null;
}

interface StreamRow {
  version: number;
  last_hash: string;
}

/** SQLite has no "no limit" literal; a negative LIMIT means unbounded. */
const UNBOUNDED = -1;

/** An append waiting for the next group commit. */
interface QueuedAppend {
  streamId: string;
  events: NewEvent[];
  options: AppendOptions;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

type AppendOutcome = { ok: true; result: AppendResult } | { ok: false; error: unknown };

/** Most appends one commit carries; the rest wait for the next one (keeps a burst's transaction short). */
const MAX_GROUP = 256;

/**
 * The embedded default store: one better-sqlite3 file in WAL mode with synchronous=FULL, so a
 * committed append survives power loss. SQLite admits one writer at a time, which is what makes
 * global positions gap-free and appends to one stream strictly serial, and lets every event link to
 * the previous event of the whole log (log_head, read and moved inside the write transaction).
 */
export class SqliteEventStore implements EventStore {
  readonly kind = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly statements: ReturnType<typeof prepareStatements>;
  private readonly appendTransaction: (streamId: string, events: NewEvent[], options: AppendOptions) => AppendResult;
  private readonly groupTransaction: (group: QueuedAppend[]) => AppendOutcome[];
  /** Appends made since the last group commit, in call order. */
  private queue: QueuedAppend[] = [];
  private flushScheduled = false;
  private readonly subscriptions = new Set<CatchUpSubscription>();
  private readonly pollIntervalMs: number;
  private closed = false;

  /** @param path a file path, or ':memory:' for a private in-memory database. */
  constructor(
    readonly path: string,
    options: SqliteEventStoreOptions = {},
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.db = new Database(path, { timeout: options.busyTimeoutMs ?? 5000 });
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.migrate();
    this.statements = prepareStatements(this.db);
    // IMMEDIATE takes the write lock before the version is read, so a second process cannot slip
    // an event in between the check and the insert (and no read-to-write upgrade can deadlock).
    // Called inside groupTransaction, the same function is a SAVEPOINT: one append's failure
    // undoes that append alone.
    this.appendTransaction = this.db.transaction(this.appendInTransaction.bind(this)).immediate;
    this.groupTransaction = this.db.transaction(this.appendGroup.bind(this)).immediate;
  }

  /**
   * Group commit: appends made while the event loop is busy (e.g. the concurrent requests of one
   * turn) are written together at the next setImmediate, one savepoint each, in one transaction
   * with one fsync. Each append still succeeds or fails on its own, in call order, and its promise
   * settles only once the commit is durable. Under load this spreads synchronous=FULL's fsync, the
   * largest cost of a command, over every append of the group; alone, an append waits one turn.
   */
  appendToStream(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    try {
      assertAppendOptions(streamId, events, options);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ streamId, events, options, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const rows = this.statements.readStream.all(
      streamId,
      Math.max(0, options.fromVersion ?? 0),
      options.maxCount === undefined ? UNBOUNDED : Math.max(0, options.maxCount),
    ) as EventRow[];
    return rows.map(toRecordedEvent);
  }

  async streamVersion(streamId: string): Promise<number> {
    const version = this.statements.streamVersion.get(streamId) as number | undefined;
    return version ?? NO_STREAM_VERSION;
  }

  async readEvent(eventId: string): Promise<RecordedEvent | null> {
    const row = this.statements.readEvent.get(eventId) as EventRow | undefined;
    return row ? toRecordedEvent(row) : null;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const after = options.after ?? 0;
    const limit = options.maxCount === undefined ? UNBOUNDED : Math.max(0, options.maxCount);
    const rows = (
      options.recordedUntil === undefined
        ? this.statements.readAll.all(after, limit)
        : this.statements.readAllUntil.all(after, normaliseIsoTime(options.recordedUntil), limit)
    ) as EventRow[];
    return rows.map(toRecordedEvent);
  }

  async headPosition(): Promise<number> {
    return this.statements.headPosition.get() as number;
  }

  subscribe(options: SubscribeOptions): Subscription {
    if (this.closed) throw new Error('the sqlite event store is closed');
    const subscription: CatchUpSubscription = new CatchUpSubscription(
      {
        readAfter: (after, maxCount) => this.readAll({ after, maxCount }),
        headPosition: () => this.headPosition(),
      },
      options,
      { pollIntervalMs: this.pollIntervalMs, onEnded: () => this.subscriptions.delete(subscription) },
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async findCommand(commandId: string, fingerprint?: string): Promise<AppendResult | null> {
    const row = this.statements.findCommand.get(commandId) as CommandRow | undefined;
    if (!row) return null;
    assertSameCommand(commandId, row.stream_id, row.fingerprint, fingerprint);
    return this.replayCommand(commandId, row);
  }

  async bookkeeping(): Promise<StoreBookkeeping> {
    const { statements } = this;
    // One read transaction, so the records and the position they describe are one snapshot even while
    // another process (the server) appends; synchronous, so no append of this process runs in between.
    return this.db
      .transaction((): StoreBookkeeping => {
        const position = statements.headPosition.get() as number;
        const streams = statements.allStreams.all() as Array<{ streamId: string; version: number; lastHash: string }>;
        const head = statements.logHead.get() as LogTip | undefined;
        const mismatch = statements.firstRecordedAtMismatch.get() as StoreBookkeeping['firstRecordedAtMismatch'] | undefined;
        return { position, streams, logHead: head ?? null, firstRecordedAtMismatch: mismatch ?? null };
      })
      .deferred();
  }

  storedLog(): StoredLogSnapshot {
    if (this.closed) throw new Error('the sqlite event store is closed');
    return openStoredLogSnapshot(this.db, this.path);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    // Appends already made are written before the file closes, as they were before group commit.
    if (this.queue.length > 0) this.flush();
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    this.db.close();
  }

  /** Commits the queued appends, a group at a time, then settles their promises and wakes the subscriptions. */
  private flush(): void {
    this.flushScheduled = false;
    while (this.queue.length > 0) {
      const group = this.queue.length <= MAX_GROUP ? this.queue : this.queue.slice(0, MAX_GROUP);
      this.queue = this.queue.length <= MAX_GROUP ? [] : this.queue.slice(MAX_GROUP);
      let outcomes: AppendOutcome[];
      try {
        // A lone append needs no savepoint: its own IMMEDIATE transaction, exactly as before.
        outcomes = group.length === 1 ? [this.appendAlone(group[0])] : this.groupTransaction(group);
      } catch (error) {
        // The commit itself failed (disk full, lock timeout...): nothing of the group is written.
        for (const append of group) append.reject(error);
        continue;
      }
      let appended = false;
      for (let index = 0; index < group.length; index++) {
        const outcome = outcomes[index];
        if (outcome.ok) {
          if (!outcome.result.duplicate && outcome.result.globalPositions.length > 0) appended = true;
          group[index].resolve(outcome.result);
        } else {
          group[index].reject(outcome.error);
        }
      }
      if (appended) for (const subscription of this.subscriptions) subscription.notify();
    }
  }

  private appendAlone(append: QueuedAppend): AppendOutcome {
    try {
      return { ok: true, result: this.appendTransaction(append.streamId, append.events, append.options) };
    } catch (error) {
      return { ok: false, error };
    }
  }

  /** Runs inside one IMMEDIATE transaction; each append is a savepoint of it. */
  private appendGroup(group: QueuedAppend[]): AppendOutcome[] {
    const outcomes: AppendOutcome[] = new Array(group.length);
    for (let index = 0; index < group.length; index++) {
      const append = group[index];
      try {
        outcomes[index] = { ok: true, result: this.appendTransaction(append.streamId, append.events, append.options) };
      } catch (error) {
        // An error SQLite answers by rolling back the whole transaction (I/O error, disk full)
        // fails the group: the appends before it are gone too.
        if (!this.db.inTransaction) throw error;
        outcomes[index] = { ok: false, error };
      }
    }
    return outcomes;
  }

  private appendInTransaction(streamId: string, events: NewEvent[], options: AppendOptions): AppendResult {
    const { statements } = this;
    const previous = statements.findCommand.get(options.commandId) as CommandRow | undefined;
    if (previous) {
      assertSameCommand(options.commandId, previous.stream_id, previous.fingerprint, options.fingerprint);
      return this.replayCommand(options.commandId, previous);
    }

    const stream = statements.streamTip.get(streamId) as StreamRow | undefined;
    const version = stream ? stream.version : NO_STREAM_VERSION;
    assertExpectedVersion(streamId, options.expectedVersion, version);
    // An empty append records nothing, not even its commandId: there is no result worth replaying.
    if (events.length === 0) {
      return { streamId, nextExpectedVersion: version, globalPositions: [], eventIds: [], duplicate: false };
    }

    const recordedAt = new Date().toISOString();
    // Read under the write lock: no other writer, in this process or another, can move the tip meanwhile.
    const head = statements.logHead.get() as LogTip | undefined;
    if (!head) throw new Error(`${this.path} has no log_head row: the file was edited outside the store (audit verify says more)`);
    const sealed = sealEvents(streamId, events, options, { version, hash: stream ? stream.last_hash : GENESIS_HASH }, recordedAt, head);
    const globalPositions: number[] = new Array(sealed.length);
    const eventIds: string[] = new Array(sealed.length);
    for (let index = 0; index < sealed.length; index++) {
      const event = sealed[index];
      // The position is under the hash, so it is written as computed, never left to SQLite.
      const globalPosition = event.globalPosition as number;
      statements.insertEvent.run(
        globalPosition,
        streamId,
        event.streamVersion,
        event.metadata.eventId,
        options.commandId,
        event.type,
        event.dataJson,
        event.metadataJson,
        recordedAt,
      );
      globalPositions[index] = globalPosition;
      eventIds[index] = event.metadata.eventId;
    }
    const last = sealed[sealed.length - 1];
    statements.upsertStream.run(streamId, last.streamVersion, last.metadata.hash);
    statements.moveLogHead.run(globalPositions[globalPositions.length - 1], last.metadata.hash);
    statements.insertCommand.run(
      options.commandId,
      streamId,
      globalPositions[0],
      globalPositions[globalPositions.length - 1],
      last.streamVersion,
      recordedAt,
      options.fingerprint ?? null,
    );
    return { streamId, nextExpectedVersion: last.streamVersion, globalPositions, eventIds, duplicate: false };
  }

  private replayCommand(commandId: string, row: CommandRow): AppendResult {
    const count = row.last_position - row.first_position + 1;
    const globalPositions = Array.from({ length: count }, (_, index) => row.first_position + index);
    const eventIds = globalPositions.map((_, index) => eventIdFor(commandId, index));
    return {
      streamId: row.stream_id,
      nextExpectedVersion: row.next_expected_version,
      globalPositions,
      eventIds,
      duplicate: true,
    };
  }

  /**
   * Brings the file to SCHEMA_VERSION in one IMMEDIATE transaction, so that two processes opening an
   * old file at once migrate it once (the second finds it done).
   */
  private migrate(): void {
    const current = () => this.db.pragma('user_version', { simple: true }) as number;
    const tooNew = (version: number) => new Error(`${this.path} has event store schema ${version}; this build knows ${SCHEMA_VERSION}`);
    const seen = current();
    if (seen > SCHEMA_VERSION) throw tooNew(seen);
    if (seen === SCHEMA_VERSION) return;
    this.db
      .transaction(() => {
        const version = current();
        if (version > SCHEMA_VERSION) throw tooNew(version);
        if (version === SCHEMA_VERSION) return;
        this.db.exec(SCHEMA_SQL);
        if (version === 1) this.db.exec(MIGRATE_1_TO_2_SQL);
        this.db.prepare(SEED_LOG_HEAD_SQL).run({ genesis: GENESIS_HASH });
        this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
      })
      .immediate();
  }
}

function prepareStatements(db: Database.Database) {
  const columns = 'global_position, stream_id, stream_version, type, data, metadata';
  return {
    findCommand: db.prepare(
      'SELECT stream_id, first_position, last_position, next_expected_version, fingerprint FROM commands WHERE command_id = ?',
    ),
    logHead: db.prepare('SELECT position, hash FROM log_head WHERE id = 1'),
    moveLogHead: db.prepare('UPDATE log_head SET position = ?, hash = ? WHERE id = 1'),
    streamTip: db.prepare('SELECT version, last_hash FROM streams WHERE stream_id = ?'),
    streamVersion: db.prepare('SELECT version FROM streams WHERE stream_id = ?').pluck(),
    insertEvent: db.prepare(
      `INSERT INTO events (global_position, stream_id, stream_version, event_id, command_id, type, data, metadata, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    upsertStream: db.prepare(
      `INSERT INTO streams (stream_id, version, last_hash) VALUES (?, ?, ?)
       ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version, last_hash = excluded.last_hash`,
    ),
    insertCommand: db.prepare(
      `INSERT INTO commands (command_id, stream_id, first_position, last_position, next_expected_version, recorded_at, fingerprint)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    readStream: db.prepare(`SELECT ${columns} FROM events WHERE stream_id = ? AND stream_version >= ? ORDER BY stream_version LIMIT ?`),
    // event_id is UNIQUE, so SQLite keeps an index on it: one lookup, no scan.
    readEvent: db.prepare(`SELECT ${columns} FROM events WHERE event_id = ?`),
    readAll: db.prepare(`SELECT ${columns} FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?`),
    // "As of" replays trust only the hashed recordedAt: the recorded_at column is a copy anyone can edit.
    readAllUntil: db.prepare(
      `SELECT ${columns} FROM events WHERE global_position > ? AND json_extract(metadata, '$.recordedAt') <= ? ORDER BY global_position LIMIT ?`,
    ),
    allStreams: db.prepare('SELECT stream_id AS streamId, version, last_hash AS lastHash FROM streams'),
    firstRecordedAtMismatch: db.prepare(
      `SELECT global_position AS globalPosition, stream_id AS streamId, stream_version AS streamVersion,
              recorded_at AS "column", json_extract(metadata, '$.recordedAt') AS hashed
       FROM events WHERE recorded_at IS NOT json_extract(metadata, '$.recordedAt') ORDER BY global_position LIMIT 1`,
    ),
    headPosition: db.prepare('SELECT coalesce(max(global_position), 0) FROM events').pluck(),
  };
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    type: row.type,
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata) as EventMetadata,
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    globalPosition: row.global_position,
  };
}
