import { RunningApi } from './support/running-api';

/**
 * Idempotency keys over real HTTP: a key belongs to the principal that sent it, and under one key
 * the command must be the same. Two principals with API keys (DD_API_KEYS).
 */
describe('idempotency keys', () => {
  let api: RunningApi;
  const alice = { 'x-api-key': 'alice-key-0001' };
  const bob = { 'x-api-key': 'bob-key-000001' };
  const head = async () => (await api.get('/health')).body.headPosition as number;

  beforeAll(async () => {
    api = await RunningApi.start({ apiKeys: 'alice-key-0001=alice:compliance,bob-key-000001=bob:compliance' });
  });

  afterAll(async () => {
    await api.stop();
    api.removeData();
  });

  it('answers the same key and body with the first result, appending nothing', async () => {
    const body = { supplierId: 'acme', name: 'Acme Metals', tier: 'direct' };
    const first = await api.post('RegisterSupplier', body, { ...alice, 'idempotency-key': 'register-acme' });
    expect(first).toMatchObject({ status: 201, body: { streamId: 'supplier-acme', duplicate: false } });
    const before = await head();

    const again = await api.post('RegisterSupplier', body, { ...alice, 'idempotency-key': 'register-acme' });
    expect(again.status).toBe(201);
    expect(again.body).toEqual({ ...first.body, duplicate: true });
    expect(await head()).toBe(before);
    const trail = await api.get('/audit-trail?streamId=supplier-acme', alice);
    expect(trail.body.items.map((item: { commandId: string }) => item.commandId)).toEqual(['api:alice/register-acme']);
  });

  it('refuses the same key with another body or another command with 422 idempotency-key-reused, appending nothing', async () => {
    const key = { ...alice, 'idempotency-key': 'register-bolt' };
    expect((await api.post('RegisterSupplier', { supplierId: 'bolt', name: 'Bolt', tier: 'direct' }, key)).status).toBe(201);
    const before = await head();

    for (const [command, body] of [
      ['RegisterSupplier', { supplierId: 'cobra', name: 'Cobra', tier: 'direct' }],
      ['RegisterSupplier', { supplierId: 'bolt', name: 'Bolt Ltd', tier: 'direct' }],
      ['AssignSupplierOwner', { supplierId: 'bolt', owner: 'buyer-1' }],
    ] as const) {
      const reused = await api.post(command, body, key);
      expect(reused.status).toBe(422);
      expect(reused.contentType).toContain('application/problem+json');
      expect(reused.body).toMatchObject({
        type: 'about:blank',
        title: 'Idempotency key reused',
        status: 422,
        code: 'idempotency-key-reused',
      });
      expect(reused.body.detail).toMatch(/used before for a different command or body; nothing was appended/);
    }
    // The key in the body is the same key.
    const inBody = await api.post(
      'RegisterSupplier',
      { supplierId: 'cobra', name: 'Cobra', tier: 'direct', commandId: 'register-bolt' },
      alice,
    );
    expect(inBody).toMatchObject({ status: 422, body: { code: 'idempotency-key-reused' } });

    expect(await head()).toBe(before);
    expect((await api.get('/suppliers/cobra', alice)).status).toBe(404);
  });

  it("runs another principal's command under the same key as their own", async () => {
    const first = await api.post(
      'RegisterSupplier',
      { supplierId: 'dyna', name: 'Dyna', tier: 'direct' },
      { ...alice, 'idempotency-key': 'shared-key' },
    );
    const theirs = await api.post(
      'RegisterSupplier',
      { supplierId: 'eon', name: 'Eon', tier: 'indirect', parentSupplierId: 'dyna' },
      { ...bob, 'idempotency-key': 'shared-key' },
    );
    expect(theirs.status).toBe(201);
    expect(theirs.body).toMatchObject({ streamId: 'supplier-eon', duplicate: false });
    expect(theirs.body.eventIds).not.toEqual(first.body.eventIds);

    // Bob's retry is answered with Bob's result, Alice's with hers.
    expect(
      (
        await api.post(
          'RegisterSupplier',
          { supplierId: 'eon', name: 'Eon', tier: 'indirect', parentSupplierId: 'dyna' },
          { ...bob, 'idempotency-key': 'shared-key' },
        )
      ).body,
    ).toEqual({
      ...theirs.body,
      duplicate: true,
    });
    expect(
      (
        await api.post(
          'RegisterSupplier',
          { supplierId: 'dyna', name: 'Dyna', tier: 'direct' },
          { ...alice, 'idempotency-key': 'shared-key' },
        )
      ).body,
    ).toEqual({
      ...first.body,
      duplicate: true,
    });
    const trail = await api.get('/audit-trail?streamId=supplier-eon', alice);
    expect(trail.body.items.map((item: { actor: string; commandId: string }) => [item.actor, item.commandId])).toEqual([
      ['bob', 'api:bob/shared-key'],
    ]);
  });
});
