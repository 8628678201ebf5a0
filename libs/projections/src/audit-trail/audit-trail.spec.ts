import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { MemoryEventStore, SqliteEventStore, type EventStore } from '@dd/event-store';
import { openReadModelDb, type ReadModelDb } from '../core/read-model-db';
import { projectAll, projectTwice } from '../test-support/apply-twice.fixture';
import { DomainLog, seedScenario } from '../test-support/domain-log.fixture';
import { auditTrailProjection } from './audit-trail.projection';
import { AuditTrailQueries } from './audit-trail.queries';

/**
 * The same answers whether the trail copies the envelopes (a log in memory or in KurrentDB) or, beside
 * a SQLite log, keeps a narrow index and reads the envelopes from the log's file.
 */
describe.each([
  { layout: 'copied', logInFile: false },
  { layout: 'viewing the SQLite log', logInFile: true },
])('audit trail ($layout)', ({ logInFile }) => {
  let dir: string;
  let store: EventStore;
  let log: DomainLog;
  let db: ReadModelDb;
  let queries: AuditTrailQueries;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'audit-trail-'));
    store = logInFile ? new SqliteEventStore(join(dir, 'events.sqlite')) : new MemoryEventStore();
    log = new DomainLog(store);
    db = openReadModelDb(logInFile ? join(dir, 'read-models.sqlite') : ':memory:');
    queries = new AuditTrailQueries(db);
  });

  afterEach(async () => {
    await store.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records every event with its envelope, supplier and period, in global order', async () => {
    await seedScenario(log);
    await projectAll(store, db, [auditTrailProjection]);
    const all = await store.readAll();
    const { items, nextAfter } = queries.list();
    expect(nextAfter).toBeNull();
    expect(items).toHaveLength(all.length);
    items.forEach((item, index) => {
      const event = all[index];
      expect(item).toEqual({
        position: event.globalPosition,
        streamId: event.streamId,
        streamVersion: event.streamVersion,
        type: event.type,
        actor: event.metadata.actor,
        commandId: event.metadata.commandId,
        correlationId: event.metadata.correlationId,
        causationId: event.metadata.causationId,
        eventId: event.metadata.eventId,
        occurredAt: event.metadata.occurredAt,
        recordedAt: event.metadata.recordedAt,
        hash: event.metadata.hash,
        prevHash: event.metadata.prevHash,
        supplierId: supplierIdIn(event.data),
        period: event.type === 'SupplierRegistered' ? null : 2024,
      });
    });
  });

  it('takes the supplier from the stream name when the payload names none', async () => {
    await store.appendToStream('supplier-zeta', [{ type: 'SupplierNoteAdded', data: { note: 'hello' } }], {
      commandId: 'note-1',
      actor: 'tester',
    });
    await store.appendToStream('reference-list', [{ type: 'ReferenceListImported', data: { period: 2025 } }], {
      commandId: 'import-1',
      actor: 'tester',
    });
    await projectAll(store, db, [auditTrailProjection]);
    expect(queries.list().items.map((item) => [item.supplierId, item.period])).toEqual([
      ['zeta', null],
      [null, 2025],
    ]);
  });

  it("files a risk's later events, which name no supplier, under the supplier and period of its RiskRaised", async () => {
    const actor = { actor: 'tester' };
    await store.appendToStream('risk-2024-abc', [{ type: 'RiskRaised', data: { riskId: '2024-abc', supplierId: 'acme', period: 2024 } }], {
      commandId: 'raise',
      ...actor,
    });
    await store.appendToStream('risk-2024-abc', [{ type: 'RiskAssessed', data: { riskId: '2024-abc', likelihood: 'likely' } }], {
      commandId: 'assess',
      ...actor,
    });
    await store.appendToStream('risk-2024-def', [{ type: 'RiskAssessed', data: { riskId: '2024-def' } }], {
      commandId: 'orphan',
      ...actor,
    });
    await projectAll(store, db, [auditTrailProjection]);
    expect(queries.list({ supplierId: 'acme' }).items.map((item) => [item.type, item.supplierId, item.period])).toEqual([
      ['RiskRaised', 'acme', 2024],
      ['RiskAssessed', 'acme', 2024],
    ]);
    expect(queries.list({ streamId: 'risk-2024-def' }).items.map((item) => item.supplierId)).toEqual([null]);
  });

  it('filters by reporting period, leaving out events of other periods and of none', async () => {
    await store.appendToStream('supplier-zeta', [{ type: 'SupplierNoteAdded', data: { note: 'hello' } }], {
      commandId: 'n',
      actor: 'tester',
    });
    await store.appendToStream('reference-list', [{ type: 'ReferenceListImported', data: { period: 2025 } }], {
      commandId: 'i',
      actor: 'tester',
    });
    await store.appendToStream('risk-2024-abc', [{ type: 'RiskRaised', data: { riskId: '2024-abc', supplierId: 'acme', period: 2024 } }], {
      commandId: 'r',
      actor: 'tester',
    });
    await projectAll(store, db, [auditTrailProjection]);
    expect(queries.list({ period: 2024 }).items.map((item) => item.streamId)).toEqual(['risk-2024-abc']);
    expect(queries.list({ period: 2025 }).items.map((item) => item.streamId)).toEqual(['reference-list']);
  });

  it('filters by supplier, stream, type and actor', async () => {
    const seeded = await seedScenario(log);
    await projectAll(store, db, [auditTrailProjection]);
    const cobra = queries.list({ supplierId: 'cobra' }).items;
    expect(cobra.map((item) => item.type)).toEqual([
      'SupplierRegistered',
      'CMRTSent',
      'ResponseRecorded',
      'RiskRaised',
      'CMRTSent',
      'ResponseRecorded',
    ]);
    expect(queries.list({ streamId: 'survey-2024-bolt' }).items.map((item) => item.type)).toEqual(['CMRTSent', 'ReminderSent']);
    expect(queries.list({ type: 'RiskRaised' }).items.map((item) => item.eventId)).toEqual([
      seeded.cobraRisk.eventId,
      seeded.acmeFlag.eventId,
    ]);
    expect(queries.list({ actor: 'scheduler' }).items.map((item) => item.eventId)).toEqual([seeded.reminder.eventId]);
    expect(queries.list({ supplierId: 'cobra', type: 'ResponseRecorded' }).items).toHaveLength(2);
    expect(queries.list({ supplierId: 'nobody' })).toEqual({ items: [], nextAfter: null });
  });

  it('filters by recordedAt range, a date meaning the whole day', async () => {
    await seedScenario(log);
    await projectAll(store, db, [auditTrailProjection]);
    const all = queries.list().items;
    const middle = all[5].recordedAt;
    expect(queries.list({ from: middle }).items.every((item) => item.recordedAt >= middle)).toBe(true);
    expect(queries.list({ to: middle }).items.every((item) => item.recordedAt <= middle)).toBe(true);
    expect(queries.list({ from: middle, to: middle }).items.length).toBeGreaterThanOrEqual(1);
    const today = all[0].recordedAt.slice(0, 10);
    expect(queries.list({ from: today, to: today }).items).toHaveLength(all.length);
    expect(queries.list({ to: '2000-01-01' }).items).toEqual([]);
    expect(() => queries.list({ from: 'yesterday' })).toThrow(RangeError);
  });

  it('pages in global order with nextAfter, default 100 and at most 1000 per page', async () => {
    for (let n = 0; n < 1205; n++) {
      await store.appendToStream(`survey-2024-s${n % 7}`, [{ type: 'ReminderSent', data: { supplierId: `s${n % 7}`, period: 2024 } }], {
        commandId: `c-${n}`,
        actor: 'scheduler',
      });
    }
    await projectAll(store, db, [auditTrailProjection]);
    const first = queries.list();
    expect(first.items).toHaveLength(100);
    expect(first.nextAfter).toBe(100);
    const capped = queries.list({ limit: 5000 });
    expect(capped.items).toHaveLength(1000);
    expect(queries.list({ after: capped.nextAfter!, limit: 1000 })).toEqual({
      items: expect.any(Array),
      nextAfter: null,
    });

    const positions: number[] = [];
    let after: number | undefined;
    do {
      const page = queries.list({ supplierId: 's3', limit: 50, after });
      positions.push(...page.items.map((item) => item.position));
      after = page.nextAfter ?? undefined;
    } while (after !== undefined);
    expect(positions).toEqual(Array.from({ length: 172 }, (_, index) => 4 + index * 7));
  });

  it('lists only the events asked for by id, in global order, and nothing for ids it does not hold', async () => {
    const seeded = await seedScenario(log);
    await projectAll(store, db, [auditTrailProjection]);
    const asked = [seeded.acmeFlag.eventId, seeded.reminder.eventId, seeded.cobraRisk.eventId];
    const { items, nextAfter } = queries.list({ eventIds: asked });
    expect(nextAfter).toBeNull();
    expect(items.map((item) => item.eventId).sort()).toEqual([...asked].sort());
    expect(items.map((item) => item.position)).toEqual([...items.map((item) => item.position)].sort((a, b) => a - b));
    expect(queries.list({ eventIds: asked, type: 'RiskRaised' }).items.map((item) => item.eventId)).toEqual([
      seeded.cobraRisk.eventId,
      seeded.acmeFlag.eventId,
    ]);
    expect(queries.list({ eventIds: ['00000000-0000-5000-8000-000000000000'] }).items).toEqual([]);
    expect(queries.list({ eventIds: [] }).items).toEqual([]);
  });

  it('locates an event by id, and lists the events appended because of it (their causationId)', async () => {
    const actor = { actor: 'tester' };
    const raised = await store.appendToStream('response-1', [{ type: 'ResponseRecorded', data: { supplierId: 'acme', period: 2024 } }], {
      commandId: 'record',
      ...actor,
    });
    const cause = raised.eventIds[0];
    await store.appendToStream('risk-2024-a', [{ type: 'RiskRaised', data: { riskId: 'a' } }], {
      commandId: 'pm-a',
      causationId: cause,
      ...actor,
    });
    await store.appendToStream('other', [{ type: 'Unrelated', data: {} }], { commandId: 'other', ...actor });
    await store.appendToStream('risk-2024-b', [{ type: 'RiskRaised', data: { riskId: 'b' } }], {
      commandId: 'pm-b',
      causationId: cause,
      ...actor,
    });
    await projectAll(store, db, [auditTrailProjection]);

    expect(queries.locate(cause)).toEqual({
      eventId: cause,
      type: 'ResponseRecorded',
      streamId: 'response-1',
      streamVersion: 0,
      position: raised.globalPositions[0],
    });
    expect(queries.locate('00000000-0000-5000-8000-000000000000')).toBeNull();
    expect(queries.causedBy(cause).map((event) => [event.type, event.streamId, event.streamVersion])).toEqual([
      ['RiskRaised', 'risk-2024-a', 0],
      ['RiskRaised', 'risk-2024-b', 0],
    ]);
    expect(queries.causedBy(queries.causedBy(cause)[0].eventId)).toEqual([]);
  });

  // Each layout has its own index check: the copied table here, the index beside the log below.
  if (!logInFile)
    it('has an index for each filter', async () => {
      await projectAll(store, db, [auditTrailProjection]);
      const plan = (sql: string) =>
        (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(1, 'x') as Array<{ detail: string }>).map((row) => row.detail).join(' ');
      expect(plan('SELECT * FROM audit_trail WHERE position > ? AND supplier_id = ? ORDER BY position')).toMatch(/audit_trail_by_supplier/);
      expect(plan('SELECT * FROM audit_trail WHERE position > ? AND stream_id = ? ORDER BY position')).toMatch(/audit_trail_by_stream/);
      expect(plan('SELECT * FROM audit_trail WHERE position > ? AND type = ? ORDER BY position')).toMatch(/audit_trail_by_type/);
      expect(plan('SELECT * FROM audit_trail WHERE position > ? AND actor = ? ORDER BY position')).toMatch(/audit_trail_by_actor/);
      expect(
        plan('SELECT * FROM audit_trail WHERE position > ? AND event_id IN (SELECT value FROM json_each(json_array(?))) ORDER BY position'),
      ).toMatch(/audit_trail_by_event_id/);
      expect(plan('SELECT * FROM audit_trail WHERE position > ? AND causation_id = ? ORDER BY position')).toMatch(
        /audit_trail_by_causation/,
      );
      // Whether a time range is read through its index or by position depends on how selective it is; the index must exist.
      expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'audit_trail_by_recorded_at'").pluck().get()).toMatch(
        /\(recorded_at\)/,
      );
    });

  if (logInFile)
    it('beside the log, keeps no copy of the envelopes and reads each filter through an index', async () => {
      await seedScenario(log);
      await projectAll(store, db, [auditTrailProjection]);
      expect(db.prepare('SELECT count(*) FROM audit_trail').pluck().get()).toBe(0);
      expect(db.prepare('SELECT count(*) FROM audit_trail_index').pluck().get()).toBe(await store.headPosition());
      const reader = new Database(db.name, { readonly: true });
      try {
        reader.prepare('ATTACH DATABASE ? AS log').run(join(dir, 'events.sqlite'));
        const plan = (from: string, where: string) =>
          (
            reader
              .prepare(`EXPLAIN QUERY PLAN SELECT * FROM ${from} WHERE i.position > ? AND ${where} ORDER BY i.position`)
              .all(0, 'x') as Array<{
              detail: string;
            }>
          )
            .map((row) => row.detail)
            .join(' ');
        const byTrail = 'audit_trail_index i CROSS JOIN log.events e ON e.global_position = i.position';
        const byLog = 'log.events e CROSS JOIN audit_trail_index i ON i.position = e.global_position';
        expect(plan(byTrail, 'i.supplier_id = ?')).toMatch(/audit_trail_index_by_supplier/);
        expect(plan(byTrail, 'i.type = ?')).toMatch(/audit_trail_index_by_type/);
        expect(plan(byTrail, 'i.actor = ?')).toMatch(/audit_trail_index_by_actor/);
        expect(plan(byTrail, 'i.causation_id = ?')).toMatch(/audit_trail_index_by_causation/);
        expect(plan(byLog, 'e.stream_id = ?')).toMatch(/SEARCH e USING INDEX sqlite_autoindex_events/);
        expect(plan(byLog, 'e.event_id = ?')).toMatch(/SEARCH e USING INDEX sqlite_autoindex_events/);
        expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'audit_trail_index_by_recorded_at'").pluck().get()).toMatch(
          /\(recorded_at\)/,
        );
      } finally {
        reader.close();
      }
    });

  it('applied twice gives the same read model', async () => {
    await seedScenario(log);
    const { once, twice, db: twiceDb } = await projectTwice(store, [auditTrailProjection]);
    try {
      expect(once.audit_trail).toHaveLength(await store.headPosition());
      expect(twice).toEqual(once);
    } finally {
      twiceDb.close();
    }
  });
});

/** The supplier id an event's data names (every event of the scenario names one). */
function supplierIdIn(data: unknown): unknown {
  return typeof data === 'object' && data !== null && 'supplierId' in data ? data.supplierId : undefined;
}
