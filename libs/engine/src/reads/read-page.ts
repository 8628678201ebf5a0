import { z } from 'zod';

/** House paging contract: `limit` (default 500, at most 5000) and an opaque `cursor`; the body stays the array. */
export const PAGE_DEFAULT_LIMIT = 500;
export const PAGE_MAX_LIMIT = 5000;

export const LimitParam = z.coerce
  .number()
  .int()
  .min(1)
  .max(PAGE_MAX_LIMIT)
  .default(PAGE_DEFAULT_LIMIT)
  .describe(`rows per page (default ${PAGE_DEFAULT_LIMIT}, at most ${PAGE_MAX_LIMIT}); the next page is in the Link header`);

/** What a page says beside its rows: the total over every page, and the cursor of the next one (null on the last). */
export interface PageInfo {
  total: number;
  nextCursor: string | null;
}

const PAGE = Symbol('page');

/**
 * A page's rows, carrying its PageInfo out of sight of JSON: the HTTP layer turns it into
 * X-Total-Count and Link: <…>; rel="next", and CSV/XLSX renderings follow it to every row.
 */
export function paged<T>(rows: T[], info: PageInfo): T[] {
  Object.defineProperty(rows, PAGE, { value: info, enumerable: false });
  return rows;
}

export function pageInfoOf(answer: unknown): PageInfo | undefined {
  return Array.isArray(answer) ? (answer as unknown as { [PAGE]?: PageInfo })[PAGE] : undefined;
}

/** A keyset cursor: the sort key of the last row, opaque to clients (base64url JSON). */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** The cursor parameter of a read whose keys are `arity` strings; a cursor not made by encodeCursor is a 400 naming it. */
export function cursorParam(arity: number) {
  return z
    .string()
    .max(2000)
    .transform((cursor, context) => {
      try {
        const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
        if (Array.isArray(key) && key.length === arity && key.every((part) => typeof part === 'string')) return key as string[];
      } catch {
        // reported below
      }
      context.addIssue({ code: 'custom', message: 'not a cursor this read gave (take it from the Link header)' });
      return z.NEVER;
    })
    .optional()
    .describe('opaque: the next page, as the Link header of the previous one gives it');
}
