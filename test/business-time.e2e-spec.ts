import { RunningApi } from './support/running-api';
import { runCli } from './support/run-cli';

/**
 * A company keys in today what happened last year: each command says when it happened (`occurredAt`
 * beside its data). The log keeps both times; "what was true on date D" (business time) then sees last
 * year's records, "what did we know on date D" (record time) does not, for they were recorded today.
 */
describe("last year's records entered today, dated when they happened", () => {
  const lastYear = new Date().getUTCFullYear() - 1;
  const on = (monthDay: string, time = '10:00:00Z') => `${lastYear}-${monthDay}T${time}`;
  const endOfLastYear = `${lastYear}-12-31`;
  const declaration = { company: { name: 'Acme' }, minerals: { tin: { q1: { answer: 'Yes' } } } };

  let api: RunningApi;
  let env: Record<string, string>;
  let responseEventId: string;
  let recordedToday: string;

  const replay = async (...args: string[]) => {
    const run = await runCli(['audit', 'replay', '--as-of', endOfLastYear, '--period', String(lastYear), '--json', ...args], env);
    expect(run).toMatchObject({ exitCode: 0 });
    const [year] = JSON.parse(run.stdout).periods;
    const criterion = (id: string) =>
      year.oecdStatus.steps.flatMap((step: { criteria: unknown[] }) => step.criteria).find((c: { id: string }) => c.id === id);
    return { risks: year.riskRegister.map((risk: { supplierId: string; metal: string }) => `${risk.supplierId} ${risk.metal}`), criterion };
  };

  beforeAll(async () => {
    api = await RunningApi.start();
    env = { DD_DATA_DIR: api.dataDir, DD_EVENT_STORE: 'sqlite' };
    recordedToday = new Date().toISOString().slice(0, 10);
    const steps: Array<[string, Record<string, unknown>]> = [
      ['RegisterSupplier', { supplierId: 'acme', name: 'Acme', tier: 'direct', occurredAt: on('01-10') }],
      ['SendCMRT', { supplierId: 'acme', period: lastYear, dueDate: `${lastYear}-03-31`, occurredAt: on('02-01') }],
      ['RecordResponse', { supplierId: 'acme', period: lastYear, declaration, occurredAt: on('03-20', '14:00:00+01:00') }],
      [
        'FlagNonConflictFree',
        { supplierId: 'acme', period: lastYear, metal: 'gold', reason: 'unidentified refiner', occurredAt: on('04-02') },
      ],
    ];
    for (const [name, body] of steps) {
      const response = await api.post(name, body);
      expect({ name, status: response.status, body: response.body }).toMatchObject({ name, status: 201 });
      if (name === 'RecordResponse') responseEventId = response.body.eventIds[0];
    }
  });

  afterAll(async () => {
    await api.stop();
    api.removeData();
  });

  it('keeps both times: /events/{id} and the audit trail show the response received last year and recorded today', async () => {
    const event = await api.get(`/events/${responseEventId}`);
    expect(event.status).toBe(200);
    expect(event.body.type).toBe('ResponseRecorded');
    expect(event.body.metadata.occurredAt).toBe(`${lastYear}-03-20T13:00:00.000Z`);
    expect(event.body.metadata.recordedAt.slice(0, 10)).toBe(recordedToday);
    expect(event.body.data.receivedAt).toBe(`${lastYear}-03-20T13:00:00.000Z`);

    const trail = await api.get(`/audit-trail?eventId=${responseEventId}`);
    expect(trail.body.items).toEqual([expect.objectContaining({ occurredAt: `${lastYear}-03-20T13:00:00.000Z` })]);
    expect(trail.body.items[0].recordedAt.slice(0, 10)).toBe(recordedToday);
  });

  it('answers a time the command cannot take with 400 naming occurredAt and why, and appends nothing', async () => {
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      ['ClosePeriod', { period: lastYear, occurredAt: on('12-31') }, /^ClosePeriod cannot be dated: closing a year freezes its records/],
      [
        'AddSupplierContact',
        { supplierId: 'acme', name: 'Ana', email: 'ana@acme.example', occurredAt: '2999-01-01T00:00:00Z' },
        /lies in the future/,
      ],
      [
        'AddSupplierContact',
        { supplierId: 'acme', name: 'Ana', email: 'ana@acme.example', occurredAt: `${lastYear}-05-01` },
        /ISO 8601 date-time with a time zone/,
      ],
      [
        'RecordResponse',
        { supplierId: 'acme', period: lastYear, declaration, receivedAt: on('03-21'), occurredAt: on('03-22') },
        /differs from the time the command's own data gives/,
      ],
    ];
    const before = (await api.get('/audit-trail')).body.items.length;
    for (const [name, body, message] of cases) {
      const response = await api.post(name, body);
      expect({ name, status: response.status }).toEqual({ name, status: 400 });
      expect(response.body.errors).toEqual([{ path: 'occurredAt', message: expect.stringMatching(message) }]);
    }
    expect((await api.get('/audit-trail')).body.items.length).toBe(before);
  });

  it('refuses (422) a time before the stream began: nothing happens to a request before it was sent', async () => {
    const response = await api.post('SendReminder', { supplierId: 'acme', period: lastYear, occurredAt: on('01-15') });
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('occurred-before-stream-began');
  });

  it('as of the end of last year by business time (--occurred), the replay has the response and the risk; by record time (--as-of), it has nothing', async () => {
    const happened = await replay('--occurred');
    expect(happened.criterion('responses-reviewed')).toMatchObject({ met: true, evidenceCount: 1 });
    expect(happened.risks).toEqual(['acme gold']);

    const known = await replay();
    expect(known.criterion('responses-reviewed')).toMatchObject({ met: false, evidenceCount: 0 });
    expect(known.risks).toEqual([]);
  });

  it('over HTTP too: a read as of the end of last year by business time (occurredAsOf) has the risk; by record time (asOf), not', async () => {
    const happened = await api.get(`/risk-register?period=${lastYear}&occurredAsOf=${endOfLastYear}`);
    expect(happened.body.map((risk: { supplierId: string; metal: string }) => `${risk.supplierId} ${risk.metal}`)).toEqual(['acme gold']);
    expect((await api.get(`/risk-register?period=${lastYear}&asOf=${endOfLastYear}`)).body).toEqual([]);
  });

  it('documents occurredAt in OpenAPI for the commands that may be dated, and only for them', async () => {
    const docs = (await api.get('/docs-json')).body;
    const body = (name: string) => docs.paths[`/commands/${name}`].post.requestBody.content['application/json'].schema.properties;
    expect(body('SendCMRT').occurredAt).toMatchObject({ type: 'string', format: 'date-time' });
    expect(body('RecordResponse').occurredAt.description).toMatch(/records an answer received on that day/);
    expect(body('ClosePeriod').occurredAt).toBeUndefined();
    expect(body('LaunchCampaign').occurredAt).toBeUndefined();
  });

  it('CLI send --occurred-at dates a command, and refuses a command that cannot be dated naming the option', async () => {
    const contact = JSON.stringify({ supplierId: 'acme', name: 'Ana Silva', email: 'ana@acme.example' });
    const sent = await runCli(['send', 'AddSupplierContact', contact, '--occurred-at', on('05-01')], env);
    expect(sent).toMatchObject({ exitCode: 0 });
    const [added] = (await api.get('/audit-trail?type=SupplierContactAdded')).body.items;
    expect(added.occurredAt).toBe(`${lastYear}-05-01T10:00:00.000Z`);
    // The contact came after the history: the outbox had nobody to write to about last year's request and answer.
    expect((await api.get('/audit-trail?type=MessageQueued')).body.items).toEqual([]);

    const close = await runCli(['send', 'ClosePeriod', JSON.stringify({ period: lastYear }), '--occurred-at', on('12-31')], env);
    expect(close.exitCode).toBe(1);
    expect(close.stderr).toMatch(/^--occurred-at: ClosePeriod cannot be dated/m);
    const malformed = await runCli(['send', 'ClosePeriod', JSON.stringify({ period: lastYear }), '--occurred-at', 'yesterday'], env);
    expect(malformed.stderr).toMatch(/^--occurred-at: expected an ISO 8601 date-time/m);
  });
  it("mails nobody about history entered late, even with a contact on file, and mails today's request as usual", async () => {
    const queuedFor = async (supplierId: string) =>
      ((await api.get('/audit-trail?type=MessageQueued')).body.items as Array<{ streamId: string; data?: { supplierId?: string } }>).filter(
        (item) => JSON.stringify(item).includes(`"${supplierId}"`),
      );
    for (const [name, body] of [
      ['RegisterSupplier', { supplierId: 'beta', name: 'Beta', tier: 'direct', occurredAt: on('01-11') }],
      ['AddSupplierContact', { supplierId: 'beta', name: 'Bo Berg', email: 'bo@beta.example', occurredAt: on('01-12') }],
      ['SendCMRT', { supplierId: 'beta', period: lastYear, dueDate: `${lastYear}-03-31`, occurredAt: on('02-01') }],
    ] as const) {
      expect((await api.post(name, body)).status).toBe(201);
    }
    // Last year's request went out back then, outside the engine: the outbox learns it and writes nothing.
    await api.get('/messages/figures?period=' + lastYear);
    expect(await queuedFor('beta')).toEqual([]);

    const thisYear = lastYear + 1;
    expect((await api.post('SendCMRT', { supplierId: 'beta', period: thisYear, dueDate: `${thisYear}-12-31` })).status).toBe(201);
    await api.get('/messages/figures?period=' + thisYear);
    expect((await queuedFor('beta')).length).toBe(1);
  });
});
