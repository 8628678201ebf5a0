import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { MemoryEventStore, type EventStore } from '@dd/event-store';
import { allProjections } from '../all-projections';
import { AuditTrailQueries } from '../audit-trail/audit-trail.queries';
import { auditTrailProjection } from '../audit-trail/audit-trail.projection';
import { RiskRegisterQueries } from '../risk-register/risk-register.queries';
import { SupplierQueries } from '../suppliers/suppliers.queries';
import { DomainLog, seedScenario } from '../test-support/domain-log.fixture';
import { canonicalDump } from './canonical-dump';
import type { ProjectionDefinition } from './projection';
import { ProjectionRunner } from './projection-runner';
import { ReadModelsUnavailable, type ProjectionStatus } from './projection-status';
import { openReadModelDb, type ReadModelDb } from './read-model-db';
import { replayAsOf } from './replay-as-of';

/**
 * A test read model: one row per event, plus a deliberately non-idempotent counter of how often
 * each event was applied, so a double application cannot hide.
 */
/** A test event marked to make the ledger projection fail. */
const isBoom = (data: unknown) => typeof data === 'object' && data !== null && 'boom' in data && data.boom === true;

function ledgerProjection(options: { version?: number; name?: string; explode?: (data: unknown) => boolean } = {}): ProjectionDefinition {
  const name = options.name ?? 'ledger';
  const table = name.replace(/-/g, '_');
  return {
    name,
    version: options.version ?? 1,
    tables: [table, `${table}_applies`],
    create(db) {
      db.exec(`CREATE TABLE IF NOT EXISTS ${table} (position INTEGER PRIMARY KEY, type TEXT NOT NULL, stream_id TEXT NOT NULL, version INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS ${table}_applies (position INTEGER PRIMARY KEY, times INTEGER NOT NULL);`);
      const insert = db.prepare(`INSERT OR REPLACE INTO ${table} (position, type, stream_id, version) VALUES (?, ?, ?, ?)`);
      const count = db.prepare(
        `INSERT INTO ${table}_applies (position, times) VALUES (?, 1) ON CONFLICT (position) DO UPDATE SET times = times + 1`,
      );
      return {
        apply(event) {
          if (options.explode?.(event.data)) throw new Error(`projection ${name} failed on event ${event.globalPosition}`);
          insert.run(event.globalPosition, event.type, event.streamId, options.version ?? 1);
          count.run(event.globalPosition);
        },
      };
    },
  };
}

async function appendNumbered(store: EventStore, from: number, count: number, extra: (n: number) => object = () => ({})) {
  for (let n = from; n < from + count; n++) {
    await store.appendToStream(`thing-${n % 3}`, [{ type: 'ThingHappened', data: { n, ...extra(n) } }], {
      commandId: `thing-${n}`,
      actor: 'tester',
    });
  }
}

/** Retries without waiting long: the tests are about what is retried, not how fast. */
const QUICK_RETRY = { firstDelayMs: 1, maxDelayMs: 10, transientBudgetMs: 60_000, persistentAttempts: 3 };

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

function ledger(db: ReadModelDb, table = 'ledger') {
  return db.prepare(`SELECT position, type, stream_id AS streamId FROM ${table} ORDER BY position`).all() as Array<{
    position: number;
    type: string;
    streamId: string;
  }>;
}

function applyCounts(db: ReadModelDb, table = 'ledger'): number[] {
  return db.prepare(`SELECT times FROM ${table}_applies ORDER BY position`).pluck().all() as number[];
}

function storedCheckpoint(db: ReadModelDb, name: string) {
  return db.prepare('SELECT position, version FROM checkpoints WHERE name = ?').get(name) as
    { position: number; version: number } | undefined;
}

