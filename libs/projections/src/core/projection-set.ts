import type { RecordedEvent } from '@dd/event-store';
import type { ProjectionApplier, ProjectionContext, ProjectionDefinition } from './projection';
import { ProjectionBatchFailed } from './projection-status';
import { ensureCheckpointTable, type ReadModelDb } from './read-model-db';
import { applyingPosition, type ApplyingPosition } from '../temporal/applying-position';
import { dropHistory, forgetHistory, HISTORY_SUFFIX, keepHistory } from '../temporal/history-tables';
import { stagedTablesOf, stageHistory, writeStagedTable } from '../temporal/staged-history';

export interface ProjectionSetOptions extends ProjectionContext {
  /**
   * Keep each table's history (temporal/history-tables.ts), so that "as of" reads are answered from
   * the file without a replay. The live read models keep it; throwaway replays do not (undefined:
   * the file is left as it is). false: history switched off, any the file kept is dropped on open()
   * (forgetHistory), and as-of reads on it replay.
   */
  history?: boolean;
}

interface Entry {
  readonly definition: ProjectionDefinition;
  applier: ProjectionApplier | null;
  /** Committed checkpoint: the global position of the last event reflected in the tables. */
  position: number;
  /** Left out of every batch (its runner stopped it), until reset. */
  suspended: boolean;
}

/**
 * The projections sharing one read-model database, with their checkpoints kept in memory as well
 * as in the checkpoints table. Used by the live runner and by throwaway "as of" replays alike.
 */
export class ProjectionSet {
  private readonly entries: Entry[];
  private readonly byName = new Map<string, Entry>();
  private opened = false;
  private readonly applyInTransaction: (events: readonly RecordedEvent[]) => void;
  /** Where dd_position() reads the event being applied; null without history. */
  private readonly applying: ApplyingPosition | null;
  /** History switched off: open() drops what the file kept. */
  private readonly forgetsHistory: boolean;
  /** What the projections may use beside their database (the log file an audit trail reads). */
  private readonly context: ProjectionContext;

  constructor(
    private readonly db: ReadModelDb,
    definitions: readonly ProjectionDefinition[],
    options: ProjectionSetOptions = {},
  ) {
    ensureCheckpointTable(db);
    this.context = options.logFile === undefined ? {} : { logFile: options.logFile };
    this.forgetsHistory = options.history === false;
    const applying = (this.applying = options.history ? applyingPosition(db) : null);
    this.entries = definitions.map((definition) => ({ definition, applier: null, position: 0, suspended: false }));
    for (const entry of this.entries) {
      if (this.byName.has(entry.definition.name)) throw new Error(`projection ${entry.definition.name} is listed twice`);
      this.byName.set(entry.definition.name, entry);
    }
    const updateCheckpoint = db.prepare('UPDATE checkpoints SET position = ? WHERE name = ?');
    const entries = this.entries;
    // Read models and checkpoints in one transaction: a batch is either wholly visible with its
    // checkpoint moved, or not at all (at-least-once delivery, exactly-once effect). IMMEDIATE takes
    // the write lock before the first read, so another connection's commit in between cannot turn
    // the first write into SQLITE_BUSY_SNAPSHOT.
    this.applyInTransaction = db.transaction((events: readonly RecordedEvent[]) => {
      const count = entries.length;
      // Which projection was applying which event, so that a failure names its projection.
      let current: Entry | null = null;
      let position = 0;
      try {
        for (let e = 0; e < events.length; e++) {
          const event = events[e];
          position = event.globalPosition;
          if (applying !== null) applying.position = position;
          for (let p = 0; p < count; p++) {
            const entry = entries[p];
            if (position > entry.position && !entry.suspended) {
              current = entry;
              entry.applier!.apply(event);
            }
          }
        }
        current = null;
        const last = events[events.length - 1].globalPosition;
        position = last;
        for (let p = 0; p < count; p++) {
          if (last > entries[p].position && !entries[p].suspended) updateCheckpoint.run(last, entries[p].definition.name);
        }
      } catch (error) {
        throw new ProjectionBatchFailed(current === null ? null : current.definition.name, position, error);
      }
    }).immediate;
  }

