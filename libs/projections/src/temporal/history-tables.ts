import type { ReadModelDb } from '../core/read-model-db';
import { POSITION_FUNCTION } from './applying-position';
import { APPEND_ONLY_TABLES } from './append-only-tables';
import {
  columnsOf,
  ensureCoverageTable,
  HISTORY_SUFFIX,
  historyTableOf,
  type HistoryOwner,
  isTable,
  keyOf,
  quoted,
  triggerNames,
} from './history-schema';
import { dropStagedTable, finishStagedHistory, forgetStaged } from './staged-history';

/**
 * Temporal read models, kept by SQLite itself. Every table of a projection that keeps history has a
 * twin `<table>__history` with the same columns plus `valid_from` and `valid_to`: the global positions
 * between which that version of the row was the row (valid_to NULL: it still is). Triggers on the
 * table write the twin, so no projection changes a line: an insert opens a version at the position of
 * the event being applied (dd_position()), an update closes the open version and opens the new one,
 * a delete closes it. A version opened and closed while applying the same event never existed for
 * any reader: it is deleted rather than closed.
 *
 * `history_coverage` says from which position a projection's history is whole: 0 when it was built
 * by a replay from the start, the checkpoint of the moment when history was added to read models
 * that were already there (their rows are then taken as versions valid from that checkpoint).
 */
export { HISTORY_SUFFIX, historyTableOf, type HistoryOwner } from './history-schema';

/**
 * Columns of the table's own secondary indexes (plain columns only), with a partial index's WHERE, for
 * history indexes that serve the same queries. A partial index's history twin is partial alike: a query
 * the table's index serves implies its condition, and so can use the twin; rows outside it (a smelter
 * row matched, a request answered: most of them) then cost no history index entry at all.
 */
function indexedColumnLists(db: ReadModelDb, table: string): Array<{ name: string; columns: string[]; where: string | null }> {
  const indexes = db.prepare(`PRAGMA main.index_list(${quoted(table)})`).all() as Array<{ name: string; origin: string; partial: number }>;
  const lists: Array<{ name: string; columns: string[]; where: string | null }> = [];
  for (const index of indexes) {
    if (index.origin === 'pk') continue;
    const columns = db.prepare(`PRAGMA main.index_info(${quoted(index.name)})`).all() as Array<{ cid: number; name: string | null }>;
    if (columns.some((column) => column.cid < 0 || column.name === null)) continue;
    lists.push({
      name: index.name,
      columns: columns.map((column) => column.name!),
      where: index.partial ? partialCondition(db, index.name) : null,
    });
  }
  return lists;
}

/** The WHERE of a partial index, as its CREATE INDEX wrote it (over the table's own column names). */
function partialCondition(db: ReadModelDb, index: string): string | null {
  const sql = db.prepare(`SELECT sql FROM main.sqlite_master WHERE type = 'index' AND name = ?`).pluck().get(index) as string | null;
  const where = sql === null ? null : /\)\s+WHERE\s+([\s\S]+)$/i.exec(sql);
  return where ? where[1].trim() : null;
}

function dropHistoryOf(db: ReadModelDb, table: string): void {
  for (const trigger of triggerNames(table)) db.exec(`DROP TRIGGER IF EXISTS ${quoted(trigger)}`);
  db.exec(`DROP TABLE IF EXISTS ${quoted(historyTableOf(table))}`);
  dropStagedTable(db, table);
}

/**
 * An append-only table (append-only-tables.ts) keeps no history: only triggers that, should one of its
 * rows ever change, move the projection's coverage to the position where it did.
 */
