import { seededRandom } from '@dd/domain';
import { countTriggers, type CountedRows } from './count-triggers';
import { openReadModelDb, type ReadModelDb } from './read-model-db';

const ITEMS: CountedRows = { rows: 'items', counts: 'item_counts', by: ['period', 'status'], count: 'items' };
const DUE_ITEMS: CountedRows = {
  rows: 'items',
  counts: 'due_counts',
  by: ['period', 'due'],
  count: 'items',
  where: 'ROW.due IS NOT NULL',
};

function tables(db: ReadModelDb): void {
  db.exec(`
    CREATE TABLE items (id INTEGER PRIMARY KEY, period INTEGER NOT NULL, status TEXT NOT NULL, due TEXT);
    CREATE TABLE item_counts (period INTEGER NOT NULL, status TEXT NOT NULL, items INTEGER NOT NULL, PRIMARY KEY (period, status)) WITHOUT ROWID;
    CREATE TABLE due_counts (period INTEGER NOT NULL, due TEXT NOT NULL, items INTEGER NOT NULL, PRIMARY KEY (period, due)) WITHOUT ROWID;
    ${countTriggers(ITEMS)}
    ${countTriggers(DUE_ITEMS)}
  `);
}

/** The counts as kept, groups at nought left out, beside the counts a GROUP BY over the rows gives. */
function keptAndCounted(db: ReadModelDb) {
  return {
    kept: {
      byStatus: db.prepare('SELECT period, status, items FROM item_counts WHERE items <> 0 ORDER BY period, status').all(),
      byDue: db.prepare('SELECT period, due, items FROM due_counts WHERE items <> 0 ORDER BY period, due').all(),
    },
    counted: {
      byStatus: db.prepare('SELECT period, status, count(*) AS items FROM items GROUP BY period, status ORDER BY period, status').all(),
      byDue: db
        .prepare('SELECT period, due, count(*) AS items FROM items WHERE due IS NOT NULL GROUP BY period, due ORDER BY period, due')
        .all(),
    },
  };
}

describe('counts kept by triggers beside the rows they count', () => {
  let db: ReadModelDb;

  beforeEach(() => {
    db = openReadModelDb(':memory:');
    tables(db);
  });

  afterEach(() => db.close());

  it('given rows inserted, when one changes group, is left out by the condition and is deleted, then each count follows', () => {
    const insert = db.prepare('INSERT INTO items (id, period, status, due) VALUES (?, ?, ?, ?)');
    insert.run(1, 2025, 'open', '2025-03-01');
    insert.run(2, 2025, 'open', null);
    insert.run(3, 2026, 'closed', '2025-03-01');
    expect(db.prepare('SELECT period, status, items FROM item_counts ORDER BY period, status').all()).toEqual([
      { period: 2025, status: 'open', items: 2 },
      { period: 2026, status: 'closed', items: 1 },
    ]);

    db.prepare(`UPDATE items SET status = 'closed', due = NULL WHERE id = 1`).run();
    db.prepare('DELETE FROM items WHERE id = 3').run();

    expect(db.prepare('SELECT period, status, items FROM item_counts ORDER BY period, status').all()).toEqual([
      { period: 2025, status: 'closed', items: 1 },
      { period: 2025, status: 'open', items: 1 },
      { period: 2026, status: 'closed', items: 0 },
    ]);
    // Row 1 left the due-date count when its due date was cleared, row 3 when it was deleted.
    expect(db.prepare('SELECT period, due, items FROM due_counts ORDER BY period, due').all()).toEqual([
      { period: 2025, due: '2025-03-01', items: 0 },
      { period: 2026, due: '2025-03-01', items: 0 },
    ]);
  });

  it.each([1, 2, 3, 4, 5])(
    'given random inserts, changes, upserts and deletes (seed %i), then the kept counts equal a GROUP BY over the rows',
    (seed) => {
      const next = seededRandom(seed);
      const random = (below: number) => Math.floor(next() * below);
      const statuses = ['open', 'mitigating', 'closed'];
      const dues = [null, '2025-01-31', '2025-02-28', '2025-03-31'];
      const upsert = db.prepare(
        `INSERT INTO items (id, period, status, due) VALUES (?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET period = excluded.period, status = excluded.status, due = excluded.due`,
      );
      const setStatus = db.prepare('UPDATE items SET status = ? WHERE id = ?');
      const remove = db.prepare('DELETE FROM items WHERE id = ?');
      for (let step = 0; step < 500; step++) {
        const id = random(60);
        const operation = random(4);
        if (operation === 0) setStatus.run(statuses[random(3)], id);
        else if (operation === 1) remove.run(id);
        else upsert.run(id, 2024 + random(3), statuses[random(3)], dues[random(4)]);
      }

      const { kept, counted } = keptAndCounted(db);
      expect(kept).toEqual(counted);
    },
  );
});
