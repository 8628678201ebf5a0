import type { ReadModelDb } from '../core/read-model-db';

/** What the history code reads of a table's schema, shared by the live triggers (history-tables.ts) and staged history (staged-history.ts). */
export const HISTORY_SUFFIX = '__history';

export const historyTableOf = (table: string) => `${table}${HISTORY_SUFFIX}`;

export const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

export interface TableColumn {
  name: string;
  type: string;
  pk: number;
}

export function isTable(db: ReadModelDb, name: string, schema = 'main'): boolean {
  return db.prepare(`SELECT 1 FROM ${schema}.sqlite_master WHERE type = 'table' AND name = ?`).get(name) !== undefined;
}

export function columnsOf(db: ReadModelDb, table: string): TableColumn[] {
  return db.prepare(`PRAGMA main.table_info(${quoted(table)})`).all() as TableColumn[];
}

/** The columns that identify a row: its primary key, else its rowid. */
export function keyOf(columns: readonly TableColumn[]): string[] {
  const key = columns
    .filter((column) => column.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((column) => column.name);
  if (key.length === 0) throw new Error(`history needs a primary key; ${columns.map((column) => column.name).join(', ')} has none`);
  return key;
}

/** The triggers that write a table's history: live (history-tables.ts) or staged (staged-history.ts), under the same names so that either replaces the other. */
export const triggerNames = (table: string) => ['insert', 'update', 'delete'].map((event) => `${historyTableOf(table)}_${event}`);

/** The projection as history needs it: its name (coverage) and its tables. */
export interface HistoryOwner {
  readonly name: string;
  readonly tables: readonly string[];
}

export function ensureCoverageTable(db: ReadModelDb): void {
  db.exec(`CREATE TABLE IF NOT EXISTS history_coverage (
    name TEXT PRIMARY KEY,
    from_position INTEGER NOT NULL
  )`);
}
