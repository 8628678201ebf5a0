import { riskIdFor } from '@dd/domain';
import { RunningApi } from './support/running-api';

/**
 * Bulk triage over real HTTP, as the console does it: a selection of risks assessed, assigned or
 * closed with one rationale, recorded as one command per risk (each risk's history names the
 * principal and the rationale), validated whole before anything is decided, idempotent by bulk id.
 */
const KEYS = 'compliance-key-1=alice:compliance,auditor-key-1=audit-firm:auditor';
const alice = { 'x-api-key': 'compliance-key-1' };
const auditor = { 'x-api-key': 'auditor-key-1' };
const period = 2024;

describe('POST /risks/bulk', () => {
  let api: RunningApi;
  const risks: string[] = [];

  const bulk = (body: unknown, headers: Record<string, string> = alice) => api.request('POST', '/risks/bulk', { body, headers });
  const head = async () => (await api.get('/health')).body.headPosition as number;
  const history = async (riskId: string) =>
    (await api.get(`/risk-register/${riskId}`, alice)).body.history as Array<{
      type: string;
      by: string;
      summary: string;
      eventId: string;
    }>;

  beforeAll(async () => {
    api = await RunningApi.start({ apiKeys: KEYS });
    const ok = async (command: string, body: unknown) => expect((await api.post(command, body, alice)).status).toBe(201);
    await ok('RegisterSupplier', { supplierId: 'acme', name: 'Acme Components GmbH', tier: 'direct' });
    await ok('OpenPeriod', { period, policy: { reminderDays: [14] } });
    for (const smelterId of ['CID000001', 'CID000002', 'CID000003', 'CID000004']) {
      await ok('FlagNonConflictFree', { supplierId: 'acme', period, metal: 'tin', smelterId, reason: 'RMI notice' });
      risks.push(riskIdFor({ period, supplierId: 'acme', category: 'non-conflict-free-smelter', metal: 'tin', smelterId }));
    }
  });
  afterAll(async () => {
    await api.stop();
    api.removeData();
  });

  it('given three open risks, when they are assessed in bulk, then each gets its own RiskAssessed with the shared rationale, by the principal', async () => {
    const selection = risks.slice(0, 3);
    const answer = await bulk({
      action: 'assess',
      riskIds: selection,
      likelihood: 'likely',
      impact: 4,
      rationale: 'Smelter on the RMI watch list',
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ action: 'assess', counts: { ok: 3, refused: 0, failed: 0 } });
    expect(answer.body.results.map((result: { riskId: string; status: string }) => [result.riskId, result.status])).toEqual(
      selection.map((riskId) => [riskId, 'ok']),
    );
    for (const [index, riskId] of selection.entries()) {
      const last = (await history(riskId)).at(-1)!;
      expect(last).toMatchObject({ type: 'RiskAssessed', by: 'alice' });
      expect(last.summary).toBe('Assessed: likelihood likely, impact severe, severity high. Smelter on the RMI watch list');
      expect(answer.body.results[index].eventIds).toEqual([last.eventId]);
    }
    const register = (await api.get(`/risk-register/${risks[3]}`, alice)).body;
    expect(register.history.map((item: { type: string }) => item.type)).toEqual(['RiskRaised']);
  });

  it('when the same bulk is retried with its bulk id, then nothing is appended twice', async () => {
    const body = {
      action: 'assign',
      riskIds: risks.slice(0, 2),
      owner: 'maria.keller',
      rationale: 'Owns the tin suppliers',
      bulkId: 'triage-7',
    };
    const first = await bulk(body);
    expect(first.body.counts).toEqual({ ok: 2, refused: 0, failed: 0 });
    const before = await head();
    const again = await bulk(body);
    expect(again.body.results.map((result: { duplicate?: boolean; eventIds: string[] }) => [result.duplicate, result.eventIds])).toEqual(
      first.body.results.map((result: { eventIds: string[] }) => [true, result.eventIds]),
    );
    expect(await head()).toBe(before);
    expect((await history(risks[0])).at(-1)).toMatchObject({
      type: 'RiskOwnerAssigned',
      by: 'alice',
      summary: 'Owner assigned: maria.keller. Owns the tin suppliers',
    });
    // The same bulk id for another triage is that triage's key reused: refused per risk, nothing appended.
    const reused = await bulk({ ...body, owner: 'jonas.weber' });
    expect(reused.body.results.map((result: { status: string; code: string }) => [result.status, result.code])).toEqual([
      ['refused', 'idempotency-key-reused'],
      ['refused', 'idempotency-key-reused'],
    ]);
    expect(await head()).toBe(before);
  });

  it("when some risks of the selection are closed, unknown or not ready, then they alone are refused with the decider's reason", async () => {
    const closed = await bulk({
      action: 'close',
      riskIds: [risks[2]],
      resolution: 'moved-to-conflict-free-sources',
      rationale: 'Supplier switched smelters',
    });
    expect(closed.body.counts.ok).toBe(1);
    const answer = await bulk({
      action: 'close',
      riskIds: [risks[1], risks[2], '2024-ffffffffffffffff', risks[3]],
      resolution: 'accepted',
      rationale: 'Accepted by the board',
    });
    expect(answer.status).toBe(200);
    expect(answer.body.results.map((result: { status: string; code?: string }) => [result.status, result.code])).toEqual([
      ['ok', undefined],
      ['refused', 'risk-closed'],
      ['refused', 'risk-unknown'],
      ['refused', 'risk-not-assessed'],
    ]);
    expect(answer.body.results[1].reason).toMatch(/is closed \(moved-to-conflict-free-sources\)/);
    expect(answer.body.counts).toEqual({ ok: 1, refused: 3, failed: 0 });
    expect((await history(risks[1])).at(-1)).toMatchObject({
      type: 'RiskClosed',
      by: 'alice',
      summary: 'Closed (accepted): Accepted by the board',
    });
  });

  it('validates the whole request before deciding anything: 400 naming each field', async () => {
    const before = await head();
    const cases: Array<[unknown, string[]]> = [
      [{ riskIds: [risks[0]], rationale: 'x' }, ['action']],
      [{ action: 'assess', riskIds: [risks[0]], rationale: 'x', likelihood: 'likely' }, ['impact']],
      [{ action: 'assign', riskIds: [], owner: 'm', rationale: 'x' }, ['riskIds']],
      [{ action: 'assign', riskIds: [risks[0], 'bad id!'], owner: 'm', rationale: 'x' }, ['riskIds[1]']],
      [{ action: 'assign', riskIds: [risks[0], risks[0]], owner: 'm', rationale: 'x' }, ['riskIds[1]']],
      [{ action: 'close', riskIds: [risks[0]], resolution: 'forgotten', rationale: '' }, ['rationale', 'resolution']],
      [{ action: 'close', riskIds: [risks[0]], resolution: 'accepted', rationale: 'x', extra: 1 }, ['extra']],
    ];
    for (const [body, paths] of cases) {
      const answer = await bulk(body);
      expect(answer.status).toBe(400);
      expect(answer.body.errors.map((error: { path: string }) => error.path).sort()).toEqual(paths);
    }
    expect(await head()).toBe(before);
  });

  it("refuses an auditor's bulk triage (403), and is in the OpenAPI document", async () => {
    const answer = await bulk({ action: 'assign', riskIds: [risks[0]], owner: 'x', rationale: 'y' }, auditor);
    expect(answer.status).toBe(403);
    const docs = (await api.get('/docs-json')).body;
    const operation = docs.paths['/risks/bulk'].post;
    expect(operation.operationId).toBe('bulkTriageRisks');
    expect(operation.requestBody.content['application/json'].schema.oneOf).toHaveLength(3);
  });
});
