import { SettableClock } from '@dd/engine';
import { RunningApi } from './support/running-api';

/**
 * The follow-up queue across suppliers over real HTTP (GET /follow-ups): open follow-ups oldest first
 * with supplier, owner, kind and age, filtered and paged per the house contract (X-Total-Count,
 * Link rel="next"), exported whole as CSV; resolving one takes it off the queue.
 */
const period = 2024;

describe('GET /follow-ups', () => {
  let api: RunningApi;
  const clock = new SettableClock('2025-04-01T09:00:00.000Z');

  const ok = async (command: string, body: unknown) => expect((await api.post(command, body)).status).toBe(201);
  async function get(path: string) {
    const response = await fetch(`${api.started.url}${path}`);
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      text,
      body: response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text,
    };
  }

  beforeAll(async () => {
    api = await RunningApi.start({ engine: { clock } });
    await ok('OpenPeriod', { period, policy: { reminderDays: [14] } });
    for (const [supplierId, owner] of [
      ['acme', 'maria'],
      ['tin', 'jonas'],
      ['gold', undefined],
    ] as const) {
      await ok('RegisterSupplier', { supplierId, name: `${supplierId.toUpperCase()} Ltd`, tier: 'direct' });
      if (owner) await ok('AssignSupplierOwner', { supplierId, owner });
      await ok('SendCMRT', { supplierId, period, dueDate: '2025-05-31' });
    }
    // Requested on 1, 6 and 10 April: 9, 4 and 0 days old on the 10th.
    await ok('RequestFollowUp', { supplierId: 'acme', period, kind: 'incomplete', findings: ['D15 is blank', 'D16 is blank'] });
    clock.set('2025-04-06T09:00:00.000Z');
    await ok('RequestFollowUp', {
      supplierId: 'tin',
      period,
      kind: 'inconsistent',
      findings: ['Q3 tin says No but row 7 names a smelter'],
    });
    clock.set('2025-04-10T09:00:00.000Z');
    await ok('RequestFollowUp', { supplierId: 'gold', period, kind: 'incomplete', findings: ['no smelters'] });
  });
  afterAll(async () => {
    await api.stop();
    api.removeData();
  });

  it('given three open follow-ups, when the queue is read, then they come oldest first with supplier, owner, kind and age', async () => {
    const queue = await get('/follow-ups');
    expect(queue.status).toBe(200);
    expect(queue.headers.get('x-total-count')).toBe('3');
    expect(queue.headers.get('link')).toBeNull();
    expect(queue.body.map((item: any) => [item.supplierId, item.supplierName, item.owner, item.kind, item.findings, item.ageDays])).toEqual(
      [
        ['acme', 'ACME Ltd', 'maria', 'incomplete', 2, 9],
        ['tin', 'TIN Ltd', 'jonas', 'inconsistent', 1, 4],
        ['gold', 'GOLD Ltd', null, 'incomplete', 1, 0],
      ],
    );
    expect(queue.body[0]).toMatchObject({
      followUpId: '2024-acme-1-incomplete',
      period,
      family: 'cmrt',
      origin: 'reviewer',
      resolution: null,
    });
  });

  it('filters by kind, supplier, owner and minimum age', async () => {
    const ids = async (query: string) => (await get(`/follow-ups?${query}`)).body.map((item: any) => item.supplierId);
    expect(await ids('kind=incomplete')).toEqual(['acme', 'gold']);
    expect(await ids('supplierId=tin')).toEqual(['tin']);
    expect(await ids('owner=maria')).toEqual(['acme']);
    expect(await ids('minAgeDays=4')).toEqual(['acme', 'tin']);
    expect(await ids('minAgeDays=5')).toEqual(['acme']);
    expect(await ids('minAgeDays=0&period=2024&family=cmrt')).toEqual(['acme', 'tin', 'gold']);
    const invalid = await get('/follow-ups?kind=forgotten&minAgeDays=-1&cursor=nonsense');
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((error: { path: string }) => error.path).sort()).toEqual(['cursor', 'kind', 'minAgeDays']);
  });

  it('pages by limit and the Link header, each page with the total; the CSV holds every row', async () => {
    const first = await get('/follow-ups?limit=2');
    expect(first.headers.get('x-total-count')).toBe('3');
    expect(first.body.map((item: any) => item.supplierId)).toEqual(['acme', 'tin']);
    const link = /^<([^>]+)>; rel="next"$/.exec(first.headers.get('link')!)![1];
    expect(link).toMatch(/^\/follow-ups\?limit=2&cursor=/);
    const second = await get(link);
    expect(second.body.map((item: any) => item.supplierId)).toEqual(['gold']);
    expect(second.headers.get('link')).toBeNull();
    expect((await get('/follow-ups?limit=5001')).status).toBe(400);

    const csv = await get('/follow-ups?limit=1&format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = csv.text.trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^"?Follow-up"?,/);
    expect(lines.slice(1).map((line: string) => line.split(',')[1])).toEqual(['acme', 'tin', 'gold']);
  });

  it('when the reviewer chases an open follow-up, then the request goes to the supplier again and the follow-up stays open', async () => {
    await ok('AddSupplierContact', { supplierId: 'acme', name: 'Ana Silva', email: 'ana@acme.example' });
    await ok('ChaseFollowUp', { supplierId: 'acme', period, followUpId: '2024-acme-1-incomplete', note: 'D15 and D16 are still blank' });
    // The outbox's process manager queues the message from the event: wait for it, however long the machine takes.
    let chases: any[] = [];
    for (let attempt = 0; attempt < 200 && chases.length === 0; attempt++) {
      const { messages } = (await get(`/suppliers/acme/messages?period=${period}`)).body as { messages: any[] };
      chases = messages.filter((message) => message.kind === 'follow-up-request');
      if (chases.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(chases).toHaveLength(1);
    expect(chases[0]).toMatchObject({ recipients: ['ana@acme.example'] });
    expect((await get('/follow-ups?supplierId=acme')).body.map((item: any) => item.resolution)).toEqual([null]);
    const closed = await api.post('ChaseFollowUp', { supplierId: 'tin', period, followUpId: '2024-tin-9-inconsistent', note: 'x' });
    expect(closed.status).toBe(422);
    expect(closed.body.code).toBe('follow-up-not-open');
  });

  it('when a follow-up is resolved, then it leaves the open queue and shows among the resolved', async () => {
    await ok('ResolveFollowUp', {
      supplierId: 'tin',
      period,
      followUpId: '2024-tin-1-inconsistent',
      note: 'Supplier corrected Q3 by phone',
    });
    expect((await get('/follow-ups')).body.map((item: any) => item.supplierId)).toEqual(['acme', 'gold']);
    const resolved = (await get('/follow-ups?status=resolved')).body;
    expect(resolved.map((item: any) => [item.supplierId, item.resolution])).toEqual([['tin', 'reviewer']]);
    expect((await get('/follow-ups?status=all')).headers.get('x-total-count')).toBe('3');
  });

  it('is in the OpenAPI document with its filters and paging parameters', async () => {
    const operation = (await api.get('/docs-json')).body.paths['/follow-ups'].get;
    expect(operation.parameters.map((parameter: { name: string }) => parameter.name)).toEqual([
      'status',
      'period',
      'family',
      'kind',
      'supplierId',
      'owner',
      'minAgeDays',
      'limit',
      'cursor',
      'format',
      'asOf',
      'asOfPosition',
      'occurredAsOf',
    ]);
  });
});
