import { jxAdvancedMetalsSample } from '@dd/domain/testing';
import { RunningApi } from './support/running-api';

/**
 * The "done when", through HTTP alone: register, survey, remind, record a response whose
 * findings are listed, flag a smelter, then read the register, the trail and the OECD status —
 * and find all of it again after a restart.
 */
describe('the due-diligence API on the embedded SQLite store', () => {
  const period = 2024;
  const dueDate = `${new Date().getUTCFullYear() + 1}-01-31`;
  let dataDir: string;
  let api: RunningApi;

  beforeAll(async () => {
    dataDir = RunningApi.dataDir();
    api = await RunningApi.start({ dataDir });
  });

  afterAll(async () => {
    await api.stop();
    api.removeData();
  });

  it('runs a supplier survey from registration to a flagged smelter, and keeps it across a restart', async () => {
    expect(
      (await api.post('RegisterSupplier', { supplierId: 'cm-1', name: 'Contract Manufacturer One', tier: 'direct', country: 'TW' })).status,
    ).toBe(201);
    expect(
      (
        await api.post('RegisterSupplier', {
          supplierId: 'jx',
          name: 'JX Advanced Metals Corporation',
          tier: 'indirect',
          country: 'JP',
          parentSupplierId: 'cm-1',
        })
      ).status,
    ).toBe(201);

    const sent = await api.post('SendCMRT', { supplierId: 'jx', period, dueDate, templateVersion: '6.4' });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ streamId: `survey-${period}-jx`, streamVersion: 0, duplicate: false });
    expect(sent.body.eventIds).toHaveLength(1);
    expect(typeof sent.body.globalPosition).toBe('number');

    expect((await api.post('SendReminder', { supplierId: 'jx', period })).status).toBe(201);

    const recorded = await api.post('RecordResponse', {
      supplierId: 'jx',
      period,
      receivedAt: '2024-06-14T09:00:00Z',
      declaration: jxAdvancedMetalsSample(),
    });
    expect(recorded.status).toBe(201);
    expect(recorded.body.streamVersion).toBe(2);

    const flagged = await api.post('FlagNonConflictFree', {
      supplierId: 'jx',
      period,
      metal: 'tantalum',
      smelterId: 'CID000211',
      reason: 'RMI lists the smelter as non-conformant',
      evidence: 'RMI facilities list, 2024-07-01',
    });
    expect(flagged.status).toBe(201);

    const supplier = await api.get('/suppliers/jx');
    expect(supplier.status).toBe(200);
    const survey = supplier.body.surveys.find((s: { period: number }) => s.period === period);
    expect(survey).toMatchObject({ status: 'responded', dueDate, remindersSent: 1 });
    const findings = survey.latestFindings as Array<{ ruleId: string; severity: string; cell: string }>;
    expect(findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ruleId: 'review.covered-countries-sourcing', severity: 'red-flag', cell: 'Declaration!D38' }),
        expect.objectContaining({ ruleId: 'review.cahra-sourcing', severity: 'red-flag', cell: 'Declaration!D47' }),
      ]),
    );

    const register = await api.get(`/risk-register?period=${period}`);
    expect(register.status).toBe(200);
    const risks = register.body as Array<{ category: string; metal?: string; smelterId?: string; source: string; raisedBy: string }>;
    expect(risks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          category: 'non-conflict-free-smelter',
          metal: 'tantalum',
          smelterId: 'CID000211',
          source: 'flag',
          raisedBy: 'local',
        }),
        expect.objectContaining({ category: 'covered-country-sourcing', metal: 'tungsten', source: 'response-finding' }),
      ]),
    );
    expect(risks).toHaveLength(5);

    const trail = await api.get('/audit-trail?supplierId=jx');
    const types = trail.body.items.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['SupplierRegistered', 'CMRTSent', 'ReminderSent', 'ResponseRecorded', 'RiskRaised']));
    for (const entry of trail.body.items) {
      expect(entry.actor).toMatch(/^(local|system:risk-from-findings|system:outbox)$/);
      expect(entry.recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
    }
    const response = trail.body.items.find((e: { type: string }) => e.type === 'ResponseRecorded');
    expect(response.occurredAt).toBe('2024-06-14T09:00:00.000Z');

    const oecd = await api.get(`/oecd-status?period=${period}`);
    expect(oecd.status).toBe(200);
    const criteria = Object.fromEntries(
      oecd.body.steps.flatMap((step: { criteria: Array<{ id: string; met: boolean }> }) => step.criteria.map((c) => [c.id, c.met])),
    );
    expect(criteria).toMatchObject({
      'supply-chain-mapped': true,
      'suppliers-surveyed': true,
      'responses-reviewed': true,
      'smelters-identified': true,
      'report-published': false,
    });

    // Everything survives a restart: the log is on disk, the read models catch up from their checkpoints.
    await api.stop();
    api = await RunningApi.start({ dataDir });
    expect((await api.get(`/risk-register?period=${period}`)).body).toEqual(register.body);
    expect((await api.get('/audit-trail?supplierId=jx')).body).toEqual(trail.body);
    expect((await api.get('/suppliers/jx')).body).toEqual(supplier.body);
  });

  it('answers a repeated commandId or Idempotency-Key with the first result and appends nothing', async () => {
    const body = { supplierId: 'idem-1', name: 'Idempotent Ltd', tier: 'direct', commandId: 'register-idem-1' };
    const first = await api.post('RegisterSupplier', body);
    const again = await api.post('RegisterSupplier', body);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual({ ...first.body, duplicate: true });

    const keyed = await api.post(
      'RegisterSupplier',
      { supplierId: 'idem-2', name: 'Keyed Ltd', tier: 'direct' },
      { 'idempotency-key': 'key-idem-2' },
    );
    const keyedAgain = await api.post(
      'RegisterSupplier',
      { supplierId: 'idem-2', name: 'Keyed Ltd', tier: 'direct' },
      { 'idempotency-key': 'key-idem-2' },
    );
    expect(keyedAgain.body.eventIds).toEqual(keyed.body.eventIds);
    const trail = await api.get('/audit-trail?streamId=supplier-idem-2');
    expect(trail.body.items).toHaveLength(1);
  });

  it('refuses a stale If-Match with 409 and a refused command with 422, appending nothing', async () => {
    await api.post('RegisterSupplier', { supplierId: 'ver-1', name: 'Versioned', tier: 'direct' });
    await api.post('SendCMRT', { supplierId: 'ver-1', period, dueDate });
    const before = await api.get('/health');

    const stale = await api.post('SendReminder', { supplierId: 'ver-1', period }, { 'if-match': '"5"' });
    expect(stale.status).toBe(409);
    expect(stale.contentType).toContain('application/problem+json');

    const fresh = await api.post('SendReminder', { supplierId: 'ver-1', period }, { 'if-match': '0' });
    expect(fresh.status).toBe(201);

    const refused = await api.post('SendCMRT', { supplierId: 'ver-1', period, dueDate });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ status: 422, code: 'survey-request-open' });

    const unknown = await api.post('SendCMRT', { supplierId: 'nobody', period, dueDate });
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('supplier-unknown');

    expect((await api.get('/health')).body.headPosition).toBe(before.body.headPosition + 1);
  });

  it('rejects bad input with 400 problem+json naming every invalid field, and appends nothing', async () => {
    const before = (await api.get('/health')).body.headPosition;

    const wrong = await api.post('RegisterSupplier', { supplierId: 'bad id!', name: 42, tier: 'tier-9', country: 'XX', colour: 'blue' });
    expect(wrong.status).toBe(400);
    expect(wrong.contentType).toContain('application/problem+json');
    expect(wrong.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['colour', 'country', 'name', 'supplierId', 'tier']);

    const missing = await api.post('SendCMRT', { supplierId: 'cm-1' });
    expect(missing.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['dueDate', 'period']);

    const nested = await api.post('RecordResponse', {
      supplierId: 'jx',
      period,
      declaration: { smelters: [{ metal: 'copper' }], company: { name: 7 } },
    });
    expect(nested.status).toBe(400);
    expect(nested.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'declaration.company.name',
      'declaration.smelters[0].metal',
    ]);

    const malformed = await api.request('POST', '/commands/RegisterSupplier', { raw: '{"supplierId": "x",' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.detail).toMatch(/not valid JSON/);

    const oversized = await api.request('POST', '/commands/RegisterSupplier', {
      raw: JSON.stringify({ supplierId: 'big', name: 'x'.repeat(6 * 1024 * 1024), tier: 'direct' }),
    });
    expect(oversized.status).toBe(400);

    const notObject = await api.request('POST', '/commands/RegisterSupplier', { raw: '[1,2]' });
    expect(notObject.status).toBe(400);

    expect((await api.post('NoSuchCommand', {})).status).toBe(404);
    expect((await api.get('/risk-register')).status).toBe(400);
    expect((await api.get('/audit-trail?limit=0')).status).toBe(400);
    expect((await api.get('/suppliers/nobody')).status).toBe(404);

    expect((await api.get('/health')).body.headPosition).toBe(before);
  });

  it('serves an OpenAPI document generated from the command schemas', async () => {
    const docs = await api.get('/docs-json');
    expect(docs.status).toBe(200);
    expect(docs.body.openapi).toMatch(/^3\./);
    const schema = docs.body.paths['/commands/RegisterSupplier'].post.requestBody.content['application/json'].schema;
    expect(schema.required).toEqual(expect.arrayContaining(['supplierId', 'name', 'tier']));
    expect(schema.properties.tier.enum).toEqual(['direct', 'indirect']);
  });
});

