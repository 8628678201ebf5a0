import Database from 'better-sqlite3';
import { join } from 'node:path';
import { SettableClock } from '@dd/engine';
import { seedDemoYear } from '../apps/cli/src/demo/seed-demo-year';
import { RunningApi } from './support/running-api';

/**
 * Evidence an auditor can open: after the demo's sample year (management systems, a CMRT campaign
 * with reminders and follow-ups, risks raised by the process managers, a grievance), every event id
 * any read endpoint lists opens at GET /events/:eventId, for an auditor, as that very event.
 */
describe('evidence an auditor can open', () => {
  const period = 2024;
  const clock = new SettableClock(`${period + 1}-01-01T00:00:00.000Z`);
  const auditor = { 'x-api-key': 'auditor-key-1' };
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  /** Where read models put event ids: evidence lists, eventId(s), and names such as sourceEventIds or metalsEventId. */
  const EVENT_ID_KEY = /^(evidence|eventIds?)$|EventIds?$/;
  let api: RunningApi;

  const read = async <T = any>(path: string): Promise<T> => {
    const response = await api.get<T>(path, auditor);
    if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };

  /** Every string under an event-id key of a response, wherever it is nested. */
  function eventIdsIn(value: unknown, key = ''): string[] {
    if (typeof value === 'string') return EVENT_ID_KEY.test(key) ? [value] : [];
    if (Array.isArray(value)) return value.flatMap((item) => eventIdsIn(item, key));
    if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([name, item]) => eventIdsIn(item, name));
    return [];
  }

  /** Every id-shaped string of a response, whatever its key: nothing that looks like an event id may escape the list above. */
  function uuidsIn(value: unknown): string[] {
    if (typeof value === 'string') return UUID.test(value) ? [value] : [];
    if (Array.isArray(value)) return value.flatMap(uuidsIn);
    if (value !== null && typeof value === 'object') return Object.values(value).flatMap(uuidsIn);
    return [];
  }

  beforeAll(async () => {
    api = await RunningApi.start({
      apiKeys: 'auditor-key-1=audit-firm:auditor,compliance-key-1=alice:compliance',
      engine: { clock, escalationIntervalMs: 0, reminderIntervalMs: 0 },
    });
    await seedDemoYear(api.started.app, clock, period);
  }, 180_000);

  afterAll(async () => {
    await api.stop();
    api.removeData();
  });

  it('resolves every event id the read endpoints list to that very event, for an auditor, its chain intact', async () => {
    const lists: string[] = [
      `/oecd-status?period=${period}`,
      `/product-conclusions?period=${period}`,
      `/program?period=${period}`,
      `/risk-register?period=${period}`,
      `/periods/${period}`,
      `/campaigns?period=${period}`,
      '/products',
      '/product-lines',
      '/suppliers',
      `/smelters?period=${period}`,
      `/smelters/unresolved?period=${period}`,
      `/smelters/conformance?period=${period}`,
    ];
    const bodies = new Map<string, unknown>();
    for (const path of lists) bodies.set(path, await read(path));
    const details = [
      ...(bodies.get(`/risk-register?period=${period}`) as Array<{ riskId: string }>).map((risk) => `/risk-register/${risk.riskId}`),
      ...(bodies.get('/suppliers') as Array<{ supplierId: string }>).map((supplier) => `/suppliers/${supplier.supplierId}`),
      ...(bodies.get('/products') as Array<{ productId: string }>).map((product) => `/products/${product.productId}`),
      ...(bodies.get(`/smelters?period=${period}`) as Array<{ smelterId: string }>).map((smelter) => `/smelters/${smelter.smelterId}`),
      ...(bodies.get(`/campaigns?period=${period}`) as { campaigns: Array<{ campaignId: string }> }).campaigns.map(
        (campaign) => `/campaigns/${campaign.campaignId}`,
      ),
    ];
    for (const path of details) bodies.set(path, await read(path));

    const listedBy = new Map<string, string>();
    const idsByPath = new Map<string, string[]>();
    for (const [path, body] of bodies) {
      const ids = eventIdsIn(body);
      expect({ path, unlisted: uuidsIn(body).filter((id) => !ids.includes(id)) }).toEqual({ path, unlisted: [] });
      idsByPath.set(path, ids);
      for (const id of ids) if (!listedBy.has(id)) listedBy.set(id, path);
    }
    // The sample year gives each of the endpoints the brief names something to list.
    const listing = (path: string) => idsByPath.get(path)!.length;
    expect(listing(`/oecd-status?period=${period}`)).toBeGreaterThan(50);
    expect(listing(`/product-conclusions?period=${period}`)).toBeGreaterThan(3);
    expect(listing(`/program?period=${period}`)).toBeGreaterThan(3);
    expect(details.filter((path) => path.startsWith('/risk-register/')).every((path) => listing(path) > 0)).toBe(true);
    expect(listedBy.size).toBeGreaterThan(100);

    const unresolved: string[] = [];
    for (const [id, path] of listedBy) {
      const opened = await api.get(`/events/${id}`, auditor);
      if (opened.status !== 200 || opened.body.eventId !== id || opened.body.verification.status !== 'intact') {
        unresolved.push(`${id} (listed by ${path}): ${opened.status} ${JSON.stringify(opened.body).slice(0, 200)}`);
      }
    }
    expect(unresolved).toEqual([]);
  });

  it('opens an event with its payload, envelope, hash, links to its neighbours, cause and effects, and its verification', async () => {
    // The grievance risk is raised by a process manager in reaction to the grievance: it has a cause.
    const risks = await read<Array<{ riskId: string; category: string }>>(`/risk-register?period=${period}`);
    const grievanceRisk = risks.find((risk) => risk.category === 'grievance')!;
    const [raised] = (await read(`/audit-trail?streamId=risk-${grievanceRisk.riskId}&include=data`)).items;
    expect(raised).toMatchObject({ type: 'RiskRaised', streamVersion: 0, causationId: expect.stringMatching(UUID), schemaVersion: 1 });

    const event = await read(`/events/${raised.eventId}`);
    expect(event).toMatchObject({
      eventId: raised.eventId,
      type: 'RiskRaised',
      streamId: raised.streamId,
      streamVersion: 0,
      globalPosition: raised.position,
      data: raised.data,
      metadata: {
        eventId: raised.eventId,
        actor: 'system:grievance-risk',
        commandId: raised.commandId,
        correlationId: raised.correlationId,
        causationId: raised.causationId,
        occurredAt: raised.occurredAt,
        recordedAt: raised.recordedAt,
        schemaVersion: 1,
        hash: raised.hash,
        prevHash: '0'.repeat(64),
      },
      verification: { status: 'intact', checkedEvents: 1 },
    });
    expect(event.links).toMatchObject({
      self: `/events/${raised.eventId}`,
      stream: `/audit-trail?streamId=${encodeURIComponent(raised.streamId)}&include=data`,
      previous: null,
      causation: { eventId: raised.causationId, href: `/events/${raised.causationId}` },
    });

    const cause = await read(event.links.causation.href);
    expect(cause.links.caused).toContainEqual({
      eventId: raised.eventId,
      type: 'RiskRaised',
      streamId: raised.streamId,
      streamVersion: 0,
      href: `/events/${raised.eventId}`,
    });

    // Walk the stream by its links: each next event points back to the one before it.
    let current = event;
    while (current.links.next) {
      const next = await read(current.links.next.href);
      expect(next).toMatchObject({
        streamId: raised.streamId,
        streamVersion: current.streamVersion + 1,
        metadata: { prevHash: current.metadata.hash },
      });
      expect(next.links.previous).toMatchObject({ eventId: current.eventId, href: current.links.self });
      expect(next.verification).toEqual({ status: 'intact', checkedEvents: next.streamVersion + 1 });
      current = next;
    }
    const stream = await read(event.links.stream);
    expect(stream.items.map((item: { eventId: string }) => item.eventId)).toHaveLength(current.streamVersion + 1);
    expect(stream.items.every((item: { data: unknown }) => item.data !== undefined)).toBe(true);
  });

  it('answers 404 problem+json for an event the log does not hold, and 400 naming eventId for a malformed id', async () => {
    const unknown = await api.get('/events/00000000-0000-5000-8000-000000000000', auditor);
    expect(unknown.status).toBe(404);
    expect(unknown.contentType).toMatch(/application\/problem\+json/);
    expect(unknown.body).toMatchObject({ status: 404, title: 'Not found', detail: 'no event 00000000-0000-5000-8000-000000000000' });

    for (const malformed of [
      'not-an-id',
      '12345',
      `${'a'.repeat(8)}-${'a'.repeat(4)}-${'a'.repeat(4)}-${'a'.repeat(4)}-${'g'.repeat(12)}`,
    ]) {
      const refused = await api.get(`/events/${malformed}`, auditor);
      expect(refused.status).toBe(400);
      expect(refused.contentType).toMatch(/application\/problem\+json/);
      expect(refused.body.errors).toEqual([{ path: 'eventId', message: expect.stringContaining('not an event id') }]);
    }
    // Upper case is the same id.
    const [first] = (await read('/audit-trail?limit=1')).items;
    expect((await read(`/events/${first.eventId.toUpperCase()}`)).eventId).toBe(first.eventId);
    expect((await api.get(`/events/${first.eventId}`)).status).toBe(401);
  });

  it('lists the audit trail with payloads, and only the events asked for by id, repeated or comma-separated', async () => {
    const page = (await read('/audit-trail?limit=5')).items as Array<{ eventId: string; position: number }>;
    expect(page[0]).not.toHaveProperty('data');
    const [a, b, c] = [page[4], page[1], page[2]];

    const asked = await read(`/audit-trail?eventId=${a.eventId},${b.eventId}&eventId=${c.eventId}&include=data`);
    expect(asked.items.map((item: { eventId: string }) => item.eventId)).toEqual([b.eventId, c.eventId, a.eventId]);
    for (const item of asked.items) expect(item.data).toEqual((await read(`/events/${item.eventId}`)).data);
    expect(asked.items.every((item: { schemaVersion: number }) => item.schemaVersion === 1)).toBe(true);
    expect((await read(`/audit-trail?eventId=00000000-0000-5000-8000-000000000000`)).items).toEqual([]);

    const badId = await api.get(`/audit-trail?eventId=${a.eventId},nope`, auditor);
    expect(badId.status).toBe(400);
    expect(badId.body.errors).toEqual([{ path: 'eventId[1]', message: expect.stringContaining('not an event id') }]);
    const badInclude = await api.get('/audit-trail?include=payload', auditor);
    expect(badInclude.status).toBe(400);
    expect(badInclude.body.errors.map((error: { path: string }) => error.path)).toEqual(['include']);
  });

  it('after a payload is edited behind the store, names the first broken link for that event and the ones after it, not before', async () => {
    const risks = await read<Array<{ riskId: string; category: string }>>(`/risk-register?period=${period}`);
    const smelterRisk = risks.find((risk) => risk.category === 'non-conformant-smelter')!;
    const stream = (await read(`/audit-trail?streamId=risk-${smelterRisk.riskId}`)).items as Array<{
      eventId: string;
      streamVersion: number;
      position: number;
    }>;
    expect(stream.length).toBeGreaterThanOrEqual(3);

    const db = new Database(join(api.dataDir, 'events.sqlite'));
    try {
      const row = db.prepare('SELECT data FROM events WHERE global_position = ?').get(stream[1].position) as { data: string };
      db.prepare('UPDATE events SET data = ? WHERE global_position = ?').run(
        JSON.stringify({ ...JSON.parse(row.data), edited: true }),
        stream[1].position,
      );
    } finally {
      db.close();
    }

    expect((await read(`/events/${stream[0].eventId}`)).verification).toEqual({ status: 'intact', checkedEvents: 1 });
    for (const tampered of stream.slice(1)) {
      const opened = await read(`/events/${tampered.eventId}`);
      expect(opened.verification).toEqual({
        status: 'broken',
        checkedEvents: tampered.streamVersion + 1,
        firstBrokenLink: expect.objectContaining({
          streamId: `risk-${smelterRisk.riskId}`,
          streamVersion: 1,
          globalPosition: stream[1].position,
          reason: 'hash does not match the event',
        }),
      });
    }
    expect((await read(`/events/${stream[1].eventId}`)).data).toMatchObject({ edited: true });
  });
});
