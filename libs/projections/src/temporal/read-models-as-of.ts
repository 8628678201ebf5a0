import type { EventStore } from '@dd/event-store';
import { allProjections } from '../all-projections';
import type { ProjectionDefinition } from '../core/projection';
import { openReadModelDb, type ReadModelDb } from '../core/read-model-db';
import { replayAsOf } from '../core/replay-as-of';
import { APPEND_ONLY_TABLES } from './append-only-tables';
import { AS_OF_CUT_TABLE } from './as-of-cut';
import { historyOffSince, historyTableOf } from './history-tables';
import { stagedProjections } from './staged-history';

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** A cut of the log: up to a global position and, given a business time, only what occurred by then. */
export interface AsOfCut {
  position: number;
  occurredUntil?: string;
}

/**
 * Why an answer as of a cut was replayed rather than read from the history: a business time (always
 * replayed: a past business time can be recorded late), no read-model file (read models in memory),
 * history switched off (DD_READ_MODEL_HISTORY=off), or the file's history does not reach the position
 * (it begins later, or the read models are not that far yet).
 */
export const AS_OF_REPLAY_REASONS = ['business-time', 'no-read-model-file', 'history-off', 'history-not-that-old'] as const;
export type AsOfReplayReason = (typeof AS_OF_REPLAY_REASONS)[number];

/** Each reason in words, for people (the CLI's line; the console keeps the same words, checked by a spec). */
export const AS_OF_REPLAY_REASON_WORDS: Readonly<Record<AsOfReplayReason, string>> = {
  'business-time': 'what was true then may have been recorded only later',
  'history-off': 'the read models keep no history',
  'history-not-that-old': "the read models' history does not reach back that far",
  'no-read-model-file': 'the read models are kept in memory',
};

/** Read models as of a cut, and how they were had: from the tables' history, or by a replay. */
export interface ReadModelsAsOf {
  db: ReadModelDb;
  source: 'history' | 'replay';
  /** Why replayed (undefined when answered from history). */
  replayReason?: AsOfReplayReason;
  /**
   * Replayed because the file keeps no history: switched off (DD_READ_MODEL_HISTORY=off) when its read
   * models were at this position. Undefined when answered from history, or replayed for another reason.
   */
  historyOffSince?: number;
}

/**
 * The read models of a file as they stood at a global position, answered from their history: a
 * read-only connection on which a TEMP VIEW named like each table selects the row versions valid
 * at the position. SQLite resolves unqualified names in `temp` first, so the usual query classes run
 * unchanged. Null when the file cannot answer for the named projections at that position: no history
 * kept, history beginning later, or the read models not yet that far (the caller replays instead).
 * The caller closes the connection.
 */
export function openHistoryAsOf(
  file: string,
  names: readonly string[],
  position: number,
  projections: readonly ProjectionDefinition[] = allProjections,
): ReadModelDb | null {
  const db = openReadModelDb(file, { readonly: true });
  try {
    const hasCoverage = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'history_coverage'`).get() !== undefined;
    if (!hasCoverage) {
      db.close();
      return null;
    }
    const coverage = new Map(
      (db.prepare('SELECT name, from_position AS position FROM history_coverage').all() as Array<{ name: string; position: number }>).map(
        (row) => [row.name, row.position],
      ),
    );
    const checkpoints = new Map(
      (db.prepare('SELECT name, position FROM checkpoints').all() as Array<{ name: string; position: number }>).map((row) => [
        row.name,
        row.position,
      ]),
    );
    // A projection whose history is staged (a replay from the start under way, or one that died) has
    // none written yet: it is replayed (staged-history.ts).
    const staged = stagedProjections(db);
    const answers = (name: string) =>
      !staged.has(name) && (coverage.get(name) ?? Number.POSITIVE_INFINITY) <= position && (checkpoints.get(name) ?? -1) >= position;
    if (!names.every(answers)) {
      db.close();
      return null;
    }
    // Every projection that can answer at the position is seen as of it, not only those named: a
    // read never mixes the past of one read model with the present of another it did not name.
    const tables = projections.filter((projection) => answers(projection.name)).flatMap((projection) => projection.tables);
    const historyTables = new Set(
      (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[]).filter((name) =>
        name.endsWith('__history'),
      ),
    );
    for (const table of tables) {
      const history = historyTableOf(table);
      const columns = (db.prepare(`PRAGMA main.table_info(${quoted(table)})`).all() as Array<{ name: string }>).map((column) =>
        quoted(column.name),
      );
      const positionColumn = APPEND_ONLY_TABLES.get(table);
      if (positionColumn !== undefined && columns.length > 0) {
        // Rows written once at their position: the table itself, up to P, with all its indexes.
        db.exec(
          `CREATE TEMP VIEW ${quoted(table)} AS SELECT ${columns.join(', ')} FROM main.${quoted(table)} WHERE ${quoted(positionColumn)} <= ${position}`,
        );
        continue;
      }
      if (!historyTables.has(history)) continue;
      db.exec(
        `CREATE TEMP VIEW ${quoted(table)} AS SELECT ${columns.join(', ')} FROM main.${quoted(history)}
         WHERE valid_from <= ${position} AND (valid_to IS NULL OR valid_to > ${position})`,
      );
    }
    // For readers that open a connection of their own on the file (the audit trail beside the log),
    // where these views do not exist: the position they must not read past.
    db.exec(`CREATE TEMP TABLE ${AS_OF_CUT_TABLE} (position INTEGER NOT NULL)`);
    db.prepare(`INSERT INTO temp.${AS_OF_CUT_TABLE} (position) VALUES (?)`).run(position);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * The named read models as of a cut: from the file's history when it can answer (a position, or a
 * recorded time turned into one); otherwise, and always for a business-time cut (a past business time
 * can be recorded late, so it is not a position), by replaying only those read models into a
 * temporary file. The caller closes the database.
 */
export async function readModelsAsOf(
  store: EventStore,
  file: string | null,
  projections: readonly ProjectionDefinition[],
  cut: AsOfCut,
): Promise<ReadModelsAsOf> {
  if (file !== null && cut.occurredUntil === undefined) {
    const db = openHistoryAsOf(
      file,
      projections.map((projection) => projection.name),
      cut.position,
    );
    if (db) return { db, source: 'history' };
  }
  // Business time is always replayed; otherwise say when it is because the file keeps no history.
  const historyOff = file === null || cut.occurredUntil !== undefined ? undefined : historyOffIn(file);
  const replayReason: AsOfReplayReason =
    cut.occurredUntil !== undefined
      ? 'business-time'
      : file === null
        ? 'no-read-model-file'
        : historyOff !== undefined
          ? 'history-off'
          : 'history-not-that-old';
  const db = await replayAsOf(store, projections, { position: cut.position, occurredUntil: cut.occurredUntil });
  return historyOff === undefined
    ? { db, source: 'replay', replayReason }
    : { db, source: 'replay', replayReason, historyOffSince: historyOff };
}

/** Whether the file's history is switched off, and since which position (a read-only look). */
function historyOffIn(file: string): number | undefined {
  let db: ReadModelDb;
  try {
    db = openReadModelDb(file, { readonly: true });
  } catch {
    return undefined;
  }
  try {
    return historyOffSince(db);
  } finally {
    db.close();
  }
}