function guardAppendOnly(db: ReadModelDb, table: string, projection: string): void {
  const historyTable = historyTableOf(table);
  // A history table left from before the table was known to be append-only, with its triggers.
  if (isTable(db, historyTable)) dropHistoryOf(db, table);
  const names = columnsOf(db, table).map((column) => quoted(column.name));
  const moveCoverage = `UPDATE history_coverage SET from_position = max(from_position, ${POSITION_FUNCTION}()) WHERE name = '${projection.replace(/'/g, "''")}';`;
  const [, onUpdate, onDelete] = triggerNames(table).map(quoted);
  db.exec(`CREATE TRIGGER IF NOT EXISTS ${onUpdate} AFTER UPDATE ON ${quoted(table)}
    WHEN ${names.map((name) => `OLD.${name} IS NOT NEW.${name}`).join(' OR ')}
    BEGIN ${moveCoverage} END`);
  db.exec(`CREATE TRIGGER IF NOT EXISTS ${onDelete} AFTER DELETE ON ${quoted(table)} BEGIN ${moveCoverage} END`);
}

/** The history table's own key: the row's key, then valid_from (at most one version of a key opens at a position). */
function historyKeyOf(db: ReadModelDb, history: string): string[] {
  return columnsOf(db, history)
    .filter((column) => column.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((column) => column.name);
}

/**
 * The history table of the first layout (a rowid table with an index on the open versions and one on
 * key + valid_from) moved to the keyed one, versions and all: coverage stays as it was.
 */
function migrateRowidHistory(
  db: ReadModelDb,
  table: string,
  create: (name: string) => string,
  names: readonly string[],
  key: readonly string[],
): void {
  const history = historyTableOf(table);
  const next = `${history}__next`;
  for (const trigger of triggerNames(table)) db.exec(`DROP TRIGGER IF EXISTS ${quoted(trigger)}`);
  db.exec(`DROP TABLE IF EXISTS ${quoted(next)}`);
  db.exec(create(next));
  const all = [...names, 'valid_from', 'valid_to'].join(', ');
  // In the new key's order (the first layout's key index gives it without a sort): the new table is
  // written front to back instead of a page here and there.
  // A version without a key (the first layout took one) has no place in the keyed table, nor did it
  // have a meaning: its key matched every other keyless row.
  const keyed = key.map((column) => `${quoted(column)} IS NOT NULL`).join(' AND ');
  const keyColumns = key.map(quoted).join(', ');
  db.exec(
    `INSERT OR REPLACE INTO ${quoted(next)} (${all}) SELECT ${all} FROM ${quoted(history)} WHERE ${keyed} ORDER BY ${keyColumns}, valid_from`,
  );
  db.exec(`DROP TABLE ${quoted(history)}`);
  db.exec(`ALTER TABLE ${quoted(next)} RENAME TO ${quoted(history)}`);
}

/**
 * Creates the history table, its indexes and the triggers of one table. Returns whether it had to be
 * made afresh (there was none, or its columns no longer match the table's).
 *
 * The history table is keyed by the row's key and valid_from, WITHOUT ROWID: a version is one b-tree
 * entry, written once when it opens and changed in place when it closes, and the open version of a
 * key is the last entry of the key (its largest valid_from), found by one seek. (The first layout, a
 * rowid table with an index of open versions and one of keys, wrote three b-trees per version and
 * two more per close: history cost more than the read models themselves.) A key column must then
 * never be NULL, which WITHOUT ROWID enforces: a row without a key has no identity whose versions
 * history could tell apart.
 */
function installTableHistory(db: ReadModelDb, table: string): boolean {
  const columns = columnsOf(db, table);
  const history = historyTableOf(table);
  const key = keyOf(columns);
  const names = columns.map((column) => quoted(column.name));
  let fresh = !isTable(db, history);
  if (!fresh) {
    const kept = columnsOf(db, history).map((column) => column.name);
    const expected = [...columns.map((column) => column.name), 'valid_from', 'valid_to'];
    if (kept.join('\u0000') !== expected.join('\u0000')) {
      dropHistoryOf(db, table);
      fresh = true;
    }
  }
  const keyColumns = key.map(quoted).join(', ');
  // The same declared types: the same affinity, so values compare in the views as in the table.
  const create = (name: string) => `CREATE TABLE IF NOT EXISTS ${quoted(name)} (
    ${columns.map((column) => `${quoted(column.name)} ${column.type}`).join(',\n    ')},
    valid_from INTEGER NOT NULL,
    valid_to INTEGER,
    PRIMARY KEY (${keyColumns}, valid_from)
  ) WITHOUT ROWID`;
  if (!fresh && historyKeyOf(db, history).join('\u0000') !== [...key, 'valid_from'].join('\u0000')) {
    migrateRowidHistory(db, table, create, names, key);
  }
  db.exec(create(history));
  // The table's own indexes as of a position. valid_to too: the view's condition is then decided
  // from the index alone (a count needs no row). A row by its key as of P is the table's own key.
  // (A history made before partial twins keeps its full twin of a partial index: as good for reads,
  // only dearer to write, until the projection is next rebuilt.)
  for (const index of indexedColumnLists(db, table)) {
    db.exec(
      `CREATE INDEX IF NOT EXISTS ${quoted(`${index.name}${HISTORY_SUFFIX}`)} ON ${quoted(history)} (${index.columns.map(quoted).join(', ')}, valid_from, valid_to)${index.where === null ? '' : ` WHERE ${index.where}`}`,
    );
  }
  const position = `${POSITION_FUNCTION}()`;
  const ofKey = (row: 'OLD' | 'NEW') => key.map((column) => `${quoted(column)} = ${row}.${quoted(column)}`).join(' AND ');
  // Closing a version: one opened while applying this same event was never seen by any reader and
  // goes; otherwise the key's last version, if open, ends here. (The open version is the last one:
  // a key's versions follow one another.)
  //
  // Events applied again (the log replayed over tables that hold it already, from a checkpoint put
  // back) meet versions opened at later positions: a close never ends a version that opened after the
  // event being applied, and an open replaces the version its key already has at that position. The
  // replay then leaves the history as the first pass did; applying in order, neither case arises.
  const close = (row: 'OLD' | 'NEW') => `
    DELETE FROM ${quoted(history)} WHERE ${ofKey(row)} AND valid_from = ${position};
    UPDATE ${quoted(history)} SET valid_to = ${position}
      WHERE ${ofKey(row)} AND valid_to IS NULL AND valid_from < ${position}
        AND valid_from = (SELECT max(valid_from) FROM ${quoted(history)} WHERE ${ofKey(row)});`;
  const open = `
    INSERT OR REPLACE INTO ${quoted(history)} (${names.join(', ')}, valid_from) VALUES (${names.map((name) => `NEW.${name}`).join(', ')}, ${position});`;
  const [onInsert, onUpdate, onDelete] = triggerNames(table).map(quoted);
  // The trigger bodies are this code's: a file opened by an earlier build gets them as written here.
  for (const trigger of [onInsert, onUpdate, onDelete]) db.exec(`DROP TRIGGER IF EXISTS ${trigger}`);
  db.exec(`CREATE TRIGGER IF NOT EXISTS ${onInsert} AFTER INSERT ON ${quoted(table)} BEGIN ${open} END`);
  // An update that changes nothing (an upsert writing the same values) makes no version.
  db.exec(`CREATE TRIGGER IF NOT EXISTS ${onUpdate} AFTER UPDATE ON ${quoted(table)}
    WHEN ${names.map((name) => `OLD.${name} IS NOT NEW.${name}`).join(' OR ')}
    BEGIN ${close('OLD')} ${open} END`);
  db.exec(`CREATE TRIGGER IF NOT EXISTS ${onDelete} AFTER DELETE ON ${quoted(table)} BEGIN ${close('OLD')} END`);
  if (fresh)
    db.exec(
      `INSERT INTO ${quoted(history)} (${names.join(', ')}, valid_from) SELECT ${names.join(', ')}, ${position} FROM ${quoted(table)}`,
    );
  return fresh;
}

/**
 * Keeps history for a projection's tables (after its create() made them). Rows already there become
 * versions valid from the projection's checkpoint, and the coverage says so; a projection built from
 * position 0 with history on is covered from 0. The caller has set dd_position() to the checkpoint.
 */
export function keepHistory(db: ReadModelDb, projection: HistoryOwner, checkpoint: number): void {
  ensureCoverageTable(db);
  // History staged by a replay from the start (staged-history.ts) is written before the live triggers
  // go back: at the replay's end, or on the next open after a replay that died on the way.
  finishStagedHistory(db, projection);
  db.transaction(() => {
    clearHistoryOff(db);
    let fresh = false;
    for (const table of projection.tables) {
      // A table a projection turned into a view (or dropped) keeps no history.
      if (!isTable(db, table)) continue;
      if (APPEND_ONLY_TABLES.has(table)) guardAppendOnly(db, table, projection.name);
      else fresh = installTableHistory(db, table) || fresh;
    }
    const covered = db.prepare('SELECT from_position FROM history_coverage WHERE name = ?').pluck().get(projection.name) as
      number | undefined;
    if (covered === undefined || fresh) {
      db.prepare(
        `INSERT INTO history_coverage (name, from_position) VALUES (?, ?)
         ON CONFLICT (name) DO UPDATE SET from_position = max(from_position, excluded.from_position)`,
      ).run(projection.name, checkpoint);
    }
  })();
}

/**
 * Where a file whose history was switched off says so: one row, the checkpoint (lowest) of its read
 * models at that moment. An as-of read on it is replayed, and says why (read-models-as-of.ts).
 */
export const HISTORY_OFF_TABLE = 'history_off';

/**
 * History switched off (DD_READ_MODEL_HISTORY=off): every history table and trigger of these
 * projections dropped, with their coverage, and the file marked. The triggers must go with the
 * setting: they live in the file and call dd_position(), which only a connection keeping history
 * registers, so a writer without it would fail on its first row. Nothing of the read models
 * themselves changes.
 */
export function forgetHistory(db: ReadModelDb, projections: readonly HistoryOwner[], checkpoint: number): void {
  db.transaction(() => {
    ensureCoverageTable(db);
    for (const projection of projections) dropHistory(db, projection);
    db.exec(`CREATE TABLE IF NOT EXISTS ${HISTORY_OFF_TABLE} (since_position INTEGER NOT NULL)`);
    if (db.prepare(`SELECT count(*) FROM ${HISTORY_OFF_TABLE}`).pluck().get() === 0)
      db.prepare(`INSERT INTO ${HISTORY_OFF_TABLE} (since_position) VALUES (?)`).run(checkpoint);
  })();
}

/** The position from which a file keeps no history (switched off then), or undefined while it keeps it. */
export function historyOffSince(db: ReadModelDb): number | undefined {
  if (!isTable(db, HISTORY_OFF_TABLE)) return undefined;
  return db.prepare(`SELECT min(since_position) FROM ${HISTORY_OFF_TABLE}`).pluck().get() as number | undefined;
}

/** History switched on again: the mark goes; coverage starts at each projection's checkpoint (keepHistory). */
function clearHistoryOff(db: ReadModelDb): void {
  if (isTable(db, HISTORY_OFF_TABLE)) db.exec(`DROP TABLE ${HISTORY_OFF_TABLE}`);
}

/** Drops a projection's history (its tables are being dropped for a rebuild, which makes it again). */
export function dropHistory(db: ReadModelDb, projection: HistoryOwner): void {
  ensureCoverageTable(db);
  for (const table of projection.tables) dropHistoryOf(db, table);
  db.prepare('DELETE FROM history_coverage WHERE name = ?').run(projection.name);
  forgetStaged(db, projection.name);
}

/** The history tables of a projection's tables (those that keep one), for deferring their indexes during a rebuild. */
export function historyTablesOf(tables: readonly string[]): string[] {
  return tables.map(historyTableOf);
}
