import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededRandom } from '@dd/domain';
import type { RecordedEvent } from '@dd/event-store';
import type { ProjectionDefinition } from '../core/projection';
import { ProjectionSet } from '../core/projection-set';
import { openReadModelDb, type ReadModelDb } from '../core/read-model-db';
import { openHistoryAsOf } from './read-models-as-of';
import { stagedProjections } from './staged-history';

/**
 * A read model whose events say, as SQL, what to do to its tables: every way a projection writes a row
 * (insert, upsert, INSERT OR REPLACE, update, an update that moves the key, delete, several writes to
 * one row in one event) is then a random event. Two tables: one keyed by a text column WITHOUT ROWID,
 * one by two columns in a rowid table, where UPDATE OR REPLACE moves rows onto other keys.
 */
const store: ProjectionDefinition = {
  name: 'store',
  version: 1,
  tables: ['shelves', 'bins'],
  create(db) {
    db.exec(`CREATE TABLE IF NOT EXISTS shelves (shelf TEXT PRIMARY KEY, items INTEGER NOT NULL, note TEXT) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS shelves_by_items ON shelves (items);
      CREATE TABLE IF NOT EXISTS bins (shelf TEXT NOT NULL, slot INTEGER NOT NULL, qty INTEGER, PRIMARY KEY (shelf, slot));
      CREATE INDEX IF NOT EXISTS bins_by_qty ON bins (qty)`);
    return {
      apply(event) {
        for (const sql of (event.data as { sql: string[] }).sql) db.prepare(sql).run();
      },
    };
  },
};

const event = (globalPosition: number, sql: string[]): RecordedEvent =>
  ({
    type: 'StoreChanged',
    data: { sql },
    metadata: {} as RecordedEvent['metadata'],
    streamId: 'store',
    streamVersion: globalPosition - 1,
    globalPosition,
  }) as RecordedEvent;

/** A log of random changes over few keys (so that keys are written, deleted and written again), one to four per event. */
function randomLog(seed: number, events: number): RecordedEvent[] {
  const next = seededRandom(seed);
  const pick = (n: number) => Math.floor(next() * n);
  const shelf = () => `'s${pick(6)}'`;
  const changes = [
    () => `INSERT OR IGNORE INTO shelves VALUES (${shelf()}, ${pick(4)}, NULL)`,
    () => `INSERT INTO shelves VALUES (${shelf()}, ${pick(4)}, 'up') ON CONFLICT (shelf) DO UPDATE SET items = excluded.items`,
    () => `INSERT OR REPLACE INTO shelves VALUES (${shelf()}, ${pick(4)}, 'replaced')`,
    () => `UPDATE shelves SET items = items + ${pick(2)} WHERE shelf = ${shelf()}`,
    () => `UPDATE OR REPLACE shelves SET shelf = ${shelf()} WHERE shelf = ${shelf()}`,
    () => `DELETE FROM shelves WHERE shelf = ${shelf()}`,
    () => `INSERT OR REPLACE INTO bins VALUES (${shelf()}, ${pick(3)}, ${pick(3)})`,
    () => `INSERT INTO bins VALUES (${shelf()}, ${pick(3)}, 1) ON CONFLICT (shelf, slot) DO UPDATE SET qty = qty + 1`,
    () => `UPDATE OR REPLACE bins SET slot = ${pick(3)} WHERE shelf = ${shelf()} AND slot = ${pick(3)}`,
    () => `UPDATE bins SET qty = NULL WHERE shelf = ${shelf()}`,
    () => `DELETE FROM bins WHERE shelf = ${shelf()} AND slot = ${pick(3)}`,
  ];
  return Array.from({ length: events }, (_, index) =>
    event(
      index + 1,
      Array.from({ length: 1 + pick(4) }, () => changes[pick(changes.length)]()),
    ),
  );
}

const pages = (log: readonly RecordedEvent[], size: number) =>
  Array.from({ length: Math.ceil(log.length / size) }, (_, index) => log.slice(index * size, (index + 1) * size));

/** Everything the history holds, and the tables themselves, in one comparable value. */
const dump = (db: ReadModelDb) => ({
  shelves: db.prepare('SELECT * FROM shelves ORDER BY shelf').all(),
  bins: db.prepare('SELECT * FROM bins ORDER BY shelf, slot').all(),
  shelvesHistory: db.prepare('SELECT * FROM shelves__history ORDER BY shelf, valid_from').all(),
  binsHistory: db.prepare('SELECT * FROM bins__history ORDER BY shelf, slot, valid_from').all(),
  coverage: db.prepare('SELECT * FROM history_coverage ORDER BY name').all(),
});

