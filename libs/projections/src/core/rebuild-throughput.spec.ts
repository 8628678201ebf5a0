import { SqliteEventStore } from '@dd/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allProjections } from '../all-projections';
import { appendSyntheticLog } from '../test-support/synthetic-log.fixture';
import { ProjectionRunner, REPLAY_PAGE_SIZE } from './projection-runner';
import { openReadModelDb } from './read-model-db';

/**
 * Rebuild throughput of all read models from a sqlite event store. Runs a small log by default;
 * DD_PROJECTIONS_BENCH_EVENTS=200000 measures the target figure (>= 100,000 events/s) and prints it
 * beside the bare cost of reading the same pages from the store.
 */
const EVENTS = Number(process.env.DD_PROJECTIONS_BENCH_EVENTS ?? 20_000);

describe('rebuild throughput (sqlite store, all projections)', () => {
  let dir: string;

  beforeAll(() => {
    // tmpfs when there is one: building the log appends with synchronous=FULL, one fsync per command.
    dir = mkdtempSync(join(process.platform === 'linux' ? '/dev/shm' : tmpdir(), 'projections-bench-'));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`rebuilds ${EVENTS} events and reports events/s`, async () => {
    const store = new SqliteEventStore(join(dir, 'events.sqlite'));
    const db = openReadModelDb(join(dir, 'read-models.sqlite'));
    try {
      const appended = await appendSyntheticLog(store, { events: EVENTS });

      let started = performance.now();
      let read = 0;
      for (let after = 0; ; ) {
        const page = await store.readAll({ after, maxCount: REPLAY_PAGE_SIZE });
        if (page.length === 0) break;
        read += page.length;
        after = page[page.length - 1].globalPosition;
      }
      const readMs = performance.now() - started;

      const runner = new ProjectionRunner(store, db, allProjections);
      const first = await runner.rebuild();
      const second = await runner.rebuild();
      const best = Math.min(first.ms, second.ms);
      const figures = {
        events: appended,
        storeReadOnly: { ms: Math.round(readMs), eventsPerSecond: Math.round(read / (readMs / 1000)) },
        rebuild: { ms: [first.ms, second.ms], eventsPerSecond: Math.round(appended / (Math.max(best, 1) / 1000)) },
      };
      console.log(JSON.stringify(figures));
      expect(read).toBe(appended);
      expect(first.events).toBe(appended);
      expect(second.events).toBe(appended);
      started = performance.now();
      expect(db.prepare('SELECT COUNT(*) FROM audit_trail').pluck().get()).toBe(appended);
    } finally {
      db.close();
      await store.close();
    }
  });
});