  get names(): string[] {
    return this.entries.map((entry) => entry.definition.name);
  }

  /**
   * Creates missing tables and prepares every projection. A projection whose stored version differs
   * from its definition (or that has no checkpoint row at all) is dropped and starts again from 0.
   * Returns the names of the projections that were reset.
   */
  open(): string[] {
    if (this.opened) return [];
    const stored = new Map(
      (this.db.prepare('SELECT name, position, version FROM checkpoints').all() as CheckpointRow[]).map((row) => [row.name, row]),
    );
    const current = (entry: Entry) => stored.get(entry.definition.name)?.version === entry.definition.version;
    const outdated = this.entries.filter((entry) => !current(entry)).map((entry) => entry.definition.name);
    if (this.forgetsHistory) {
      const checkpoints = this.entries.map((entry) => stored.get(entry.definition.name)?.position ?? 0);
      forgetHistory(
        this.db,
        this.entries.map((entry) => entry.definition),
        checkpoints.length === 0 ? 0 : Math.min(...checkpoints),
      );
    }
    this.reset(outdated);
    for (const entry of this.entries) {
      if (!current(entry)) continue;
      entry.applier = entry.definition.create(this.db, this.context);
      entry.position = stored.get(entry.definition.name)!.position;
      this.keepHistory(entry);
    }
    this.opened = true;
    return outdated;
  }

  /** Leaves a projection out of every batch from now on (its runner stopped it); reset() takes it back. */
  suspend(name: string): void {
    this.entry(name).suspended = true;
  }

  isSuspended(name: string): boolean {
    return this.entry(name).suspended;
  }

  /** Drops the projections' tables, re-creates them empty and puts their checkpoints back to 0. */
  reset(names: readonly string[]): void {
    const targets = names.map((name) => this.entry(name));
    if (targets.length === 0) return;
    const deleteCheckpoint = this.db.prepare('DELETE FROM checkpoints WHERE name = ?');
    const insertCheckpoint = this.db.prepare('INSERT INTO checkpoints (name, position, version) VALUES (?, 0, ?)');
    this.db.transaction(() => {
      for (const { definition } of targets) {
        if (this.applying !== null) dropHistory(this.db, definition);
        for (const table of definition.tables) this.db.exec(`DROP TABLE IF EXISTS "${table.replace(/"/g, '""')}"`);
        deleteCheckpoint.run(definition.name);
        insertCheckpoint.run(definition.name, definition.version);
      }
      // Statements prepared against the dropped tables are dead: prepare afresh.
      for (const entry of targets) entry.applier = entry.definition.create(this.db, this.context);
      for (const entry of targets) this.keepHistory({ ...entry, position: 0 });
    })();
    for (const entry of targets) {
      entry.position = 0;
      entry.suspended = false;
    }
  }

  /**
   * Readies the database for replaying the log into the named, freshly reset projections: their
   * secondary indexes deferred (deferIndexes), their history staged to be written in bulk at the end
   * (temporal/staged-history.ts; with history on, for those replayed from position 0) and, for as long
   * as the replay lasts, no fsync. Returns the function that writes the history, builds the indexes
   * and restores the setting. (A larger page cache was tried:
   * no faster on the 1M log, and 200 MB more resident.)
   *
   * Without fsync a power cut during a replay can lose its last commits (which the next start
   * replays again, from the checkpoints committed with them) or, in the worst case, damage the
   * file; either way only read models, which the log rebuilds. Nothing is risked outside a replay.
   */
  prepareReplay(names: readonly string[]): () => Promise<void> {
    const restoreIndexes = this.deferIndexes(names);
    // History in bulk (temporal/staged-history.ts): only for projections replayed from the start.
    const staged = this.applying === null ? [] : names.map((name) => this.entry(name)).filter((entry) => entry.position === 0);
    const stagedNow = staged.filter((entry) => stageHistory(this.db, entry.definition));
    const synchronous = this.db.pragma('synchronous', { simple: true }) as number;
    this.db.pragma('synchronous = OFF');
    // The bulk passes at the end (the history's window over every staged change, then each deferred
    // index) sort whole tables. With temporary storage in memory SQLite's sorter keeps all of it in the
    // process (993 MB at 1M events, growing with the log); in files it keeps a cache's worth and spills
    // the rest to the temporary directory. This connection holds no TEMP objects that the switch would drop.
    const tempStore = this.db.pragma('temp_store', { simple: true }) as number;
    this.db.pragma('temp_store = FILE');
    return async () => {
      try {
        // The history first, into tables without their secondary indexes, which are then built once.
        // A table at a time, with a turn of the event loop between: a server starting in the
        // background answers requests meanwhile (at 1M events the pass takes some 30 s of CPU).
        // Nothing applies events to these projections until this has ended (the runner follows the
        // log only after its replay), so their staging triggers meet no write in between.
        for (const entry of stagedNow) {
          for (const table of stagedTablesOf(this.db, entry.definition)) {
            writeStagedTable(this.db, table);
            await new Promise((resolve) => setImmediate(resolve));
          }
          this.keepHistory(entry);
        }
        restoreIndexes();
      } finally {
        this.db.pragma(`synchronous = ${synchronous}`);
        this.db.pragma(`temp_store = ${tempStore}`);
      }
    };
  }

