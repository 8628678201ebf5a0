import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunningApi } from './support/running-api';
import { runCli } from './support/run-cli';

/** The auditor's CLI over a log written through the API: trail, point-in-time replay, rebuild, verify. */
describe('the operator and auditor CLI', () => {
  let api: RunningApi;
  let env: Record<string, string>;
  let between: string;

  beforeAll(async () => {
    api = await RunningApi.start();
    env = { DD_DATA_DIR: api.dataDir, DD_EVENT_STORE: 'sqlite' };
    await api.post('RegisterSupplier', { supplierId: 'cm-1', name: 'CM One', tier: 'direct' });
    await api.post('FlagNonConflictFree', { supplierId: 'cm-1', period: 2025, metal: 'tin', smelterId: 'CID000228', reason: 'first flag' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    between = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await api.post('FlagNonConflictFree', { supplierId: 'cm-1', period: 2025, metal: 'gold', reason: 'unidentified gold refiner' });
    await api.stop();
  });

  afterAll(() => api.removeData());

  it('prints the audit trail with actors, as a table or as JSON', async () => {
    const table = await runCli(['audit', 'trail'], env);
    expect(table.exitCode).toBe(0);
    expect(table.stdout).toMatch(/RiskRaised/);
    expect(table.stdout).toMatch(/local/);

    const json = await runCli(['audit', 'trail', '--type', 'RiskRaised', '--json'], env);
    const page = JSON.parse(json.stdout);
    expect(page.items.map((e: { type: string; actor: string }) => [e.type, e.actor])).toEqual([
      ['RiskRaised', 'local'],
      ['RiskRaised', 'local'],
    ]);
  });

  it('replays the register as it stood at an earlier time', async () => {
    const then = JSON.parse((await runCli(['audit', 'replay', '--as-of', between, '--period', '2025', '--json'], env)).stdout);
    expect(then.periods[0].riskRegister.map((r: { metal: string }) => r.metal)).toEqual(['tin']);
    const now = JSON.parse((await runCli(['audit', 'replay', '--as-of', new Date().toISOString(), '--json'], env)).stdout);
    expect(now.periods[0].riskRegister.map((r: { metal: string }) => r.metal).sort()).toEqual(['gold', 'tin']);
    expect(now.periods[0].oecdStatus.steps).toHaveLength(5);
  });

  it('rebuilds the read models from the log to the same state', async () => {
    const before = JSON.parse((await runCli(['audit', 'trail', '--json'], env)).stdout);
    const rebuilt = await runCli(['projections', 'rebuild'], env);
    expect(rebuilt.stdout).toMatch(/rebuilt all read models from 3 events/);
    expect(JSON.parse((await runCli(['audit', 'trail', '--json'], env)).stdout)).toEqual(before);
  });

  it('given a new read-model file, rebuilds without running the process managers, which the next command owning the read models catches up', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'dd-cli-fresh-'));
    try {
      copyFileSync(join(api.dataDir, 'events.sqlite'), join(fresh, 'events.sqlite'));
      const freshEnv = { DD_DATA_DIR: fresh, DD_EVENT_STORE: 'sqlite' };
      const processManagers = () => {
        const db = new Database(join(fresh, 'read-models.sqlite'), { readonly: true });
        try {
          return db.prepare(`SELECT name, position FROM checkpoints WHERE name LIKE 'process-manager:%' ORDER BY name`).all() as Array<{
            name: string;
            position: number;
          }>;
        } finally {
          db.close();
        }
      };

      const rebuilt = await runCli(['projections', 'rebuild'], freshEnv);
      expect(rebuilt.stdout).toMatch(/rebuilt all read models from 3 events/);
      // Not one process manager read the log: none has a checkpoint past 0.
      expect(processManagers().filter((checkpoint) => checkpoint.position > 0)).toEqual([]);

      const trail = await runCli(['audit', 'trail', '--json'], freshEnv);
      expect(trail.exitCode).toBe(0);
      const caughtUp = processManagers();
      expect(caughtUp.length).toBeGreaterThan(0);
      expect(caughtUp.every((checkpoint) => checkpoint.position === 3)).toBe(true);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });

  it('opens one event as evidence, as text or JSON, and refuses unknown and malformed ids', async () => {
    const [raised] = JSON.parse((await runCli(['audit', 'trail', '--type', 'RiskRaised', '--json'], env)).stdout).items;
    const json = await runCli(['audit', 'event', raised.eventId, '--json'], env);
    expect(json.exitCode).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      eventId: raised.eventId,
      type: 'RiskRaised',
      streamId: raised.streamId,
      data: { reason: 'first flag' },
      metadata: { actor: 'local', hash: raised.hash, prevHash: raised.prevHash },
      links: { previous: null },
      verification: { status: 'intact', checkedEvents: 1 },
    });

    const text = await runCli(['audit', 'event', raised.eventId.toUpperCase()], env);
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toContain(`RiskRaised in ${raised.streamId}, version 0`);
    expect(text.stdout).toMatch(/"reason": "first flag"/);
    expect(text.stdout).toMatch(/chain: intact \(1 event\(s\) of risk-\S+ recomputed up to this one\)/);

    const unknown = await runCli(['audit', 'event', '00000000-0000-5000-8000-000000000000'], env);
    expect(unknown).toMatchObject({ exitCode: 1, stderr: 'no event 00000000-0000-5000-8000-000000000000' });
    const malformed = await runCli(['audit', 'event', 'risk-1'], env);
    expect(malformed).toMatchObject({ exitCode: 1, stderr: 'eventId: not an event id (a UUID): risk-1' });
  });

  it('verifies every hash chain, and names the first broken link after tampering', async () => {
    const ok = await runCli(['audit', 'verify'], env);
    expect(ok.exitCode).toBe(0);
    expect(ok.stdout).toMatch(/ok: 3 events in \d+ streams/);

    const db = new Database(join(api.dataDir, 'events.sqlite'));
    const row = db
      .prepare("SELECT global_position AS position, data FROM events WHERE type = 'RiskRaised' ORDER BY global_position LIMIT 1")
      .get() as { position: number; data: string };
    db.prepare('UPDATE events SET data = ? WHERE global_position = ?').run(row.data.replace('first flag', 'nothing to see'), row.position);
    db.close();

    const broken = await runCli(['audit', 'verify'], env);
    expect(broken.exitCode).toBe(1);
    expect(broken.stderr).toMatch(
      new RegExp(`BROKEN: risk-\\S+ version 0 \\(global position ${row.position}\\): hash does not match the event`),
    );

    const [edited] = JSON.parse((await runCli(['audit', 'trail', '--type', 'RiskRaised', '--json'], env)).stdout).items;
    const opened = await runCli(['audit', 'event', edited.eventId], env);
    expect(opened.exitCode).toBe(1);
    expect(opened.stdout).toMatch(/"reason": "nothing to see"/);
    expect(opened.stderr).toMatch(
      new RegExp(`BROKEN: risk-\\S+ version 0 \\(global position ${row.position}\\): hash does not match the event`),
    );
  });
});

