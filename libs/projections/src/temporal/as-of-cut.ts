import type { ReadModelDb } from '../core/read-model-db';

/** On a connection opened as of a position (openHistoryAsOf): a temp table holding that position. */
export const AS_OF_CUT_TABLE = 'dd_as_of_cut';

/** The position a connection was opened as of, or undefined for a connection on the present. */
export function asOfCutOf(db: ReadModelDb): number | undefined {
  const exists = db.prepare(`SELECT 1 FROM sqlite_temp_master WHERE type = 'table' AND name = ?`).pluck().get(AS_OF_CUT_TABLE);
  if (exists === undefined) return undefined;
  return db.prepare(`SELECT position FROM temp.${AS_OF_CUT_TABLE}`).pluck().get() as number;
}
