import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '@dd/event-store';
import { allProjections, openReadModelDb, ProjectionRunner, REPLAY_PAGE_SIZE } from '@dd/projections';
import { perSecond, round } from './percentiles';
import type { BenchmarkContext, BenchmarkOutcome } from './benchmark';
import { appendSyntheticLog } from './synthetic-log';
import { atLeast } from './targets';
import { storageKind, tmpfsRoot, withTempDir } from './temp-dir';

export interface ProjectionRebuildResult {
  events: number;
  byType: Record<string, number>;
  /** Mean stored bytes (data + metadata JSON) per event. */
  bytesPerEvent: number;
  logStorage: 'tmpfs' | 'disk';
  readModelStorage: 'tmpfs' | 'disk';
  buildLogMs: number;
  /** ProjectionRunner.rebuild() of allProjections into a fresh read-model file; best of `runs`. */
  eventsPerSecond: number;
  runs: Array<{ ms: number; eventsPerSecond: number }>;
  baselines: {
    /** Raw better-sqlite3 SELECT of every row, page by page, + JSON.parse of data and metadata: the physical limit of reading the log. */
    rawReadParse: { eventsPerSecond: number; ms: number };
    /** SqliteEventStore.readAll page by page (what the rebuild reads through), nothing applied. */
    storeReadAll: { eventsPerSecond: number; ms: number };
  };
  /** eventsPerSecond / rawReadParse.eventsPerSecond. */
  ratio: number;
}

/**
 * (c) Rebuild throughput of every read model from a realistic log of >= 200,000 events. The log is
 * built first (untimed) through SqliteEventStore, one append per command; it goes to a RAM-backed
 * directory when there is one because synchronous=FULL would otherwise make its ~200,000 fsyncs the
 * longest part of the run, and what is timed afterwards only reads it (from the page cache either
 * way). The read models are written where the engine would write them: under the bench's tmp root.
 */
export async function benchProjectionRebuild(context: BenchmarkContext): Promise<BenchmarkOutcome<ProjectionRebuildResult>> {
  const target = context.quick ? 2_000 : 200_000;
  const runs = context.quick ? 1 : 2;
  return withTempDir(tmpfsRoot() ?? context.tmpRoot, 'log', (logDir) =>
    withTempDir(context.tmpRoot, 'read-models', async (readModelDir) => {
      const logFile = join(logDir, 'events.sqlite');
      const store = new SqliteEventStore(logFile);
      try {
        context.progress(`projectionRebuild: building a log of ${target} events (${storageKind(logDir)})`);
        let started = performance.now();
        const log = await appendSyntheticLog(store, { events: target });
        const buildLogMs = Math.round(performance.now() - started);
        context.progress(`projectionRebuild: log built in ${buildLogMs} ms; timing reads and ${runs} rebuild(s)`);

        const rawReadParse = rawReadAndParse(logFile, log.events);
        const storeReadAll = await readThroughStore(store, log.events);

        const results: Array<{ ms: number; eventsPerSecond: number }> = [];
        for (let run = 0; run < runs; run++) {
          const db = openReadModelDb(join(readModelDir, `read-models-${run}.sqlite`));
          try {
            const runner = new ProjectionRunner(store, db, allProjections);
            started = performance.now();
            const rebuilt = await runner.rebuild();
            const ms = performance.now() - started;
            if (rebuilt.events !== log.events) throw new Error(`rebuild applied ${rebuilt.events} of ${log.events} events`);
            // Beside a SQLite log the trail is its narrow index (audit_trail_index); elsewhere the full table.
            const trail = db.prepare('SELECT (SELECT count(*) FROM audit_trail) + (SELECT count(*) FROM audit_trail_index)').pluck().get();
            if (trail !== log.events) throw new Error(`audit trail has ${trail} rows for ${log.events} events`);
            results.push({ ms: Math.round(ms), eventsPerSecond: perSecond(log.events, ms) });
            context.progress(`projectionRebuild: run ${run + 1}: ${results[run].eventsPerSecond} events/s`);
          } finally {
            db.close();
          }
        }
        const eventsPerSecond = Math.max(...results.map((result) => result.eventsPerSecond));
        return {
          result: {
            events: log.events,
            byType: log.byType,
            bytesPerEvent: rawReadParse.bytesPerEvent,
            logStorage: storageKind(logDir),
            readModelStorage: storageKind(readModelDir),
            buildLogMs,
            eventsPerSecond,
            runs: results,
            baselines: {
              rawReadParse: { eventsPerSecond: rawReadParse.eventsPerSecond, ms: rawReadParse.ms },
              storeReadAll,
            },
            ratio: round(eventsPerSecond / rawReadParse.eventsPerSecond, 3),
          },
          targets: [atLeast('projectionRebuild.eventsPerSecond', 100_000, eventsPerSecond)],
        };
      } finally {
        await store.close();
      }
    }),
  );
}

/** The floor under any replay: every row out of SQLite (in the replay's page size) and both JSON columns parsed. */
function rawReadAndParse(file: string, expected: number) {
  const db = new Database(file, { readonly: true });
  try {
    const page = db
      .prepare(
        'SELECT global_position, stream_id, stream_version, type, data, metadata FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?',
      )
      .raw();
    const started = performance.now();
    let count = 0;
    let bytes = 0;
    let checksum = 0;
    for (let after = 0; ;) {
      const rows = page.all(after, REPLAY_PAGE_SIZE) as Array<[number, string, number, string, string, string]>;
      if (rows.length === 0) break;
      for (const row of rows) {
        const data = JSON.parse(row[4]);
        const metadata = JSON.parse(row[5]);
        bytes += row[4].length + row[5].length;
        // Touch the results so the parse cannot be optimised away.
        if (data !== null && metadata.schemaVersion === 1) checksum++;
      }
      count += rows.length;
      after = rows[rows.length - 1][0];
    }
    const ms = performance.now() - started;
    if (count !== expected || checksum !== expected) throw new Error(`raw read saw ${count} rows (${checksum} parsed) of ${expected}`);
    return { eventsPerSecond: perSecond(count, ms), ms: Math.round(ms), bytesPerEvent: Math.round(bytes / count) };
  } finally {
    db.close();
  }
}

async function readThroughStore(store: SqliteEventStore, expected: number) {
  const started = performance.now();
  let count = 0;
  for (let after = 0; ;) {
    const page = await store.readAll({ after, maxCount: REPLAY_PAGE_SIZE });
    if (page.length === 0) break;
    count += page.length;
    after = page[page.length - 1].globalPosition;
  }
  const ms = performance.now() - started;
  if (count !== expected) throw new Error(`store.readAll saw ${count} of ${expected} events`);
  return { eventsPerSecond: perSecond(count, ms), ms: Math.round(ms) };
}