describe('ProjectionRunner', () => {
  let store: MemoryEventStore;
  let db: ReadModelDb;
  const runners: ProjectionRunner[] = [];
  const runnerFor = (projections: ProjectionDefinition[], target = db, options = {}) => {
    const runner = new ProjectionRunner(store, target, projections, options);
    runners.push(runner);
    return runner;
  };

  beforeEach(() => {
    store = new MemoryEventStore();
    db = openReadModelDb(':memory:');
  });

  afterEach(async () => {
    for (const runner of runners.splice(0)) await runner.stop();
    await store.close();
    db.close();
  });

  it('creates the checkpoints table and uses WAL with synchronous=NORMAL on a file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'read-models-'));
    const fileDb = openReadModelDb(path.join(dir, 'read-models.sqlite'));
    try {
      expect(fileDb.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(fileDb.pragma('synchronous', { simple: true })).toBe(1);
      expect(fileDb.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'checkpoints'").pluck().get()).toBe(
        'checkpoints',
      );
    } finally {
      fileDb.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('applies the log in global order, then live appends, and persists the checkpoint', async () => {
    await appendNumbered(store, 1, 5);
    const runner = runnerFor([ledgerProjection()]);
    await runner.start();
    await runner.caughtUp();
    expect(ledger(db).map((row) => row.position)).toEqual([1, 2, 3, 4, 5]);
    expect(runner.position('ledger')).toBe(5);

    await appendNumbered(store, 6, 3);
    await runner.caughtUp();
    const rows = ledger(db);
    expect(rows.map((row) => row.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(rows[5]).toEqual({ position: 6, type: 'ThingHappened', streamId: 'thing-0' });
    expect(storedCheckpoint(db, 'ledger')).toEqual({ position: 8, version: 1 });
    expect(applyCounts(db)).toEqual(Array(8).fill(1));
  });

  it('caughtUp on a runner that is not running refuses rather than pretending', async () => {
    const runner = runnerFor([ledgerProjection()]);
    await expect(runner.caughtUp()).rejects.toThrow(/not running/);
  });

  it('a projection whose batch keeps failing stops alone: nothing of the batch is in its tables, the others go on', async () => {
    await appendNumbered(store, 1, 3);
    const first = runnerFor([ledgerProjection(), auditTrailProjection]);
    await first.start();
    await first.caughtUp();
    await first.stop();

    // Five more events, delivered as one batch to the next runner; the third of them breaks the ledger.
    await appendNumbered(store, 4, 5, (n) => ({ boom: n === 6 }));
    let armed = true;
    const errors: unknown[] = [];
    const crashing = runnerFor([ledgerProjection({ explode: (data) => armed && isBoom(data) }), auditTrailProjection], db, {
      onError: (error: unknown) => errors.push(error),
      retry: QUICK_RETRY,
    });
    await crashing.start();
    await expect(crashing.caughtUp()).rejects.toThrow(ReadModelsUnavailable);
    await expect(crashing.caughtUp(['ledger'])).rejects.toThrow(/projection ledger failed on event 6/);
    // The audit trail did not wait for the ledger.
    await crashing.caughtUp(['audit-trail']);
    expect(new AuditTrailQueries(db).list().items.map((item) => item.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(errors).toHaveLength(1);
    expect(crashing.statuses()).toEqual([
      {
        name: 'ledger',
        state: 'stopped',
        position: 3,
        error: expect.stringMatching(/projection ledger failed on event 6/),
        failingSince: expect.any(String),
        attempts: QUICK_RETRY.persistentAttempts,
        willRetry: false,
      },
      { name: 'audit-trail', state: 'running', position: 8 },
    ]);

    // Nothing of the failed batch is in the ledger (4 and 5 were applied before the throw, and rolled back).
    expect(ledger(db).map((row) => row.position)).toEqual([1, 2, 3]);
    expect(storedCheckpoint(db, 'ledger')).toEqual({ position: 3, version: 1 });
    expect(storedCheckpoint(db, 'audit-trail')?.position).toBe(8);

    // After the fix: a fresh runner resumes each from its own checkpoint, each event applied exactly once.
    armed = false;
    await crashing.stop();
    const restarted = runnerFor([ledgerProjection({ explode: (data) => armed && isBoom(data) }), auditTrailProjection]);
    await restarted.start();
    await restarted.caughtUp();
    expect(ledger(db).map((row) => row.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(applyCounts(db)).toEqual(Array(8).fill(1));
    expect(restarted.position('audit-trail')).toBe(8);
  });

  it('a projection stopped while it was being built is reported, not the start, and runs again after a rebuild', async () => {
    await appendNumbered(store, 1, 3, (n) => ({ boom: n === 2 }));
    let armed = true;
    const runner = runnerFor([ledgerProjection({ explode: (data) => armed && isBoom(data) })], db, {
      onError: () => undefined,
      retry: QUICK_RETRY,
    });
    // A new projection is built before start() resolves; its failure stops it, not the runner.
    await runner.start();
    await expect(runner.caughtUp()).rejects.toThrow(/failed on event 2/);
    expect(runner.status('ledger')).toMatchObject({ state: 'stopped', position: 0, willRetry: false });
    expect(ledger(db)).toEqual([]);

    armed = false;
    expect(await runner.rebuild()).toMatchObject({ events: 3, stopped: [] });
    await appendNumbered(store, 4, 1);
    await runner.caughtUp();
    expect(ledger(db)).toHaveLength(4);
    expect(runner.error).toBeNull();
    expect(runner.statuses()).toEqual([{ name: 'ledger', state: 'running', position: 4 }]);
  });

  describe('on a read-model file another connection uses', () => {
    let dir: string;
    let file: string;
    let other: ReadModelDb;

    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'read-models-'));
      file = join(dir, 'read-models.sqlite');
      db.close();
      db = openReadModelDb(file);
      other = new Database(file);
    });

    afterEach(() => {
      if (other.inTransaction) other.exec('ROLLBACK');
      other.close();
      rmSync(dir, { recursive: true, force: true });
    });

    /** Resolves when the runner reports the state for the projection (it does so on every change). */
    const stateOf = (changes: ProjectionStatus[][], name: string, state: string) =>
      waitFor(() => changes.some((statuses) => statuses.some((status) => status.name === name && status.state === state)));

    it('retries a batch while the database is locked by someone else, and applies it once the lock is gone', async () => {
      await appendNumbered(store, 1, 2);
      const changes: ProjectionStatus[][] = [];
      const runner = runnerFor([ledgerProjection(), ledgerProjection({ name: 'other-ledger' })], db, {
        retry: QUICK_RETRY,
        onStateChange: (statuses: ProjectionStatus[]) => changes.push(statuses),
      });
      await runner.start();
      await runner.caughtUp();

      other.exec('BEGIN EXCLUSIVE');
      await appendNumbered(store, 3, 2);
      await stateOf(changes, 'ledger', 'retrying');
      expect(runner.status('ledger')).toMatchObject({
        state: 'retrying',
        position: 2,
        error: expect.stringMatching(/database is locked/),
        willRetry: true,
      });
      expect(runner.status('other-ledger')).toMatchObject({ state: 'retrying', position: 2 });

      other.exec('COMMIT');
      await runner.caughtUp();
      expect(runner.statuses()).toEqual([
        { name: 'ledger', state: 'running', position: 4 },
        { name: 'other-ledger', state: 'running', position: 4 },
      ]);
      expect(applyCounts(db)).toEqual([1, 1, 1, 1]);
      expect(applyCounts(db, 'other_ledger')).toEqual([1, 1, 1, 1]);
    });

    it('counts a lock that outlasts the retry budget as stopped, refuses its reads, and resumes by itself when it is released', async () => {
      const changes: ProjectionStatus[][] = [];
      const runner = runnerFor([ledgerProjection()], db, {
        retry: { ...QUICK_RETRY, transientBudgetMs: 0 },
        onStateChange: (statuses: ProjectionStatus[]) => changes.push(statuses),
      });
      await runner.start();

      other.exec('BEGIN EXCLUSIVE');
      await appendNumbered(store, 1, 1);
      await stateOf(changes, 'ledger', 'stopped');
      expect(runner.status('ledger')).toMatchObject({
        state: 'stopped',
        position: 0,
        willRetry: true,
        error: expect.stringMatching(/database is locked/),
      });
      await expect(runner.caughtUp()).rejects.toThrow(ReadModelsUnavailable);

      other.exec('COMMIT');
      await waitFor(() => runner.status('ledger').state === 'running');
      await runner.caughtUp();
      expect(ledger(db).map((row) => row.position)).toEqual([1]);
    });

    it('stops only the projection whose table was damaged; a rebuild of it brings it back', async () => {
      await appendNumbered(store, 1, 2);
      const runner = runnerFor([ledgerProjection(), ledgerProjection({ name: 'other-ledger' })], db, {
        retry: QUICK_RETRY,
        onError: () => undefined,
      });
      await runner.start();
      await runner.caughtUp();

      other.exec('DROP TABLE ledger_applies');
      await appendNumbered(store, 3, 2);
      await runner.caughtUp(['other-ledger']);
      expect(ledger(db, 'other_ledger')).toHaveLength(4);
      expect(runner.status('ledger')).toMatchObject({
        state: 'stopped',
        position: 2,
        willRetry: false,
        error: expect.stringMatching(/no such table: ledger_applies/),
      });
      await expect(runner.caughtUp(['ledger'])).rejects.toThrow(ReadModelsUnavailable);

      expect(await runner.rebuild(['ledger'])).toMatchObject({ events: 4, stopped: [] });
      await runner.caughtUp();
      expect(applyCounts(db)).toEqual([1, 1, 1, 1]);
    });
  });

  it('resumes from the checkpoint after a restart on the same database file', async () => {
    await appendNumbered(store, 1, 4);
    const first = runnerFor([ledgerProjection()]);
    await first.start();
    await first.caughtUp();
    await first.stop();
    await appendNumbered(store, 5, 2);
    const second = runnerFor([ledgerProjection()]);
    await second.start();
    await second.caughtUp();
    expect(ledger(db)).toHaveLength(6);
    expect(applyCounts(db)).toEqual(Array(6).fill(1));
  });

  it('drops and rebuilds a projection whose definition version changed, and only that one', async () => {
    await appendNumbered(store, 1, 4);
    const first = runnerFor([ledgerProjection({ version: 1 }), ledgerProjection({ name: 'other-ledger' })]);
    await first.start();
    await first.caughtUp();
    await first.stop();

    const second = runnerFor([ledgerProjection({ version: 2 }), ledgerProjection({ name: 'other-ledger' })]);
    await second.start();
    // Rebuilt before start() resolves.
    expect(db.prepare('SELECT DISTINCT version FROM ledger').pluck().all()).toEqual([2]);
    expect(ledger(db)).toHaveLength(4);
    expect(storedCheckpoint(db, 'ledger')).toEqual({ position: 4, version: 2 });
    // Dropped, not applied over: every event counted once in the rebuilt table...
    expect(applyCounts(db)).toEqual([1, 1, 1, 1]);
    // ...and the untouched projection was not replayed.
    expect(applyCounts(db, 'other_ledger')).toEqual([1, 1, 1, 1]);

    await appendNumbered(store, 5, 1);
    await second.caughtUp();
    expect(ledger(db)).toHaveLength(5);
    expect(ledger(db, 'other_ledger')).toHaveLength(5);
  });

  it('rebuild() replays into fresh tables, reports what it did and keeps following the log', async () => {
    await appendNumbered(store, 1, 12);
    const runner = runnerFor([ledgerProjection(), ledgerProjection({ name: 'other-ledger' })]);
    await runner.start();
    await runner.caughtUp();

    const rebuilding = runner.rebuild(['ledger']);
    // Waits for the rebuild rather than reporting a runner that is momentarily not subscribed.
    await runner.caughtUp();
    expect(ledger(db)).toHaveLength(12);
    const result = await rebuilding;
    expect(result.events).toBe(12);
    expect(result.ms).toBeGreaterThanOrEqual(0);
    expect(applyCounts(db)).toEqual(Array(12).fill(1));
    expect(applyCounts(db, 'other_ledger')).toEqual(Array(12).fill(1));

    await appendNumbered(store, 13, 2);
    await runner.caughtUp();
    expect(ledger(db)).toHaveLength(14);
    expect(ledger(db, 'other_ledger')).toHaveLength(14);
  });

  it("sorts a replay's bulk passes in temporary files, and keeps temporary storage in memory before and after", async () => {
    await appendNumbered(store, 1, 3);
    // What temporary storage the connection has while each event is applied (SQLite: 1 file, 2 memory).
    const seen: Array<{ position: number; tempStore: unknown }> = [];
    const watching: ProjectionDefinition = {
      name: 'watching',
      version: 1,
      tables: [],
      create: (target) => ({
        apply: (event) => seen.push({ position: event.globalPosition, tempStore: target.pragma('temp_store', { simple: true }) }),
      }),
    };
    const runner = runnerFor([watching]);
    expect(db.pragma('temp_store', { simple: true })).toBe(2);
    await runner.start();
    await runner.caughtUp();
    await appendNumbered(store, 4, 1);
    await runner.caughtUp();
    // Replayed at the start (a new read model): in files; followed live afterwards: in memory again.
    expect(seen).toEqual([
      { position: 1, tempStore: 1 },
      { position: 2, tempStore: 1 },
      { position: 3, tempStore: 1 },
      { position: 4, tempStore: 2 },
    ]);
    await runner.rebuild();
    expect(seen.slice(4).map((each) => each.tempStore)).toEqual([1, 1, 1, 1]);
    expect(db.pragma('temp_store', { simple: true })).toBe(2);
  });

  it('a rebuilt database equals the live one, and so does one built from scratch', async () => {
    const log = new DomainLog(store);
    const live = runnerFor([...allProjections]);
    await live.start();
    // Appended while the runner follows, so the live model is built from many small batches.
    const seeded = await seedScenario(log);
    await live.caughtUp();
    await log.sendReminder({ supplierId: 'bolt', period: seeded.period, reminderNumber: 2, overdue: true });
    await live.caughtUp();
    const liveDump = canonicalDump(db, allProjections);
    expect(Object.values(liveDump).some((rows) => rows.length > 0)).toBe(true);

    const indexes = () => db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").all();
    const liveIndexes = indexes();
    expect(liveIndexes.length).toBeGreaterThan(5);

    const result = await live.rebuild();
    expect(result.events).toBe(await store.headPosition());
    expect(canonicalDump(db, allProjections)).toEqual(liveDump);
    // The secondary indexes, dropped for the replay, are back.
    expect(indexes()).toEqual(liveIndexes);

    const scratch = openReadModelDb(':memory:');
    try {
      const fromScratch = runnerFor([...allProjections], scratch);
      await fromScratch.start();
      await fromScratch.caughtUp();
      await fromScratch.stop();
      expect(canonicalDump(scratch, allProjections)).toEqual(liveDump);
    } finally {
      scratch.close();
    }
  });

  it('replayAsOf gives the read models as they stood at a time or a position', async () => {
    const log = new DomainLog(store);
    await log.registerSupplier({ supplierId: 'acme' });
    await log.sendCmrt({ supplierId: 'acme', period: 2024, dueDate: '2024-05-31' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const knownThen = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await log.recordResponse({ supplierId: 'acme', period: 2024 });
    const risk = await log.raiseRisk({ supplierId: 'acme', period: 2024, category: 'due-diligence-gap' });

    const then = await replayAsOf(store, allProjections, { recordedUntil: knownThen });
    try {
      expect(new SupplierQueries(then).get('acme')?.surveys[0].status).toBe('awaiting-response');
      expect(new RiskRegisterQueries(then).list({ period: 2024 })).toEqual([]);
      expect(new AuditTrailQueries(then).list().items).toHaveLength(2);
    } finally {
      then.close();
    }

    const atPosition = await replayAsOf(store, allProjections, { position: 3 });
    try {
      expect(new SupplierQueries(atPosition).get('acme')?.surveys[0].status).toBe('responded');
      expect(new RiskRegisterQueries(atPosition).get(risk.riskId)).toBeNull();
    } finally {
      atPosition.close();
    }

    const now = await replayAsOf(store, allProjections, { recordedUntil: new Date(Date.now() + 1000).toISOString() });
    try {
      expect(new RiskRegisterQueries(now).get(risk.riskId)?.status).toBe('open');
    } finally {
      now.close();
    }

    // A date means the whole of that day: everything recorded today is in, nothing of yesterday's view is lost.
    const today = await replayAsOf(store, allProjections, { recordedUntil: new Date().toISOString().slice(0, 10) });
    try {
      expect(new AuditTrailQueries(today).list().items).toHaveLength(4);
    } finally {
      today.close();
    }
  });
});