describe('history written in bulk during a replay from the start', () => {
  let dir: string;
  const files: ReadModelDb[] = [];

  const open = (name: string) => {
    const db = openReadModelDb(join(dir, name));
    files.push(db);
    return db;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dd-staged-history-'));
  });

  afterEach(() => {
    for (const db of files.splice(0)) if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The live way: every page applied with the history triggers writing each version as it goes. */
  const live = (log: readonly RecordedEvent[], pageSize: number) => {
    const db = open('live.sqlite');
    const set = new ProjectionSet(db, [store], { history: true });
    set.open();
    for (const page of pages(log, pageSize)) set.applyBatch(page);
    return { db, set };
  };

  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'given a replay with bulk history (seed %i), then the history equals the one live triggers write, and live triggers follow on',
    async (seed) => {
      const log = randomLog(seed, 400);
      const later = randomLog(seed + 100, 60).map((change, index) => ({ ...change, globalPosition: 401 + index }));
      const expected = live(log, 37);

      const db = open('replayed.sqlite');
      const set = new ProjectionSet(db, [store], { history: true });
      set.open();
      const finish = set.prepareReplay(['store']);
      // While the replay runs, the versions are only staged.
      expect(stagedProjections(db)).toEqual(new Set(['store']));
      for (const page of pages(log, 37)) set.applyBatch(page);
      expect(db.prepare('SELECT count(*) FROM shelves__history').pluck().get()).toBe(0);
      await finish();

      expect(dump(db)).toEqual(dump(expected.db));
      expect(stagedProjections(db)).toEqual(new Set());
      expect(db.prepare(`SELECT name FROM sqlite_master WHERE name LIKE '%staging%'`).all()).toEqual([]);
      // The indexes are back, on the tables and on their history.
      const indexes = (of: ReadModelDb) =>
        of.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name`).pluck().all();
      expect(indexes(db)).toEqual(indexes(expected.db));

      // After the replay the live triggers write: the same history as a live run of the whole log.
      for (const page of pages(later, 7)) {
        set.applyBatch(page);
        expected.set.applyBatch(page);
      }
      expect(dump(db)).toEqual(dump(expected.db));
    },
  );

  it('given a replay interrupted on the way, as of is replayed until the next open writes the staged history; then it is whole', () => {
    const log = randomLog(42, 300);
    const expected = live(log.slice(0, 200), 50);

    const file = join(dir, 'interrupted.sqlite');
    const db = open('interrupted.sqlite');
    const set = new ProjectionSet(db, [store], { history: true });
    set.open();
    set.prepareReplay(['store']);
    for (const page of pages(log.slice(0, 200), 50)) set.applyBatch(page);
    // The process dies: the function that writes the history and builds the indexes never runs.
    db.close();

    // Its history not written, the file does not answer as of any position: the caller replays.
    expect(openHistoryAsOf(file, ['store'], 100, [store])).toBeNull();
    expect(openHistoryAsOf(file, ['store'], 200, [store])).toBeNull();

    const reopened = open('interrupted.sqlite');
    const again = new ProjectionSet(reopened, [store], { history: true });
    // Not reset: the read models are current, at their committed checkpoint.
    expect(again.open()).toEqual([]);
    expect(again.position('store')).toBe(200);
    expect(stagedProjections(reopened)).toEqual(new Set());
    expect(dump(reopened)).toEqual(dump(expected.db));

    const past = openHistoryAsOf(file, ['store'], 100, [store]);
    expect(past).not.toBeNull();
    past!.close();

    // The rest of the log follows live, as it would have.
    for (const page of pages(log.slice(200), 50)) {
      again.applyBatch(page);
      expected.set.applyBatch(page);
    }
    expect(dump(reopened)).toEqual(dump(expected.db));
  });

  it('given a projection reset while its history was staged, drops the staging with its history', () => {
    const db = open('reset.sqlite');
    const set = new ProjectionSet(db, [store], { history: true });
    set.open();
    set.prepareReplay(['store']);
    set.applyBatch(randomLog(7, 20));
    set.reset(['store']);
    expect(stagedProjections(db)).toEqual(new Set());
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name LIKE '%staging%'`).all()).toEqual([]);
    // Live triggers again: a change is a version at once.
    set.applyBatch([event(1, [`INSERT INTO shelves VALUES ('a', 1, NULL)`])]);
    expect(db.prepare('SELECT shelf, valid_from, valid_to FROM shelves__history').all()).toEqual([
      { shelf: 'a', valid_from: 1, valid_to: null },
    ]);
  });
});
