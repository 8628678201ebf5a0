import { SqliteEventStore } from '@dd/event-store';
import { allProjections, canonicalDump, openReadModelDb, ProjectionRunner, ProjectionSet, REPLAY_PAGE_SIZE } from '@dd/projections';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appendSyntheticLog } from './synthetic-log';

/**
 * Rebuild throughput of all read models from a sqlite event store, on the synthetic log that
 * `npm run bench` rebuilds (synthetic-log.ts). A small log by default, so the suite stays
 * quick; DD_PROJECTIONS_BENCH_EVENTS=200000 measures the target figure. Printed beside it: the
 * bare cost of reading the same pages from the store (the adapter's share, which bounds the
 * rebuild) and of applying them (the projections' share).
 */
const EVENTS = Number(process.env.DD_PROJECTIONS_BENCH_EVENTS ?? 20_000);
const ROUNDS = Number(process.env.DD_PROJECTIONS_BENCH_ROUNDS ?? 2);

describe('rebuild throughput (sqlite store, all projections)', () => {
  let dir: string;

  beforeAll(() => {
    // tmpfs when there is one: building the log appends with synchronous=FULL, one fsync per command.
    dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'projections-bench-'));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`rebuilds ${EVENTS} events and reports events/s`, async () => {
    const store = new SqliteEventStore(join(dir, 'events.sqlite'));
    const db = openReadModelDb(join(dir, 'read-models.sqlite'));
    const split = openReadModelDb(join(dir, 'split.sqlite'));
    try {
      const { events: appended } = await appendSyntheticLog(store, { events: EVENTS });
      const perSecond = (ms: number) => Math.round(appended / (Math.max(ms, 1) / 1000));

      const runner = new ProjectionRunner(store, db, allProjections);
      const rebuilds: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const result = await runner.rebuild();
        expect(result.events).toBe(appended);
        rebuilds.push(result.ms);
      }

      // The same replay taken apart: time in the store's readAll versus time applying.
      // As the runner opens them beside a SQLite log (the audit trail viewing the log), so that the two dumps compare.
      const projections = new ProjectionSet(split, allProjections, { logFile: join(dir, 'events.sqlite') });
      projections.open();
      const restoreIndexes = projections.deferIndexes(projections.names);
      let readMs = 0;
      let applyMs = 0;
      for (let after = 0; ;) {
        let started = performance.now();
        const page = await store.readAll({ after, maxCount: REPLAY_PAGE_SIZE });
        readMs += performance.now() - started;
        if (page.length === 0) break;
        started = performance.now();
        projections.applyBatch(page);
        applyMs += performance.now() - started;
        after = page[page.length - 1].globalPosition;
      }
      const started = performance.now();
      restoreIndexes();
      applyMs += performance.now() - started;

      const best = Math.min(...rebuilds);
      console.log(
        JSON.stringify({
          events: appended,
          rebuild: { ms: rebuilds, bestEventsPerSecond: perSecond(best) },
          storeReadAllOnly: { ms: Math.round(readMs), eventsPerSecond: perSecond(readMs) },
          applyOnly: { ms: Math.round(applyMs), eventsPerSecond: perSecond(applyMs) },
        }),
      );
      expect(canonicalDump(split, allProjections)).toEqual(canonicalDump(db, allProjections));
    } finally {
      split.close();
      db.close();
      await store.close();
    }
  });
});
