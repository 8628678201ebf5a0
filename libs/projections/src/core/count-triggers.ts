/**
 * A count kept beside the rows it counts: one row per group of `rows` (the columns `by`, named alike in
 * both tables) holding how many rows the group has. Reads of totals then read a few count rows, not
 * every row of a period. The counts are kept by triggers, not by the handlers, so they cannot drift
 * from the rows: an insert adds one to its group, a change of a grouping column moves one from the
 * old group to the new, a delete takes one away. A group's row stays at nought when its last row goes
 * (a read sums what is there, and deleting would open and close history versions for nothing).
 */
export interface CountedRows {
  /** The table whose rows are counted. */
  rows: string;
  /** The count table: primary key `by`, plus the `count` column. */
  counts: string;
  /** The grouping columns. */
  by: readonly string[];
  /** The count column of `counts`. */
  count: string;
  /** Only rows for which this holds are counted (SQL over the row's columns, written with `ROW.`). */
  where?: string;
}

type Row = 'NEW' | 'OLD';

/** Adds `delta` to the count of the row's group (nothing when the row is not counted). */
function addToGroup(counted: CountedRows, row: Row, delta: 1 | -1): string {
  const { counts, by, count } = counted;
  const values = [...by.map((column) => `${row}.${column}`), String(delta)].join(', ');
  // An upsert after INSERT … SELECT needs the SELECT's WHERE (SQLite's parsing rule), so always one.
  const where = counted.where === undefined ? 'true' : counted.where.replaceAll('ROW.', `${row}.`);
  return `INSERT INTO ${counts} (${[...by, count].join(', ')}) SELECT ${values} WHERE ${where}
      ON CONFLICT (${by.join(', ')}) DO UPDATE SET ${count} = ${count} + excluded.${count};`;
}

/** The three triggers (`<counts>_on_insert`, `_on_update`, `_on_delete`) that keep `counts` level with `rows`. */
export function countTriggers(counted: CountedRows): string {
  const { rows, counts, by } = counted;
  // A change of the condition's columns moves a row in or out of the count: they are watched too.
  const watched = [...new Set([...by, ...[...(counted.where ?? '').matchAll(/ROW\.(\w+)/g)].map((match) => match[1])])];
  return `
  CREATE TRIGGER IF NOT EXISTS ${counts}_on_insert AFTER INSERT ON ${rows} BEGIN
    ${addToGroup(counted, 'NEW', 1)}
  END;
  CREATE TRIGGER IF NOT EXISTS ${counts}_on_update AFTER UPDATE OF ${watched.join(', ')} ON ${rows}
    WHEN ${watched.map((column) => `OLD.${column} IS NOT NEW.${column}`).join(' OR ')} BEGIN
    ${addToGroup(counted, 'OLD', -1)}
    ${addToGroup(counted, 'NEW', 1)}
  END;
  CREATE TRIGGER IF NOT EXISTS ${counts}_on_delete AFTER DELETE ON ${rows} BEGIN
    ${addToGroup(counted, 'OLD', -1)}
  END;`;
}
