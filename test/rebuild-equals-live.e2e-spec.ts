import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { EVENT_STORE, READ_MODEL_DB, ReadSide, SettableClock } from '@dd/engine';
import type { EventStore } from '@dd/event-store';
import { allProjections, canonicalDump, openReadModelDb, ProjectionRunner } from '@dd/projections';
import { seedDemoYear } from '../apps/cli/src/demo/seed-demo-year';
import { RunningApi } from './support/running-api';

/**
 * Given a year of records written by real commands through the running server (the demo year: suppliers,
 * products, a campaign with reminders, responses, escalations, risks and their lifecycle, grievances,
 * management records), whose read models the server built live, batch by batch, as it went: a full
 * rebuild, and a replay into a new file, give read models equal row for row, with the same indexes.
 */
describe('read models rebuilt from the log equal the ones built live', () => {
  const period = 2024;
  const clock = new SettableClock(`${period + 1}-01-01T00:00:00.000Z`);
  let api: RunningApi;
  let db: Database.Database;
  let store: EventStore;
  let live: Record<string, string[]>;
  let liveIndexes: unknown[];
  // The read models' indexes (the process managers keep their state in the same file).
  const tables = allProjections.flatMap((projection) => projection.tables);
  const indexes = (of: Database.Database) =>
    of
      .prepare(
        `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN (${tables.map(() => '?').join(', ')}) ORDER BY name`,
      )
      .all(...tables);

  beforeAll(async () => {
    api = await RunningApi.start({ engine: { clock, escalationIntervalMs: 0, reminderIntervalMs: 0 } });
    await seedDemoYear(api.started.app, clock, period);
    await api.started.app.get(ReadSide).settled();
    db = api.started.app.get<symbol, Database.Database>(READ_MODEL_DB);
    store = api.started.app.get<symbol, EventStore>(EVENT_STORE);
    live = canonicalDump(db, allProjections);
    liveIndexes = indexes(db);
  }, 180_000);

  afterAll(async () => {
    await api.stop();
    api.removeData();
  });

  it('was given a log of every kind of record and read models with rows', async () => {
    const types = new Set((await store.readAll()).map((event) => event.type));
    expect(types.size).toBeGreaterThan(20);
    for (const table of ['audit_trail_index', 'oecd_facts', 'oecd_fact_counts', 'risk_register', 'campaign_requests', 'suppliers'])
      expect(live[table]?.length).toBeGreaterThan(0);
  });

  it('when the server rebuilds every read model, then each table holds the same rows as before, with the same indexes', async () => {
    const result = await api.started.app.get(ProjectionRunner).rebuild();
    expect(result.stopped).toEqual([]);
    expect(result.events).toBe(await store.headPosition());
    expect(canonicalDump(db, allProjections)).toEqual(live);
    expect(indexes(db)).toEqual(liveIndexes);
  });

  it('when the log is replayed into a new read-model file, then it equals the live one', async () => {
    const scratch = openReadModelDb(join(api.dataDir, 'scratch-read-models.sqlite'));
    const runner = new ProjectionRunner(store, scratch, allProjections);
    try {
      await runner.start();
      await runner.caughtUp();
      expect(canonicalDump(scratch, allProjections)).toEqual(live);
      expect(indexes(scratch)).toEqual(liveIndexes);
      // The replay's settings are the file's own again once it is done.
      expect(scratch.pragma('synchronous', { simple: true })).toBe(1);
    } finally {
      await runner.stop();
      scratch.close();
    }
  });
});