describe('principals from DD_API_KEYS', () => {
  let api: RunningApi;

  beforeAll(async () => {
    api = await RunningApi.start({ apiKeys: 'compliance-key-1=alice:compliance,auditor-key-1=audit-firm:auditor' });
  });
  afterAll(async () => {
    await api.stop();
    api.removeData();
  });

  it('records the authenticated principal as the actor, lets auditors read but not write, and refuses unknown keys', async () => {
    // API keys alone open nothing: another interface is DD_HOST's explicit choice.
    expect(api.started.host).toBe('127.0.0.1');
    expect((await api.post('RegisterSupplier', { supplierId: 's1', name: 'S1', tier: 'direct' })).status).toBe(401);
    expect(
      (await api.post('RegisterSupplier', { supplierId: 's1', name: 'S1', tier: 'direct' }, { 'x-api-key': 'not-a-key-at-all' })).status,
    ).toBe(401);

    const byAlice = await api.post(
      'RegisterSupplier',
      { supplierId: 's1', name: 'S1', tier: 'direct' },
      { authorization: 'Bearer compliance-key-1' },
    );
    expect(byAlice.status).toBe(201);

    const byAuditor = await api.post(
      'RegisterSupplier',
      { supplierId: 's2', name: 'S2', tier: 'direct' },
      { 'x-api-key': 'auditor-key-1' },
    );
    expect(byAuditor.status).toBe(403);

    const trail = await api.get('/audit-trail', { 'x-api-key': 'auditor-key-1' });
    expect(trail.status).toBe(200);
    expect(trail.body.items.map((e: { actor: string; type: string }) => [e.type, e.actor])).toEqual([['SupplierRegistered', 'alice']]);
    expect((await api.get('/audit-trail?actor=alice', { 'x-api-key': 'auditor-key-1' })).body.items).toHaveLength(1);
    expect((await api.get('/health')).status).toBe(200);
  });

  it('listens on loopback only and records "local" when no keys are configured', async () => {
    const local = await RunningApi.start();
    try {
      expect(local.started.host).toBe('127.0.0.1');
    } finally {
      await local.stop();
      local.removeData();
    }
  });
});
