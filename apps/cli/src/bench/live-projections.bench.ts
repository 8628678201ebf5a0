import { join } from 'node:path';
import { SqliteEventStore } from '@dd/event-store';
import { allProjections, openReadModelDb, ProjectionRunner } from '@dd/projections';
import type { BenchmarkContext, BenchmarkOutcome } from './benchmark';
import { perSecond, round } from './percentiles';
import { appendSyntheticLog } from './synthetic-log';
import { atLeast } from './targets';
import { storageKind, tmpfsRoot, withTempDir } from './temp-dir';

export interface LiveProjectionsResult {
  events: number;
  byType: Record<string, number>;
  logStorage: 'tmpfs' | 'disk';
  readModelStorage: 'tmpfs' | 'disk';
  /** The store's appends alone, no read model following: what the log can take in this process. */
  appendsAlone: { eventsPerSecond: number; ms: number };
  /** The same appends with every read model following live (history kept), in the same process. */
  appendsFollowed: { eventsPerSecond: number; ms: number };
  /** From the first append until every read model had committed the last event. */
  projectedPerSecond: number;
  /** How far the read models were behind when the last append was acknowledged, and how long they took to catch up. */
  lagAtLastAppend: { events: number; ms: number };
}

/**
 * (h) Live projections keeping up with commands (issue 12: "at least 5,000 commands/s"). Every read model
 * follows the log live, as in a server (per-statement history triggers, the batches the subscription
 * reads as appends wake it), while the synthetic log's commands are appended as fast as the store's
 * group commit takes them, in the same process: the projected rate is what the engine sustains when it
 * both takes commands and projects them, a lower bound on what the read models alone could follow. The
 * same appends without read models, on a second log, are the baseline of the same run. The log is on
 * tmpfs where there is one (the fsyncs would otherwise be the figure); the read models where the engine
 * writes them (under the bench's tmp root).
 */
export async function benchLiveProjections(context: BenchmarkContext): Promise<BenchmarkOutcome<LiveProjectionsResult>> {
  const target = context.quick ? 2_000 : 50_000;
  const logRoot = tmpfsRoot() ?? context.tmpRoot;
  const appendsAlone = await withTempDir(logRoot, 'live-alone', async (logDir) => {
    const store = new SqliteEventStore(join(logDir, 'events.sqlite'));
    try {
      const started = performance.now();
      const log = await appendSyntheticLog(store, { events: target });
      const ms = performance.now() - started;
      return { eventsPerSecond: perSecond(log.events, ms), ms: Math.round(ms) };
    } finally {
      await store.close();
    }
  });
  context.progress(`liveProjections: appends alone ${appendsAlone.eventsPerSecond} events/s; now with every read model following`);
  return withTempDir(logRoot, 'live-log', (logDir) =>
    withTempDir(context.tmpRoot, 'live-read-models', async (readModelDir) => {
      const store = new SqliteEventStore(join(logDir, 'events.sqlite'));
      const db = openReadModelDb(join(readModelDir, 'read-models.sqlite'));
      const runner = new ProjectionRunner(store, db, allProjections);
      try {
        // An empty log: the start replays nothing, and every read model follows from the first append.
        await runner.start();
        const started = performance.now();
        const log = await appendSyntheticLog(store, { events: target });
        const appended = performance.now();
        const head = await store.headPosition();
        const behind = head - Math.min(...allProjections.map((projection) => runner.position(projection.name)));
        await runner.caughtUp();
        const caughtUp = performance.now();
        for (const projection of allProjections) {
          const position = runner.position(projection.name);
          if (position !== head) throw new Error(`${projection.name} stands at ${position}, the head at ${head}`);
        }
        const projectedPerSecond = perSecond(log.events, caughtUp - started);
        context.progress(`liveProjections: ${projectedPerSecond} events/s appended and projected`);
        return {
          result: {
            events: log.events,
            byType: log.byType,
            logStorage: storageKind(logDir),
            readModelStorage: storageKind(readModelDir),
            appendsAlone,
            appendsFollowed: { eventsPerSecond: perSecond(log.events, appended - started), ms: Math.round(appended - started) },
            projectedPerSecond,
            lagAtLastAppend: { events: behind, ms: round(caughtUp - appended, 1) },
          },
          targets: [atLeast('liveProjections.projectedPerSecond (commands/s the live read models follow)', 5_000, projectedPerSecond)],
        };
      } finally {
        await runner.stop();
        db.close();
        await store.close();
      }
    }),
  );
}
