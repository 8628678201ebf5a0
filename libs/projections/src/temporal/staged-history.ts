import type { ReadModelDb } from '../core/read-model-db';
import { POSITION_FUNCTION } from './applying-position';
import { APPEND_ONLY_TABLES } from './append-only-tables';
import { columnsOf, type HistoryOwner, historyTableOf, isTable, keyOf, quoted, triggerNames } from './history-schema';

/**
 * History written in bulk while a projection is replayed from the start into fresh tables (a rebuild,
 * a start on new read models). The live triggers (history-tables.ts) pay, for every row change, a seek
 * and an update to close the key's open version and an insert to open the next: about 8 row versions
 * per event, most of the rebuild's time. During such a replay the triggers only append each change to
 * a staging table `<table>__history_staging` (no index, no seek), and one pass at the end
 * (finishStagedHistory) writes the history table in its key order, exactly as the live triggers would
 * have written it, then puts the live triggers back.
 *
 * What the live triggers leave, per key, with the key's changes in order (position, then the order in
 * which they were made while applying that event): every event that changed the key ends the version
 * open before it (the row existed, so its first change is an update or a delete: a close); a version
 * opens at the event's position only if the event's last change to the key left a row (an insert or an
 * update), with that change's values; a version opened and closed within one event never existed. So a
 * staged change is a version if it is its event's last change to its key and is not a close, and that
 * version ends where the key's next change is (`lead(position)` over the key's changes), or is open.
 *
 * While a projection is staged it is listed in `history_staging`, and "as of" reads do not answer from
 * its history (read-models-as-of.ts: they replay). A replay that dies on the way (crash, kill) leaves
 * the staging tables as committed with the last page, consistent with the projection's checkpoint: the
 * next open() of the read models finishes them (history-tables.ts keepHistory) before the live triggers
 * go back, so the history is whole again from there.
 */
export const STAGING_SUFFIX = '__history_staging';

/** The projections whose history is staged, not yet written. */
export const HISTORY_STAGING_TABLE = 'history_staging';

const stagingTableOf = (table: string) => `${table}${STAGING_SUFFIX}`;

// Named so that no read-model column can take them.
const STAGED_AT = 'dd_staged_at';
const STAGED_CLOSE = 'dd_staged_close';

function ensureStagingList(db: ReadModelDb): void {
  db.exec(`CREATE TABLE IF NOT EXISTS ${HISTORY_STAGING_TABLE} (name TEXT PRIMARY KEY)`);
}

/** The projections whose history is staged (a replay under way, or one that died before its end). */
export function stagedProjections(db: ReadModelDb): Set<string> {
  if (!isTable(db, HISTORY_STAGING_TABLE)) return new Set();
  return new Set(db.prepare(`SELECT name FROM ${HISTORY_STAGING_TABLE}`).pluck().all() as string[]);
}

/** The tables of a projection that keep a history table (not append-only ones, not views). */
function historyKeepingTables(db: ReadModelDb, projection: HistoryOwner): string[] {
  return projection.tables.filter((table) => !APPEND_ONLY_TABLES.has(table) && isTable(db, table) && isTable(db, historyTableOf(table)));
}

/**
 * Switches a projection's history to staging for a replay from the start. Only tables whose history is
 * still empty are staged (a fresh projection's): what is staged is then the whole history. Returns
 * whether the projection is now staged (false: it keeps its live triggers).
 */
export function stageHistory(db: ReadModelDb, projection: HistoryOwner): boolean {
  const tables = historyKeepingTables(db, projection);
  const empty = (table: string) => db.prepare(`SELECT 1 FROM ${quoted(historyTableOf(table))} LIMIT 1`).get() === undefined;
  if (tables.length === 0 || !tables.every(empty)) return false;
  db.transaction(() => {
    ensureStagingList(db);
    for (const table of tables) stageTable(db, table);
    db.prepare(`INSERT OR IGNORE INTO ${HISTORY_STAGING_TABLE} (name) VALUES (?)`).run(projection.name);
  })();
  return true;
}

