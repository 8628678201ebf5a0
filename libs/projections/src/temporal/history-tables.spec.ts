import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryEventStore, type RecordedEvent } from '@dd/event-store';
import type { ProjectionDefinition } from '../core/projection';
import { ProjectionSet } from '../core/projection-set';
import { openReadModelDb, type ReadModelDb } from '../core/read-model-db';
import { openHistoryAsOf, readModelsAsOf } from './read-models-as-of';

/**
 * A read model of shelves whose events say, as SQL, what to do to the table: every way a projection
 * writes a row (insert, update, upsert, INSERT OR REPLACE, delete, several writes in one event) is
 * then one event, and the table as of each position is checked against what it was at that point.
 */
const shelves: ProjectionDefinition = {
  name: 'shelves',
  version: 1,
  tables: ['shelves'],
  create(db) {
    db.exec(`CREATE TABLE IF NOT EXISTS shelves (shelf TEXT PRIMARY KEY, items INTEGER NOT NULL, note TEXT) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS shelves_by_items ON shelves (items)`);
    return {
      apply(event) {
        for (const sql of (event.data as { sql: string[] }).sql) db.prepare(sql).run();
      },
    };
  },
};

const event = (globalPosition: number, ...sql: string[]): RecordedEvent =>
  ({
    type: 'ShelvesChanged',
    data: { sql },
    metadata: {} as RecordedEvent['metadata'],
    streamId: 'shelves',
    streamVersion: globalPosition - 1,
    globalPosition,
  }) as RecordedEvent;

