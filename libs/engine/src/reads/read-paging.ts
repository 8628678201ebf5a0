import { z } from 'zod';

/* Paging of list reads: keyset pages in a stable total order, a total, an opaque cursor to the next page. */

/** Rows a page holds when the client names no limit. */
export const DEFAULT_PAGE_LIMIT = 500;
/** The most rows one page may hold. */
export const MAX_PAGE_LIMIT = 5000;

/**
 * The sort key of a row: the values of the list's order, the last one unique (an id), so that
 * every row has its own place and a page starts exactly after the row the previous one ended on,
 * whatever was written in between.
 */
export type PageKey = ReadonlyArray<string | number | null>;

/** At most `limit` rows after the row whose key is `after` (null: from the first row). */
export interface PageRequest {
  limit: number;
  after: PageKey | null;
}

/** Every row: what csv/xlsx renderings and in-process callers ask for. */
export const EVERY_ROW: PageRequest = { limit: Number.MAX_SAFE_INTEGER, after: null };

export interface Page<Row> {
  rows: Row[];
  /** Rows of the whole list under the same filters, not only this page's. */
  total: number;
  /** The key of the page's last row when more rows follow; null on the last page. */
  next: PageKey | null;
}

/**
 * A cursor is the key of the last row of a page and the read it belongs to, as base64url JSON:
 * opaque to clients, and a cursor of another read is refused rather than misread.
 */
export function encodeCursor(read: string, key: PageKey): string {
  return Buffer.from(JSON.stringify({ read, key }), 'utf8').toString('base64url');
}

function decodeCursor(read: string, keyLength: number, cursor: string): PageKey | string {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return 'not a cursor of this list (take it from the Link header of the previous page)';
  }
  const parsed = z.object({ read: z.string(), key: z.array(z.union([z.string(), z.number(), z.null()])).min(1) }).safeParse(decoded);
  if (!parsed.success) return 'not a cursor of this list (take it from the Link header of the previous page)';
  if (parsed.data.read !== read) return `a cursor of ${parsed.data.read}, not of ${read}`;
  if (parsed.data.key.length !== keyLength) return 'not a cursor of this list (take it from the Link header of the previous page)';
  return parsed.data.key;
}

/** The `limit` and `cursor` query parameters of a list read named `read`, whose sort key has `keyLength` values. */
export function pagingParams(read: string, keyLength: number) {
  return {
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(MAX_PAGE_LIMIT)
      .optional()
      .describe(`rows per page, 1 to ${MAX_PAGE_LIMIT} (default ${DEFAULT_PAGE_LIMIT}); csv and xlsx hold every row`),
    cursor: z
      .string()
      .max(4000)
      .transform((cursor, context) => {
        const key = decodeCursor(read, keyLength, cursor);
        if (typeof key === 'string') {
          context.addIssue({ code: 'custom', message: key });
          return z.NEVER;
        }
        return key;
      })
      .optional()
      .describe('where the page starts: the cursor of the Link rel="next" header of the previous page (opaque)'),
  };
}

/** Orders two keys as the list orders their rows: value by value, null first, numbers before text. */
export function compareKeys(a: PageKey, b: PageKey): number {
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const x = a[index] ?? null;
    const y = b[index] ?? null;
    if (x === y) continue;
    if (x === null) return -1;
    if (y === null) return 1;
    if (typeof x !== typeof y) return typeof x === 'number' ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * A page of a list that is small whatever the log's size (products, product lines, metals), taken
 * from the whole list in its order: the rows after the cursor's row (found by its key; by key order
 * if that row has gone since).
 */
export function pageOfList<Row>(rows: readonly Row[], keyOf: (row: Row) => PageKey, request: PageRequest): Page<Row> {
  let start = 0;
  if (request.after !== null) {
    const after = JSON.stringify(request.after);
    const exact = rows.findIndex((row) => JSON.stringify(keyOf(row)) === after);
    start = exact >= 0 ? exact + 1 : rows.findIndex((row) => compareKeys(keyOf(row), request.after!) > 0);
    if (start < 0) start = rows.length;
  }
  const page = rows.slice(start, start + request.limit);
  const more = start + page.length < rows.length;
  return { rows: page, total: rows.length, next: more && page.length > 0 ? keyOf(page[page.length - 1]) : null };
}

/**
 * A page from a query that reads one row more than the page holds: that extra row says whether
 * another page follows, without a second query.
 */
export function pageFromRows<Row>(rowsAndOneMore: Row[], request: PageRequest, total: number, keyOf: (row: Row) => PageKey): Page<Row> {
  const more = rowsAndOneMore.length > request.limit;
  const rows = more ? rowsAndOneMore.slice(0, request.limit) : rowsAndOneMore;
  return { rows, total, next: more ? keyOf(rows[rows.length - 1]) : null };
}
