/**
 * A page of a list read model in its order, keyset style: the rows whose sort key comes after the
 * key of the previous page's last row, never OFFSET (which reads every row it skips). The sort key
 * ends with a unique column, so the order is total and no row is seen twice or skipped.
 */
export interface KeysetPage {
  /** At most this many rows. */
  limit: number;
  /** The sort key of the row the page starts after (the ORDER BY columns' values); null: from the first row. */
  after: ReadonlyArray<string | number | null> | null;
}

/** Every row, from the first. */
export const WHOLE_LIST: KeysetPage = { limit: Number.MAX_SAFE_INTEGER, after: null };

/**
 * The SQL condition that starts a page after `page.after` in the order of `columns` (ascending,
 * none of them null), and its parameters; none for the first page. Row values let SQLite seek the
 * index whose columns follow the equality filters.
 */
export function keysetCondition(columns: readonly string[], page: KeysetPage): { sql: string | null; parameters: unknown[] } {
  if (page.after === null) return { sql: null, parameters: [] };
  if (page.after.length !== columns.length) throw new Error(`a page key of ${columns.length} values, not ${page.after.length}`);
  return { sql: `(${columns.join(', ')}) > (${columns.map(() => '?').join(', ')})`, parameters: [...page.after] };
}
