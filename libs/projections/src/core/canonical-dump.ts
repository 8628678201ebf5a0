import type { ProjectionDefinition } from './projection';
import type { ReadModelDb } from './read-model-db';

/**
 * Every row of every read-model table, rows sorted, as one JSON-able object. Two databases with the
 * same dump hold the same read models whatever order the rows were written in: this is how a
 * rebuilt model is checked against the live one.
 */
export function canonicalDump(db: ReadModelDb, projections: readonly ProjectionDefinition[]): Record<string, string[]> {
  const dump: Record<string, string[]> = {};
  for (const projection of projections) {
    for (const table of projection.tables) {
      const rows = db.prepare(`SELECT * FROM "${table.replace(/"/g, '""')}"`).all() as Record<string, unknown>[];
      dump[table] = rows
        .map((row) =>
          JSON.stringify(
            Object.keys(row)
              .sort()
              .map((column) => [column, row[column]]),
          ),
        )
        .sort();
    }
  }
  return dump;
}