/** The staging table and the triggers that append to it, in place of the live ones. */
function stageTable(db: ReadModelDb, table: string): void {
  const columns = columnsOf(db, table);
  const names = columns.map((column) => quoted(column.name));
  const key = keyOf(columns).map(quoted);
  const staging = quoted(stagingTableOf(table));
  // Untyped columns: values arrive with the table's affinity applied already and go on to the history
  // table unchanged. The rowid is the order in which changes were made.
  db.exec(`DROP TABLE IF EXISTS ${staging}`);
  db.exec(`CREATE TABLE ${staging} (${[...names, STAGED_AT, STAGED_CLOSE].join(', ')})`);
  const position = `${POSITION_FUNCTION}()`;
  const all = [...names, STAGED_AT, STAGED_CLOSE].join(', ');
  const open = `INSERT INTO ${staging} (${all}) VALUES (${names.map((name) => `NEW.${name}`).join(', ')}, ${position}, 0);`;
  const close = (where = '') =>
    `INSERT INTO ${staging} (${[...key, STAGED_AT, STAGED_CLOSE].join(', ')}) SELECT ${key.map((name) => `OLD.${name}`).join(', ')}, ${position}, 1${where};`;
  // An update that keeps the key needs no close of its own: the open that follows is the key's last
  // change in the event either way. One that moves the key closes the old key.
  const keyMoved = ` WHERE ${key.map((name) => `OLD.${name} IS NOT NEW.${name}`).join(' OR ')}`;
  const [onInsert, onUpdate, onDelete] = triggerNames(table).map(quoted);
  for (const trigger of [onInsert, onUpdate, onDelete]) db.exec(`DROP TRIGGER IF EXISTS ${trigger}`);
  db.exec(`CREATE TRIGGER ${onInsert} AFTER INSERT ON ${quoted(table)} BEGIN ${open} END`);
  // As live: an update that changes nothing makes no version.
  db.exec(`CREATE TRIGGER ${onUpdate} AFTER UPDATE ON ${quoted(table)}
    WHEN ${names.map((name) => `OLD.${name} IS NOT NEW.${name}`).join(' OR ')}
    BEGIN ${close(keyMoved)} ${open} END`);
  db.exec(`CREATE TRIGGER ${onDelete} AFTER DELETE ON ${quoted(table)} BEGIN ${close()} END`);
}

/**
 * Writes the staged history of a projection into its history tables, one transaction per table, and
 * drops the staging. The triggers are left as they are: the caller (keepHistory) installs the live
 * ones. Does nothing for a projection that is not staged.
 */
export function finishStagedHistory(db: ReadModelDb, projection: HistoryOwner): void {
  if (!stagedProjections(db).has(projection.name)) return;
  for (const table of stagedTablesOf(db, projection)) writeStagedTable(db, table);
  forgetStaged(db, projection.name);
}

/** The tables of a projection whose history is staged and not yet written. */
export function stagedTablesOf(db: ReadModelDb, projection: HistoryOwner): string[] {
  return projection.tables.filter((table) => isTable(db, stagingTableOf(table)));
}

/**
 * Writes one table's staged history and drops its staging, in one transaction. Its triggers still
 * stage: the caller applies nothing to the table until keepHistory has put the live ones back.
 */
export function writeStagedTable(db: ReadModelDb, table: string): void {
  db.transaction(() => writeStaged(db, table))();
}

function writeStaged(db: ReadModelDb, table: string): void {
  const names = columnsOf(db, table).map((column) => quoted(column.name));
  const key = keyOf(columnsOf(db, table)).map(quoted);
  const staging = quoted(stagingTableOf(table));
  // In the key's order, as the window sorts: the history table (keyed by key, valid_from) is written
  // front to back. A staged change whose next change to the key is at the same position was not its
  // event's last; a close is never a version.
  db.exec(`INSERT INTO ${quoted(historyTableOf(table))} (${names.join(', ')}, valid_from, valid_to)
    SELECT ${names.join(', ')}, ${STAGED_AT}, next FROM (
      SELECT ${names.join(', ')}, ${STAGED_AT}, ${STAGED_CLOSE},
        lead(${STAGED_AT}) OVER (PARTITION BY ${key.join(', ')} ORDER BY ${STAGED_AT}, rowid) AS next
      FROM ${staging}
    ) WHERE ${STAGED_CLOSE} = 0 AND (next IS NULL OR next <> ${STAGED_AT})`);
  db.exec(`DROP TABLE ${staging}`);
}

/** Drops a table's staging (its history is being dropped). */
export function dropStagedTable(db: ReadModelDb, table: string): void {
  db.exec(`DROP TABLE IF EXISTS ${quoted(stagingTableOf(table))}`);
}

/** Forgets that a projection was staged (its history is being dropped). */
export function forgetStaged(db: ReadModelDb, name: string): void {
  if (!isTable(db, HISTORY_STAGING_TABLE)) return;
  db.prepare(`DELETE FROM ${HISTORY_STAGING_TABLE} WHERE name = ?`).run(name);
  // Gone with its last row: a file rebuilt is then the same file, table for table, as one kept live.
  if (db.prepare(`SELECT 1 FROM ${HISTORY_STAGING_TABLE} LIMIT 1`).get() === undefined) db.exec(`DROP TABLE ${HISTORY_STAGING_TABLE}`);
}