/** `send` takes any public command of the command table, validated as POST /commands/<name> validates it. */
describe('sending commands from the CLI', () => {
  let api: RunningApi;
  let env: Record<string, string>;

  beforeAll(async () => {
    api = await RunningApi.start();
    env = { DD_DATA_DIR: api.dataDir, DD_EVENT_STORE: 'sqlite' };
    await api.stop();
  });

  afterAll(() => api.removeData());

  it('sends a command by its name and JSON body, once per idempotency key', async () => {
    const registered = await runCli(['send', 'RegisterSupplier', '{"supplierId":"cm-9","name":"CM Nine","tier":"direct"}'], env);
    expect(registered.exitCode).toBe(0);
    expect(JSON.parse(registered.stdout)).toMatchObject({ streamId: 'supplier-cm-9', streamVersion: 0, duplicate: false });
    const contact = ['send', 'AddSupplierContact', '{"supplierId":"cm-9","name":"Ana","email":"ana@cm9.example"}', '--key', 'contact-1'];
    expect(JSON.parse((await runCli(contact, env)).stdout)).toMatchObject({ streamVersion: 1, duplicate: false });
    expect(JSON.parse((await runCli(contact, env)).stdout)).toMatchObject({ streamVersion: 1, duplicate: true });
  });

  it('names the fields of a body its schema refuses, an unknown command, and a refusal of the domain', async () => {
    const invalid = await runCli(['send', 'RegisterSupplier', '{"supplierId":"cm-8","name":"CM Eight","tier":"sideways"}'], env);
    expect(invalid).toMatchObject({ exitCode: 1, stderr: expect.stringMatching(/^tier: /) });
    const unknown = await runCli(['send', 'RaiseRisk', '{}'], env);
    expect(unknown).toMatchObject({ exitCode: 1, stderr: expect.stringContaining('no command RaiseRisk; commands are: RegisterSupplier') });
    const refused = await runCli(['send', 'AssignSupplierOwner', '{"supplierId":"nobody","owner":"buyer-1"}'], env);
    expect(refused).toMatchObject({ exitCode: 1, stderr: 'refused (supplier-unknown): supplier nobody is not registered' });
  });
});
