import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { generateSealKeyPair } from '@dd/event-store';
import { RunningApi } from './support/running-api';
import { runCli } from './support/run-cli';

/**
 * The evidence pack and the seals over HTTP: GET /reports/evidence-pack answers the zip `audit pack`
 * writes (one assembly), sealed with the server's key; GET /audit/seals lists the seals kept in the
 * data directory, newest first, and the events the newest does not cover.
 */
const period = 2024;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const AUDITOR = { 'x-api-key': 'audit-key' };
const ADMIN = { 'x-api-key': 'admin-key' };

describe('the evidence pack and the seals over HTTP', () => {
  let api: RunningApi;
  let work: string;
  let keyFile: string;
  let fingerprint: string;

  const download = async (path: string, headers: Record<string, string>) => {
    const response = await fetch(`${api.started.url}${path}`, { headers });
    return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
  };

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'dd-pack-http-'));
    const pair = generateSealKeyPair();
    keyFile = join(work, 'seal.key');
    writeFileSync(keyFile, pair.privateKeyPem, { mode: 0o600 });
    fingerprint = pair.fingerprint;
    api = await RunningApi.start({
      apiKeys: 'admin-key=ann:admin,audit-key=aud:auditor',
      seal: { keyFile, intervalMs: 0 },
      engine: { sealIntervalMs: 0 },
    });
    for (const supplierId of ['s1', 's2']) {
      expect((await api.post('RegisterSupplier', { supplierId, name: `Supplier ${supplierId}`, tier: 'direct' }, ADMIN)).status).toBe(201);
      expect((await api.post('SendCMRT', { supplierId, period, dueDate: '2099-01-31' }, ADMIN)).status).toBe(201);
    }
    // Another year's event, which the 2024 pack leaves out.
    expect(
      (await api.post('FlagNonConflictFree', { supplierId: 's1', period: 2025, metal: 'gold', reason: 'unidentified gold refiner' }, ADMIN))
        .status,
    ).toBe(201);
  });

  afterAll(async () => {
    await api.stop();
    api.removeData();
    rmSync(work, { recursive: true, force: true });
  });

  it('given no seal yet, GET /audit/seals says so and counts every event as not covered', async () => {
    const answer = await api.get('/audit/seals', AUDITOR);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ seals: [], newest: null, eventsSinceNewest: null, unreadable: [] });
    expect(answer.body.headPosition).toBeGreaterThanOrEqual(5);
  });

  it('refuses a period that is not a reporting year, naming period', async () => {
    for (const query of ['', '?period=last', '?period=1999']) {
      const answer = await api.get(`/reports/evidence-pack${query}`, AUDITOR);
      expect(answer.status).toBe(400);
      expect(answer.body.errors.map((error: { path: string }) => error.path)).toEqual(['period']);
    }
  });

  it("gives the auditor the period's sealed zip, whose SHA256SUMS match its files and whose events are the period's", async () => {
    const { response, bytes } = await download(`/reports/evidence-pack?period=${period}`, AUDITOR);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="evidence-${period}.zip"`);
    expect(response.headers.get('x-log-verified')).toBe('intact');
    expect(response.headers.get('x-log-sealed')).toBe('yes');
    const head = Number(response.headers.get('x-log-head-position'));

    const root = `evidence-pack-${period}/`;
    const files = unzipSync(bytes);
    const sums = strFromU8(files[`${root}SHA256SUMS`])
      .trim()
      .split('\n')
      .map((line) => /^([0-9a-f]{64}) {2}(.+)$/.exec(line)!);
    expect(sums.length).toBeGreaterThanOrEqual(4);
    for (const [, hash, path] of sums) expect({ path, hash: sha256(files[root + path]) }).toEqual({ path, hash });
    expect(sums.map(([, , path]) => path)).toEqual(expect.arrayContaining(['events.jsonl', 'audit-verify.json', 'seal/log-seal.json']));

    const events = strFromU8(files[`${root}events.jsonl`])
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(events.filter((event) => event.data?.period === period).length).toBeGreaterThanOrEqual(2);
    expect(events.some((event) => event.data?.period === 2025)).toBe(false);
    expect(events.every((event) => event.globalPosition <= head)).toBe(true);
    const manifest = JSON.parse(strFromU8(files[`${root}MANIFEST.json`]));
    expect(manifest).toMatchObject({
      period,
      head: { position: head },
      seal: { sealed: true, keyFingerprint: fingerprint, headPosition: head },
    });
  });

  it('lists the seal the pack made and, after `audit seal`, that one first, with the events since it', async () => {
    const before = await api.get('/audit/seals', AUDITOR);
    expect(before.body.seals).toHaveLength(1);
    const packSeal = before.body.newest;
    expect(packSeal).toMatchObject({ keyFingerprint: fingerprint, headHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    // LogSealed, recorded after the head it seals, is the one event the seal does not cover.
    expect(before.body.eventsSinceNewest).toBe(1);
    expect(before.body.headPosition).toBe(packSeal.headPosition + 1);

    const sealed = await runCli(['audit', 'seal'], { DD_DATA_DIR: api.dataDir, DD_EVENT_STORE: 'sqlite', DD_SEAL_KEY_FILE: keyFile });
    expect(sealed.exitCode).toBe(0);

    const after = await api.get('/audit/seals', ADMIN);
    expect(after.body.seals).toHaveLength(2);
    expect(after.body.seals[1]).toEqual(packSeal);
    expect(after.body.newest).toEqual(after.body.seals[0]);
    expect(after.body.newest.headPosition).toBe(packSeal.headPosition + 1);
    expect(after.body.eventsSinceNewest).toBe(after.body.headPosition - after.body.newest.headPosition);
    expect(sealed.stdout).toContain(`head at position ${after.body.newest.headPosition}`);
  });

  it('documents both routes in OpenAPI', async () => {
    const document = await api.get('/docs/openapi.json');
    expect(Object.keys(document.body.paths)).toEqual(expect.arrayContaining(['/reports/evidence-pack', '/audit/seals']));
  });
});
