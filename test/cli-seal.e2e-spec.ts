import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { coverTracks, deleteEvents } from '@dd/event-store/testing';
import { RunningApi } from './support/running-api';
import { runCli } from './support/run-cli';

/** The auditor's seal over a log written through the API: keygen, seal, verify --seal, and their exit codes. */
describe('sealing the log from the CLI', () => {
  let api: RunningApi;
  let env: Record<string, string>;
  let keys: { privateKey: string; publicKey: string; fingerprint: string };

  beforeAll(async () => {
    api = await RunningApi.start();
    await api.post('RegisterSupplier', { supplierId: 'cm-1', name: 'CM One', tier: 'direct' });
    await api.post('FlagNonConflictFree', { supplierId: 'cm-1', period: 2025, metal: 'tin', smelterId: 'CID000228', reason: 'first flag' });
    await api.post('FlagNonConflictFree', { supplierId: 'cm-1', period: 2025, metal: 'gold', reason: 'unidentified gold refiner' });
    await api.stop();
    env = { DD_DATA_DIR: api.dataDir, DD_EVENT_STORE: 'sqlite' };
    keys = { privateKey: join(api.dataDir, 'seal.key'), publicKey: join(api.dataDir, 'seal.pub'), fingerprint: '' };
  });

  afterAll(() => api.removeData());

  it('makes a key pair once, printing its fingerprint, and never overwrites one', async () => {
    const made = await runCli(['audit', 'keygen', '--private-key', keys.privateKey, '--public-key', keys.publicKey], env);
    expect(made.exitCode).toBe(0);
    keys.fingerprint = /key fingerprint (SHA256:\S+)/.exec(made.stdout)![1];
    expect(readFileSync(keys.privateKey, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);

    const again = await runCli(['audit', 'keygen', '--private-key', keys.privateKey, '--public-key', join(api.dataDir, 'other.pub')], env);
    expect(again.exitCode).toBe(2);
    expect(again.stderr).toMatch(/exists; keys are never overwritten/);
  });

  it('will not seal without a key', async () => {
    const run = await runCli(['audit', 'seal'], env);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/set DD_SEAL_KEY_FILE/);
  });

  it('seals the head into the data directory and a copy for the auditor, which verifies pinned to the key', async () => {
    const copy = join(api.dataDir, 'auditor-copy.json');
    const sealed = await runCli(['audit', 'seal', '--out', copy], { ...env, DD_SEAL_KEY_FILE: keys.privateKey });
    expect(sealed.exitCode).toBe(0);
    expect(sealed.stdout).toMatch(new RegExp(`sealed: 3 events, head at position 3 .*\\n  key fingerprint ${escape(keys.fingerprint)}`));
    expect(readdirSync(join(api.dataDir, 'seals'))).toEqual([expect.stringMatching(/^log-seal-000000000003-.*\.json$/)]);
    expect(existsSync(copy)).toBe(true);

    const trail = JSON.parse((await runCli(['audit', 'trail', '--type', 'LogSealed', '--json'], env)).stdout);
    expect(trail.items).toEqual([expect.objectContaining({ type: 'LogSealed', position: 4, actor: expect.stringMatching(/^cli/) })]);

    for (const pin of [
      ['--key-fingerprint', keys.fingerprint],
      ['--public-key', keys.publicKey],
    ]) {
      const verified = await runCli(['audit', 'verify', '--seal', copy, ...pin], env);
      expect(verified.exitCode).toBe(0);
      expect(verified.stdout).toMatch(`signed by key ${keys.fingerprint} (the pinned key)`);
      expect(verified.stdout).toMatch('ok: 4 events');
      expect(verified.stdout).toMatch(
        'everything up to the sealed head (position 3) is there, unchanged; the events after it (to position 4) are verified by their chains only',
      );
    }
  });

  it('verifies only what follows the newest seal with --from-seal, or a named one, pinned to the key', async () => {
    const copy = join(api.dataDir, 'auditor-copy.json');
    for (const from of [['--from-seal'], ['--from-seal', copy]]) {
      const since = await runCli(['audit', 'verify', ...from, '--key-fingerprint', keys.fingerprint], env);
      expect(since.exitCode).toBe(0);
      expect(since.stdout).toMatch(`signed by key ${keys.fingerprint} (the pinned key)`);
      expect(since.stdout).toMatch('ok: the sealed head (position 3) is there, unchanged; the 1 events after it verify');
      expect(since.stdout).toMatch('not re-checked: the events before the sealed head');
    }
    const both = await runCli(['audit', 'verify', '--seal', copy, '--from-seal', copy], env);
    expect(both.exitCode).toBe(2);
    expect(both.stderr).toMatch('give one of them');
  });

  it('rejects a seal signed by another key than the pinned one, and a seal altered after signing', async () => {
    const copy = join(api.dataDir, 'auditor-copy.json');
    const otherKey = join(api.dataDir, 'other.key');
    await runCli(['audit', 'keygen', '--private-key', otherKey, '--public-key', join(api.dataDir, 'other-key.pub')], env);
    const wrongPin = await runCli(['audit', 'verify', '--seal', copy, '--public-key', join(api.dataDir, 'other-key.pub')], env);
    expect(wrongPin.exitCode).toBe(1);
    expect(wrongPin.stderr).toMatch(`SEAL REJECTED: seal ${copy} was signed by key ${keys.fingerprint}, not by the pinned key`);

    const altered = join(api.dataDir, 'altered.json');
    const seal = JSON.parse(readFileSync(copy, 'utf8'));
    seal.statement.head.position = 2;
    writeFileSync(altered, JSON.stringify(seal));
    const run = await runCli(['audit', 'verify', '--seal', altered], env);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch('the signature does not match the statement');
  });

  it('catches the newest events deleted with the records covered up only against the seal, and will not seal such a log again', async () => {
    const copy = join(api.dataDir, 'auditor-copy.json');
    const file = join(api.dataDir, 'events.sqlite');
    deleteEvents(file, [3, 4]);
    coverTracks(file);

    const alone = await runCli(['audit', 'verify'], env);
    expect(alone.exitCode).toBe(0);
    expect(alone.stdout).toMatch('not checked against a seal');

    for (const against of ['--seal', '--from-seal']) {
      const sealed = await runCli(['audit', 'verify', against, copy, '--key-fingerprint', keys.fingerprint], env);
      expect(sealed.exitCode).toBe(1);
      expect(sealed.stderr).toMatch(
        /^BROKEN: risk-\S+ version 0 \(global position 2\): the log ends before the sealed head\n {2}expected position 3, hash [0-9a-f]{64}\n {2}found {4}the log ends at position 2$/,
      );
    }

    deleteEvents(file, [1]);
    const refused = await runCli(['audit', 'seal'], { ...env, DD_SEAL_KEY_FILE: keys.privateKey });
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toMatch(
      /^NOT SEALED: the log does not verify, so it is not sealed: risk-\S+ version 0 \(global position 2\): global position out of sequence/,
    );
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