  /**
   * Drops the secondary indexes of the named projections' tables and returns a function that
   * builds them again. Used around replays into freshly reset tables. Should the process die in
   * between, nothing is lost: the next open() runs create(), whose CREATE INDEX IF NOT EXISTS
   * restores them.
   */
  deferIndexes(names: readonly string[]): () => void {
    const own = names.flatMap((name) => this.entry(name).definition.tables);
    const tables = [...own, ...own.map((table) => `${table}${HISTORY_SUFFIX}`)];
    if (tables.length === 0) return () => undefined;
    const indexes = this.db
      .prepare(
        `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
          AND tbl_name IN (${tables.map(() => '?').join(', ')})`,
      )
      .all(...tables) as Array<{ name: string; sql: string }>;
    this.db.transaction(() => {
      for (const index of indexes) this.db.exec(`DROP INDEX IF EXISTS "${index.name.replace(/"/g, '""')}"`);
    })();
    // One transaction per index: in a single one the WAL held every index built (275 MB at 1M events,
    // about ten times that at 10M) until the end, since no checkpoint can pass an open transaction, and
    // every page read meanwhile searched the WAL's index, which grows with it. Committed one by one,
    // each index is checkpointed (wal_autocheckpoint) once it is built, and the WAL stays small.
    return () => {
      for (const index of indexes)
        this.db.exec(index.sql.replace(/^CREATE (UNIQUE )?INDEX (?!IF NOT EXISTS)/i, 'CREATE $1INDEX IF NOT EXISTS '));
    };
  }

  /** Applies a batch (in global order) to every projection that has not seen it yet, in one transaction. */
  applyBatch(events: readonly RecordedEvent[]): void {
    if (events.length === 0) return;
    if (!this.opened) throw new Error('projection set is not open');
    this.applyInTransaction(events);
    // Only after the commit: a failed batch leaves the in-memory checkpoints where the table has them.
    const last = events[events.length - 1].globalPosition;
    for (const entry of this.entries) if (last > entry.position && !entry.suspended) entry.position = last;
  }

  /** Lowest checkpoint of the named projections (all that are not suspended by default): where a shared read must start. */
  minPosition(names: readonly string[] = this.entries.filter((entry) => !entry.suspended).map((entry) => entry.definition.name)): number {
    let min = Number.POSITIVE_INFINITY;
    for (const name of names) min = Math.min(min, this.entry(name).position);
    return min === Number.POSITIVE_INFINITY ? 0 : min;
  }

  position(name: string): number {
    return this.entry(name).position;
  }

  /** With history on: the projection's tables keep it, from its checkpoint (0 after a reset). */
  private keepHistory(entry: Entry): void {
    if (this.applying === null) return;
    this.applying.position = entry.position;
    keepHistory(this.db, entry.definition, entry.position);
  }

  private entry(name: string): Entry {
    const entry = this.byName.get(name);
    if (!entry) throw new Error(`unknown projection ${name}; known: ${this.names.join(', ')}`);
    return entry;
  }
}

interface CheckpointRow {
  name: string;
  position: number;
  version: number;
}
