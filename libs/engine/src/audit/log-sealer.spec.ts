import 'reflect-metadata';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { LOG_SEAL_STREAM } from '@dd/domain';
import { checkSealFile, generateSealKeyPair, verifyLog, type EventStore } from '@dd/event-store';
import { waitFor } from '@dd/event-store/testing';
import { EngineModule, type EngineOptions } from '../engine.module';
import { EVENT_STORE } from '../tokens';
import { LOG_SEALER_ACTOR, LogSealer, SEALS_DIRECTORY } from './log-sealer';

describe('the log sealer (engine on SQLite)', () => {
  let dataDir: string;
  let keyFile: string;
  let fingerprint: string;
  let app: INestApplicationContext | undefined;

  async function start(options: EngineOptions = {}, keyFileSetting: string | null = keyFile) {
    app = await NestFactory.createApplicationContext(
      EngineModule.forRoot(
        {
          dataDir,
          eventStore: 'sqlite',
          port: 0,
          apiKeys: new Map(),
          seal: { ...(keyFileSetting ? { keyFile: keyFileSetting } : {}), intervalMs: 0 },
        },
        { reminderIntervalMs: 0, escalationIntervalMs: 0, sealIntervalMs: 0, ...options },
      ),
      { logger: false },
    );
    const store = app.get<symbol, EventStore>(EVENT_STORE);
    return { store, sealer: app.get(LogSealer) };
  }
  const append = (store: EventStore, n: number) =>
    store.appendToStream(`supplier-${n}`, [{ type: 'SupplierRegistered', data: { supplierId: `${n}`, name: `S${n}`, tier: 'direct' } }], {
      commandId: `c-${n}`,
      actor: 'alice',
    });
  const sealFiles = () =>
    readdirSync(join(dataDir, SEALS_DIRECTORY))
      .filter((name) => name.endsWith('.json'))
      .sort();

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'dd-sealer-'));
    const pair = generateSealKeyPair();
    keyFile = join(dataDir, 'seal.key');
    writeFileSync(keyFile, pair.privateKeyPem, { mode: 0o600 });
    fingerprint = pair.fingerprint;
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('seals the verified head into the data directory and records LogSealed after it', async () => {
    const { store, sealer } = await start();
    for (let n = 1; n <= 3; n++) await append(store, n);

    const outcome = await sealer.tick();
    expect(outcome).not.toBeNull();
    expect(sealFiles()).toEqual([expect.stringMatching(/^log-seal-000000000003-.*\.json$/)]);
    const checked = checkSealFile(outcome!.file, { fingerprint });
    expect(checked.head).toMatchObject({ position: 3 });

    const [sealed] = await store.readStream(LOG_SEAL_STREAM);
    expect(sealed).toMatchObject({ type: 'LogSealed', globalPosition: 4, metadata: { actor: LOG_SEALER_ACTOR } });
    expect(sealed.data).toMatchObject({
      position: 3,
      hash: checked.head.hash,
      logDigest: checked.head.logDigest,
      keyFingerprint: fingerprint,
      file: sealFiles()[0],
    });
    expect((await verifyLog(store, { seal: checked.head })).firstBrokenLink).toBeNull();
  });

  it('skips a scheduled seal when nothing was appended since the last one', async () => {
    const { store, sealer } = await start();
    await append(store, 1);
    await sealer.tick();
    expect(await sealer.tick()).toBeNull();
    expect(await store.streamVersion(LOG_SEAL_STREAM)).toBe(0);

    await append(store, 2);
    expect((await sealer.tick())!.seal.statement.head.position).toBe(3);
    expect(sealFiles()).toHaveLength(2);
  });

  it('refuses to seal a log that does not verify, and writes no seal', async () => {
    const before = await start();
    await append(before.store, 1);
    await append(before.store, 2);
    await app!.close();
    const db = new Database(join(dataDir, 'events.sqlite'));
    db.prepare("UPDATE events SET data = replace(data, 'S1', 'S9') WHERE global_position = 1").run();
    db.close();

    const { store, sealer } = await start();
    await expect(sealer.tick()).rejects.toThrow(
      'the log does not verify, so it is not sealed: supplier-1 version 0 (global position 1): hash does not match the event',
    );
    expect(await store.streamVersion(LOG_SEAL_STREAM)).toBe(-1);
  });

  it('seals on start when the interval is on and nothing was sealed yet', async () => {
    const { store } = await start({ sealIntervalMs: 60 * 60 * 1000 });
    await waitFor(async () => (await store.streamVersion(LOG_SEAL_STREAM)) === 0, 10_000, 'the first scheduled seal');
    expect(sealFiles()).toEqual([expect.stringMatching(/^log-seal-000000000000-/)]);
  });

  it('seals nothing on a schedule without a key, and says why when asked to seal', async () => {
    const { store, sealer } = await start({ sealIntervalMs: 60 * 60 * 1000 }, null);
    await append(store, 1);
    await expect(sealer.seal('cli:auditor')).rejects.toThrow('no DD_SEAL_KEY_FILE');
    expect(await store.streamVersion(LOG_SEAL_STREAM)).toBe(-1);
  });
});
