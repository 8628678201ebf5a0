import Database from 'better-sqlite3';
import { join } from 'node:path';
import { SettableClock } from '@dd/engine';
import { createEventStore, type EventStore } from '@dd/event-store';
import {
  allProjections,
  AuditTrailQueries,
  auditTrailProjection,
  canonicalDump,
  HISTORY_SUFFIX,
  openHistoryAsOf,
  replayAsOf,
} from '@dd/projections';
import { seededRandom } from '@dd/domain';
import { seedDemoYear } from '../apps/cli/src/demo/seed-demo-year';
import { RunningApi } from './support/running-api';

/** Every entry of the audit trail a connection answers, page after page. */
function wholeTrail(db: Database.Database): unknown[] {
  const trail = new AuditTrailQueries(db);
  const entries: unknown[] = [];
  for (let after: number | null = 0; after !== null;) {
    const page = trail.list({ limit: 1000, after });
    entries.push(...page.items);
    after = page.nextAfter;
  }
  return entries;
}

/**
 * "As of" from the tables' history equals a full replay: on the demo year, written by real commands
 * through a real server onto a real SQLite file (registrations, a campaign with reminders, responses
 * replaced by later ones, findings cleared and written again, risks raised, assessed, mitigated,
 * escalated and closed), every table of every read model as the history shows it at a position is,
 * row for row, what replaying the log up to that position gives.
 */
describe('as of a position, the history of the read models equals a replay of the log', () => {
  const period = 2024;
  let api: RunningApi;
  let file: string;
  let store: EventStore;
  let head: number;

  beforeAll(async () => {
    const clock = new SettableClock(`${period + 1}-01-01T00:00:00.000Z`);
    api = await RunningApi.start({ engine: { clock, escalationIntervalMs: 0, reminderIntervalMs: 0 } });
    await seedDemoYear(api.started.app, clock, period);
    await api.stop();
    file = join(api.dataDir, 'read-models.sqlite');
    store = createEventStore({ kind: 'sqlite', dataDir: api.dataDir });
    head = await store.headPosition();
  }, 180_000);

  afterAll(async () => {
    await store.close();
    api.removeData();
  });

  it('keeps versions that were replaced and rows that were deleted (the log exercises every trigger)', () => {
    const db = new Database(file, { readonly: true });
    try {
      const closed = (table: string) =>
        db.prepare(`SELECT count(*) FROM "${table}${HISTORY_SUFFIX}" WHERE valid_to IS NOT NULL`).pluck().get() as number;
      // Updated in place: a risk's row as it is assessed, mitigated and closed.
      expect(closed('risk_register')).toBeGreaterThan(0);
      // Deleted and written again: the smelter rows of a supplier's response when a later response replaces it.
      expect(closed('oecd_smelters')).toBeGreaterThan(0);
      expect(closed('smelter_register_sightings')).toBeGreaterThan(0);
      // Replaced (INSERT OR REPLACE): survey rows as requests, reminders and responses come in.
      expect(closed('supplier_surveys')).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });

  it('at twenty random positions, and at the first and the last, every table equals the replay to that position', async () => {
    const random = seededRandom(12);
    const positions = [0, 1, head, ...Array.from({ length: 20 }, () => 1 + Math.floor(random() * head))];
    const tabled = allProjections.filter((projection) => projection !== auditTrailProjection);
    for (const position of positions) {
      const fromHistory = openHistoryAsOf(
        file,
        allProjections.map((projection) => projection.name),
        position,
      );
      expect(fromHistory).not.toBeNull();
      const replayed = await replayAsOf(store, allProjections, { position });
      try {
        expect({ position, tables: canonicalDump(fromHistory!, tabled) }).toEqual({ position, tables: canonicalDump(replayed, tabled) });
        // Beside a SQLite log the audit trail keeps an index and reads the log; a replay keeps the
        // full copy: their tables differ by design, so the trail is compared by what it answers.
        expect({ position, trail: wholeTrail(fromHistory!) }).toEqual({ position, trail: wholeTrail(replayed) });
      } finally {
        fromHistory!.close();
        replayed.close();
      }
    }
  }, 120_000);

  it('cannot answer past the position the read models have reached: the caller replays instead', () => {
    expect(
      openHistoryAsOf(
        file,
        allProjections.map((projection) => projection.name),
        head + 1,
      ),
    ).toBeNull();
  });
});