describe('history of a read model table, kept by triggers', () => {
  let dir: string;
  let file: string;
  let db: ReadModelDb;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dd-history-'));
    file = join(dir, 'read-models.sqlite');
    db = openReadModelDb(file);
  });

  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const asOf = (position: number) => {
    const past = openHistoryAsOf(file, ['shelves'], position, [shelves]);
    if (!past) throw new Error(`no history at ${position}`);
    try {
      return past.prepare('SELECT shelf, items, note FROM shelves ORDER BY shelf').all();
    } finally {
      past.close();
    }
  };

  it('given inserts, updates, upserts, replacements and deletes, shows the table as it was after each event', () => {
    const set = new ProjectionSet(db, [shelves], { history: true });
    set.open();
    const log = [
      event(1, `INSERT INTO shelves VALUES ('a', 1, NULL)`, `INSERT INTO shelves VALUES ('b', 2, NULL)`),
      event(2, `UPDATE shelves SET items = 5 WHERE shelf = 'a'`),
      // An upsert that writes what is there already makes no new version.
      event(3, `INSERT INTO shelves VALUES ('b', 2, NULL) ON CONFLICT (shelf) DO UPDATE SET items = excluded.items`),
      event(4, `INSERT OR REPLACE INTO shelves VALUES ('b', 7, 'replaced')`),
      event(5, `DELETE FROM shelves WHERE shelf = 'a'`),
      // Written three times and deleted within one event: no reader ever saw 'c'.
      event(
        6,
        `INSERT INTO shelves VALUES ('c', 1, NULL)`,
        `UPDATE shelves SET items = 2 WHERE shelf = 'c'`,
        `DELETE FROM shelves WHERE shelf = 'c'`,
      ),
      event(7, `DELETE FROM shelves WHERE shelf = 'b'`, `INSERT INTO shelves VALUES ('b', 9, 'again')`),
    ];
    set.applyBatch(log.slice(0, 3));
    set.applyBatch(log.slice(3));

    expect(asOf(0)).toEqual([]);
    expect(asOf(1)).toEqual([
      { shelf: 'a', items: 1, note: null },
      { shelf: 'b', items: 2, note: null },
    ]);
    expect(asOf(2)).toEqual([
      { shelf: 'a', items: 5, note: null },
      { shelf: 'b', items: 2, note: null },
    ]);
    expect(asOf(3)).toEqual(asOf(2));
    expect(asOf(4)).toEqual([
      { shelf: 'a', items: 5, note: null },
      { shelf: 'b', items: 7, note: 'replaced' },
    ]);
    expect(asOf(5)).toEqual([{ shelf: 'b', items: 7, note: 'replaced' }]);
    expect(asOf(6)).toEqual(asOf(5));
    expect(asOf(7)).toEqual([{ shelf: 'b', items: 9, note: 'again' }]);
    expect(db.prepare('SELECT shelf, items, note FROM shelves ORDER BY shelf').all()).toEqual(asOf(7));
    // One version per change a reader could see: a1 a5 b2 b7 b9; nothing of 'c', nothing for the no-op upsert.
    expect(db.prepare('SELECT count(*) FROM shelves__history').pluck().get()).toBe(5);
  });

  it('given the log applied again from an earlier position (a checkpoint put back), leaves the history as the first pass made it', () => {
    const set = new ProjectionSet(db, [shelves], { history: true });
    set.open();
    // Each event idempotent on the table, as projections are: a response's rows cleared and written
    // again, a row a later event adds, a row a later event changes.
    const log = [
      event(1, `DELETE FROM shelves`, `INSERT INTO shelves VALUES ('a', 1, NULL)`, `INSERT INTO shelves VALUES ('b', 2, NULL)`),
      event(2, `INSERT INTO shelves VALUES ('c', 3, NULL) ON CONFLICT (shelf) DO UPDATE SET items = excluded.items`),
      event(3, `UPDATE shelves SET items = 5 WHERE shelf = 'a'`),
    ];
    set.applyBatch(log);
    const versions = () => db.prepare('SELECT * FROM shelves__history ORDER BY shelf, valid_from').all();
    const first = { versions: versions(), asOf: [0, 1, 2, 3].map(asOf) };

    db.prepare('UPDATE checkpoints SET position = 0').run();
    const again = new ProjectionSet(db, [shelves], { history: true });
    again.open();
    again.applyBatch(log);

    expect(db.prepare('SELECT position FROM checkpoints').pluck().get()).toBe(3);
    expect({ versions: versions(), asOf: [0, 1, 2, 3].map(asOf) }).toEqual(first);
  });

  it('given read models built before history was kept, answers from their checkpoint on, and not before', () => {
    const without = new ProjectionSet(db, [shelves]);
    without.open();
    without.applyBatch([event(1, `INSERT INTO shelves VALUES ('a', 1, NULL)`), event(2, `INSERT INTO shelves VALUES ('b', 2, NULL)`)]);

    const kept = new ProjectionSet(db, [shelves], { history: true });
    kept.open();
    kept.applyBatch([event(3, `UPDATE shelves SET items = 3 WHERE shelf = 'a'`)]);

    expect(openHistoryAsOf(file, ['shelves'], 1, [shelves])).toBeNull();
    expect(asOf(2)).toEqual([
      { shelf: 'a', items: 1, note: null },
      { shelf: 'b', items: 2, note: null },
    ]);
    expect(asOf(3)).toEqual([
      { shelf: 'a', items: 3, note: null },
      { shelf: 'b', items: 2, note: null },
    ]);
  });

  it('given a rebuild, the history is built again from position 0', () => {
    const set = new ProjectionSet(db, [shelves], { history: true });
    set.open();
    set.applyBatch([event(1, `INSERT INTO shelves VALUES ('a', 1, NULL)`)]);
    set.reset(['shelves']);
    expect(openHistoryAsOf(file, ['shelves'], 1, [shelves])).toBeNull();
    set.applyBatch([event(1, `INSERT INTO shelves VALUES ('a', 1, NULL)`), event(2, `UPDATE shelves SET note = 'x'`)]);
    expect(asOf(0)).toEqual([]);
    expect(asOf(1)).toEqual([{ shelf: 'a', items: 1, note: null }]);
    expect(asOf(2)).toEqual([{ shelf: 'a', items: 1, note: 'x' }]);
  });

  it('given a history kept in the first layout (a rowid table), keeps its versions and coverage in the keyed one', () => {
    // The file as the first release of history left it: shelves with two events of history (from
    // position 1), an index of open versions, and triggers that looked the open version up by it.
    const first = new ProjectionSet(db, [shelves]);
    first.open();
    first.applyBatch([event(1, `INSERT INTO shelves VALUES ('a', 1, NULL)`), event(2, `UPDATE shelves SET items = 2 WHERE shelf = 'a'`)]);
    db.exec(`CREATE TABLE shelves__history (shelf TEXT, items INTEGER, note TEXT, valid_from INTEGER NOT NULL, valid_to INTEGER);
      CREATE INDEX shelves__history__open ON shelves__history (shelf) WHERE valid_to IS NULL;
      CREATE INDEX shelves__history__key ON shelves__history (shelf, valid_from, valid_to);
      INSERT INTO shelves__history VALUES ('a', 1, NULL, 1, 2), ('a', 2, NULL, 2, NULL);
      CREATE TABLE history_coverage (name TEXT PRIMARY KEY, from_position INTEGER NOT NULL);
      INSERT INTO history_coverage VALUES ('shelves', 0);
      CREATE TRIGGER shelves__history_insert AFTER INSERT ON shelves BEGIN SELECT 1; END;`);
    const kept = new ProjectionSet(db, [shelves], { history: true });
    kept.open();
    kept.applyBatch([event(3, `UPDATE shelves SET items = 3 WHERE shelf = 'a'`), event(4, `INSERT INTO shelves VALUES ('b', 1, NULL)`)]);
    expect(asOf(1)).toEqual([{ shelf: 'a', items: 1, note: null }]);
    expect(asOf(2)).toEqual([{ shelf: 'a', items: 2, note: null }]);
    expect(asOf(3)).toEqual([{ shelf: 'a', items: 3, note: null }]);
    expect(asOf(4)).toEqual([
      { shelf: 'a', items: 3, note: null },
      { shelf: 'b', items: 1, note: null },
    ]);
    expect(db.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'shelves__history__open'`).pluck().get()).toBe(0);
    expect(db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'shelves__history'`).pluck().get()).toMatch(/WITHOUT ROWID/);
  });

  it('gives a partial index a partial twin: rows outside its condition cost no history index entry, and a read as of a position uses the twin', () => {
    // Shelves with a note are the few a query looks for (as unresolved smelter rows are among the matched ones).
    const noted: ProjectionDefinition = {
      ...shelves,
      name: 'noted-shelves',
      create(db) {
        const applier = shelves.create(db);
        db.exec('CREATE INDEX IF NOT EXISTS shelves_noted ON shelves (note) WHERE note IS NOT NULL');
        return applier;
      },
    };
    const set = new ProjectionSet(db, [noted], { history: true });
    set.open();
    const twin = db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'shelves_noted__history'`).pluck().get() as string;
    expect(twin).toMatch(/ON "shelves__history" \("note", valid_from, valid_to\) WHERE note IS NOT NULL$/);
    set.applyBatch([
      event(1, `INSERT INTO shelves VALUES ('a', 1, NULL)`, `INSERT INTO shelves VALUES ('b', 2, 'look')`),
      event(2, `UPDATE shelves SET note = 'look' WHERE shelf = 'a'`, `UPDATE shelves SET items = 3 WHERE shelf = 'b'`),
    ]);
    // Four versions (a1, a-look, b2, b3), three of them noted: the twin holds those three only.
    expect(db.prepare('SELECT count(*) FROM shelves__history').pluck().get()).toBe(4);
    expect(db.prepare('SELECT count(*) FROM shelves__history INDEXED BY shelves_noted__history WHERE note IS NOT NULL').pluck().get()).toBe(
      3,
    );
    const past = openHistoryAsOf(file, ['noted-shelves'], 1, [noted]);
    if (!past) throw new Error('no history at 1');
    try {
      const query = `SELECT shelf FROM shelves WHERE note IS NOT NULL AND note = 'look'`;
      const plan = (past.prepare(`EXPLAIN QUERY PLAN ${query}`).all() as Array<{ detail: string }>).map((row) => row.detail).join('; ');
      expect(plan).toMatch(/shelves_noted__history/);
      expect(past.prepare(query).pluck().all()).toEqual(['b']);
    } finally {
      past.close();
    }
  });

  it('closes a version by a seek on the key, however many versions the key has had', () => {
    // A count updated by every event: thousands of versions of one key. The first layout's close
    // scanned them all (the planner chose the key index over the open versions' one), on every event.
    const set = new ProjectionSet(db, [shelves], { history: true });
    set.open();
    set.applyBatch([event(1, `INSERT INTO shelves VALUES ('count', 0, NULL)`)]);
    const bumps = Array.from({ length: 2000 }, (_, i) => event(i + 2, `UPDATE shelves SET items = items + 1 WHERE shelf = 'count'`));
    set.applyBatch(bumps);
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((row) => row.detail).join('; ');
    const close = db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'shelves__history_update'`).pluck().get() as string;
    const update = /UPDATE "shelves__history"[^;]*/
      .exec(close)![0]
      .replace(/OLD\."shelf"/g, "'count'")
      .replace(/dd_position\(\)/g, '7');
    // Every lookup of the close is a search of the history's key, none a scan of a key's versions.
    expect(plan(update)).not.toMatch(/SCAN/);
    expect(plan(update)).toMatch(/USING PRIMARY KEY \(shelf=\? AND valid_from=\?\)/);
    expect(asOf(1000)).toEqual([{ shelf: 'count', items: 999, note: null }]);
  });

  it('given history switched off, drops it (tables, triggers, coverage) and marks the file; writes go on; as of is replayed and says why; on again, history from then on', async () => {
    const store = new MemoryEventStore();
    const logged = async (...sql: string[][]) => {
      for (const [n, statements] of sql.entries())
        await store.appendToStream('shelves', [{ type: 'ShelvesChanged', data: { sql: statements } }], {
          commandId: `c-${Date.now()}-${n}`,
          actor: 'user:test',
        });
      return store.readAll({ after: await store.headPosition().then((head) => head - sql.length), maxCount: 100 });
    };
    const historyObjects = () =>
      db.prepare(`SELECT name FROM sqlite_master WHERE name LIKE 'shelves%' AND name <> 'shelves' ORDER BY name`).pluck().all();
    const kept = new ProjectionSet(db, [shelves], { history: true });
    kept.open();
    kept.applyBatch(await logged([`INSERT INTO shelves VALUES ('a', 1, NULL)`], [`UPDATE shelves SET items = 2 WHERE shelf = 'a'`]));
    expect(historyObjects()).toContain('shelves__history_update');

    // Another connection, as a server restarted with DD_READ_MODEL_HISTORY=off: it registers no dd_position().
    db.close();
    db = openReadModelDb(file);
    const off = new ProjectionSet(db, [shelves], { history: false });
    off.open();
    expect(historyObjects()).toEqual(['shelves_by_items']);
    off.applyBatch(await logged([`UPDATE shelves SET items = 3 WHERE shelf = 'a'`], [`DELETE FROM shelves WHERE shelf = 'a'`]));
    expect(db.prepare('SELECT count(*) FROM shelves').pluck().get()).toBe(0);
    expect(openHistoryAsOf(file, ['shelves'], 2, [shelves])).toBeNull();
    const replayed = await readModelsAsOf(store, file, [shelves], { position: 2 });
    try {
      expect({ source: replayed.source, reason: replayed.replayReason, historyOffSince: replayed.historyOffSince }).toEqual({
        source: 'replay',
        reason: 'history-off',
        historyOffSince: 2,
      });
      expect(replayed.db.prepare('SELECT shelf, items FROM shelves').all()).toEqual([{ shelf: 'a', items: 2 }]);
    } finally {
      replayed.db.close();
    }

    // On again: history from the checkpoint it is switched on at (4); before it, as of is replayed.
    db.close();
    db = openReadModelDb(file);
    const on = new ProjectionSet(db, [shelves], { history: true });
    on.open();
    on.applyBatch(await logged([`INSERT INTO shelves VALUES ('b', 5, NULL)`]));
    expect(openHistoryAsOf(file, ['shelves'], 3, [shelves])).toBeNull();
    expect(asOf(4)).toEqual([]);
    expect(asOf(5)).toEqual([{ shelf: 'b', items: 5, note: null }]);
    const again = await readModelsAsOf(store, file, [shelves], { position: 3 });
    again.db.close();
    expect({ source: again.source, reason: again.replayReason, historyOffSince: again.historyOffSince }).toEqual({
      source: 'replay',
      reason: 'history-not-that-old',
      historyOffSince: undefined,
    });
    await store.close();
  });

  it('given a table written once per event at its position, answers from the table itself, until a row of it changes', () => {
    // program_log is one of the append-only tables (append-only-tables.ts).
    const log: ProjectionDefinition = {
      ...shelves,
      name: 'log',
      tables: ['program_log'],
      create(db) {
        db.exec('CREATE TABLE IF NOT EXISTS program_log (position INTEGER PRIMARY KEY, note TEXT NOT NULL)');
        return shelves.create(db);
      },
    };
    const set = new ProjectionSet(db, [log], { history: true });
    set.open();
    set.applyBatch([1, 2, 3].map((position) => event(position, `INSERT INTO program_log VALUES (${position}, 'n${position}')`)));
    const logAsOf = (position: number) => {
      const past = openHistoryAsOf(file, ['log'], position, [log]);
      if (!past) return null;
      try {
        return past.prepare('SELECT position, note FROM program_log ORDER BY position').all();
      } finally {
        past.close();
      }
    };
    expect(db.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'program_log__history'`).pluck().get()).toBe(0);
    expect(logAsOf(2)).toEqual([
      { position: 1, note: 'n1' },
      { position: 2, note: 'n2' },
    ]);
    set.applyBatch([event(4, `UPDATE program_log SET note = 'changed' WHERE position = 1`)]);
    expect(logAsOf(3)).toBeNull();
    expect(logAsOf(4)).toEqual([
      { position: 1, note: 'changed' },
      { position: 2, note: 'n2' },
      { position: 3, note: 'n3' },
    ]);
  });
});
