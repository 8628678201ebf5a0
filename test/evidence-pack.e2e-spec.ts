import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { cmrtFiles, CMRT_6_6_FIXTURE, readFixture, writeCells } from '@dd/cmrt/testing';
import { SettableClock } from '@dd/engine';
import { RunningApi } from './support/running-api';
import { runCli } from './support/run-cli';

/**
 * The auditor's evidence pack: the workbooks suppliers sent are kept exactly as received (over HTTP
 * and from `cmrt import`), can be downloaded by their SHA-256, and `audit pack` puts them, the
 * period's events, the verify result and a seal into a zip that the system's own unzip, sha256sum and
 * openssl check. The committed fixture always runs; the two real RMI samples join when ../shared is there.
 */
const period = 2024;
const dueDate = `${new Date().getUTCFullYear() + 1}-01-31`;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const fixture = (company: string) => writeCells(readFixture(CMRT_6_6_FIXTURE), { Declaration: { D8: company } });
const samples = cmrtFiles();
const report = Buffer.from('%PDF-1.7\n% the Conflict Minerals Report 2024, as published\n%%EOF\n');

/** Runs a standard tool; the test needs it (unzip, sha256sum, openssl are on CI and on this machine). */
function tool(command: string, args: string[], cwd?: string) {
  const run = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (run.error) throw run.error;
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('the evidence pack of a period (originals kept as received, audit pack, standard tools)', () => {
  let api: RunningApi;
  let dataDir: string;
  let env: Record<string, string>;
  /** What was sent, by file name. */
  const sent = new Map<string, Uint8Array>();

  const upload = (supplierId: string, name: string, bytes: Uint8Array) =>
    api.upload('/cmrt-responses', { supplierId, period: String(period) }, { name, bytes });
  const originalsOnDisk = () =>
    readdirSync(join(dataDir, 'originals'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name)
      .sort();
  function eventsOf(streamId: string): Array<{ type: string; data: any }> {
    const db = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
    try {
      const rows = db.prepare('SELECT type, data FROM events WHERE stream_id = ? ORDER BY stream_version').all(streamId) as Array<{
        type: string;
        data: string;
      }>;
      return rows.map((row) => ({ type: row.type, data: JSON.parse(row.data) }));
    } finally {
      db.close();
    }
  }

  beforeAll(async () => {
    api = await RunningApi.start({ engine: { clock: new SettableClock('2025-01-15T09:00:00.000Z') } });
    dataDir = api.dataDir;
    env = { DD_DATA_DIR: dataDir, DD_EVENT_STORE: 'sqlite' };
    const suppliers = [
      { supplierId: 'fx', name: 'Fixture Metals Ltd', tier: 'direct', country: 'DE' },
      { supplierId: 'fy', name: 'Fixture Alloys SA', tier: 'direct', country: 'FR' },
      { supplierId: 'fz', name: 'Fixture Batch GmbH', tier: 'direct', country: 'AT' },
      { supplierId: 'jx', name: 'JX Advanced Metals Corporation', tier: 'indirect', country: 'JP' },
      { supplierId: 'cg', name: 'Central Glass Co., Ltd.', tier: 'direct', country: 'JP' },
      { supplierId: 'quiet', name: 'Not Surveyed Ltd', tier: 'direct' },
    ];
    for (const supplier of suppliers) expect((await api.post('RegisterSupplier', supplier)).status).toBe(201);
    for (const supplierId of ['fx', 'fy', 'fz', 'jx', 'cg']) {
      expect((await api.post('SendCMRT', { supplierId, period, dueDate })).status).toBe(201);
    }
    // Another year's events, which the 2024 pack leaves out.
    expect(
      (await api.post('FlagNonConflictFree', { supplierId: 'fx', period: 2025, metal: 'gold', reason: 'unidentified gold refiner' }))
        .status,
    ).toBe(201);
    sent.set('fx.xlsx', fixture('Fixture Metals Ltd'));
    sent.set('Fixture Alloys – réponse 2024.xlsx', fixture('Fixture Alloys SA'));
    sent.set('fz-batch.xlsx', fixture('Fixture Batch GmbH'));
  });

  afterAll(async () => {
    await api.stop().catch(() => undefined);
    api.removeData();
  });

  describe('originals kept as received', () => {
    it('keeps an uploaded workbook under <data>/originals by its SHA-256 before recording the response that names it', async () => {
      const bytes = sent.get('fx.xlsx')!;
      const response = await upload('fx', 'fx.xlsx', bytes);
      expect(response.status).toBe(201);
      expect(response.body.file.sha256).toBe(sha256(bytes));
      expect(originalsOnDisk()).toEqual([`${sha256(bytes)}.xlsx`]);
      expect(readFileSync(join(dataDir, 'originals', sha256(bytes).slice(0, 2), `${sha256(bytes)}.xlsx`)).equals(Buffer.from(bytes))).toBe(
        true,
      );
      const [recorded] = eventsOf(`survey-${period}-fx`).filter((event) => event.type === 'ResponseRecorded');
      expect(recorded.data.source).toMatchObject({ kind: 'cmrt-file', fileName: 'fx.xlsx', sha256: sha256(bytes) });
    });

    it('stores the same file sent twice once', async () => {
      const bytes = sent.get('fx.xlsx')!;
      const again = await upload('fx', 'fx (copy).xlsx', bytes);
      expect(again.status).toBe(201);
      expect(again.body.recorded).toBe(false);
      expect(originalsOnDisk()).toEqual([`${sha256(bytes)}.xlsx`]);
    });

    it('records nothing when the file cannot be kept, and records it once it can', async () => {
      const bytes = sent.get('Fixture Alloys – réponse 2024.xlsx')!;
      const fanOut = join(dataDir, 'originals', sha256(bytes).slice(0, 2));
      // A file where the original's folder would go: the store cannot write there.
      writeFileSync(fanOut, 'in the way');
      const refused = await upload('fy', 'Fixture Alloys – réponse 2024.xlsx', bytes);
      expect(refused.status).toBe(500);
      expect(refused.contentType).toMatch(/^application\/problem\+json/);
      expect(eventsOf(`survey-${period}-fy`).map((event) => event.type)).toEqual(['CMRTSent']);

      rmSync(fanOut);
      const recorded = await upload('fy', 'Fixture Alloys – réponse 2024.xlsx', bytes);
      expect(recorded.status).toBe(201);
      expect(recorded.body.recorded).toBe(true);
      expect(originalsOnDisk()).toContain(`${sha256(bytes)}.xlsx`);
    });

    it('leaves only an unreferenced file when the response is refused after the file was kept (harmless)', async () => {
      const bytes = fixture('Not Surveyed Ltd');
      const refused = await upload('quiet', 'quiet.xlsx', bytes);
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('survey-not-sent');
      expect(originalsOnDisk()).toContain(`${sha256(bytes)}.xlsx`);
      expect(eventsOf(`survey-${period}-quiet`)).toEqual([]);
    });

    (samples ? it : it.skip)('keeps the real RMI samples byte for byte', async () => {
      for (const [supplierId, name] of [
        ['jx', 'JX'],
        ['cg', 'Central Glass'],
      ] as const) {
        const bytes = samples!.sample(name);
        const fileName = samples!.samplePath(name).split('/').pop()!;
        sent.set(fileName, bytes);
        expect((await upload(supplierId, fileName, bytes)).status).toBe(201);
        expect(originalsOnDisk()).toContain(`${sha256(bytes)}.xlsx`);
      }
    });

    it('serves an original by its SHA-256 with its content type; 404 when none is kept, 400 for what is not a SHA-256', async () => {
      const bytes = sent.get('fx.xlsx')!;
      const response = await fetch(`${api.started.url}/originals/${sha256(bytes)}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${sha256(bytes)}.xlsx"`);
      expect(response.headers.get('etag')).toBe(`"${sha256(bytes)}"`);
      expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);

      const absent = await api.get(`/originals/${'0'.repeat(64)}`);
      expect(absent.status).toBe(404);
      expect(absent.contentType).toMatch(/^application\/problem\+json/);
      expect(absent.body.detail).toBe(`no original file is kept with SHA-256 ${'0'.repeat(64)}`);

      const invalid = await api.get('/originals/not-a-hash');
      expect(invalid.status).toBe(400);
      expect(invalid.body.errors).toEqual([{ path: 'sha256', message: 'expected a SHA-256: 64 hex digits' }]);
    });
  });

  describe('audit pack', () => {
    let work: string;
    let keys: { privateKey: string; publicKey: string; fingerprint: string };

    beforeAll(async () => {
      await api.stop();
      work = join(dataDir, 'auditor');
      mkdirSync(work);
      // A workbook recorded by the CLI's batch import is kept the same way.
      const batch = join(work, 'batch');
      mkdirSync(batch);
      writeFileSync(join(batch, 'fz-batch.xlsx'), sent.get('fz-batch.xlsx')!);
      writeFileSync(join(work, 'map.csv'), 'file,supplierId\nfz-batch.xlsx,fz\n');
      const imported = await runCli(['cmrt', 'import', batch, '--period', String(period), '--map', join(work, 'map.csv'), '--json'], env);
      expect(imported.exitCode).toBe(0);
      expect(JSON.parse(imported.stdout).files).toEqual([expect.objectContaining({ file: 'fz-batch.xlsx', result: 'recorded' })]);
      expect(originalsOnDisk()).toContain(`${sha256(sent.get('fz-batch.xlsx')!)}.xlsx`);

      // A report the company published, kept where issued reports are kept (any depth, the name holds its hash).
      mkdirSync(join(dataDir, 'reports', String(period)), { recursive: true });
      writeFileSync(join(dataDir, 'reports', String(period), `cmr-${sha256(report)}.pdf`), report);
      for (const [command, body] of [
        ['OpenPeriod', { period }],
        ['PublishReport', { period, url: 'https://example.com/cmr-2024.pdf', sha256: sha256(report) }],
      ] as const) {
        expect((await runCli(['send', command, JSON.stringify(body)], env)).exitCode).toBe(0);
      }

      keys = { privateKey: join(work, 'seal.key'), publicKey: join(work, 'seal.pub'), fingerprint: '' };
      const made = await runCli(['audit', 'keygen', '--private-key', keys.privateKey, '--public-key', keys.publicKey], env);
      keys.fingerprint = /key fingerprint (SHA256:\S+)/.exec(made.stdout)![1];
    });

    it('writes a sealed zip that unzip extracts and sha256sum -c checks, with every original byte for byte', async () => {
      const zip = join(work, 'pack.zip');
      const run = await runCli(['audit', 'pack', '--period', String(period), '--out', zip], { ...env, DD_SEAL_KEY_FILE: keys.privateKey });
      expect(run.stderr).toBe('');
      expect(run.exitCode).toBe(0);
      expect(run.stdout).toMatch(`evidence pack for ${period}: ${zip}`);
      expect(run.stdout).toMatch(`seal: head at position`);

      const extracted = join(work, 'sealed');
      expect(tool('unzip', ['-q', zip, '-d', extracted]).code).toBe(0);
      expect(readdirSync(extracted)).toEqual([`evidence-pack-${period}`]);
      const folder = join(extracted, `evidence-pack-${period}`);
      const checked = tool('sha256sum', ['-c', 'SHA256SUMS'], folder);
      expect(checked.stderr).toBe('');
      expect(checked.code).toBe(0);
      const lines = checked.stdout.trim().split('\n');
      expect(lines.every((line) => line.endsWith(': OK'))).toBe(true);

      // Every workbook a recorded response names is in the pack, as sent, and listed in SHA256SUMS.
      const recorded = [...sent].filter(([name]) => name !== 'fx (copy).xlsx');
      for (const [, bytes] of recorded) {
        const path = `originals/${sha256(bytes)}.xlsx`;
        expect(readFileSync(join(folder, path)).equals(Buffer.from(bytes))).toBe(true);
        expect(lines).toContain(`${path}: OK`);
      }
      // The refused file (no event names it) is not.
      expect(readdirSync(join(folder, 'originals')).sort()).toEqual(recorded.map(([, bytes]) => `${sha256(bytes)}.xlsx`).sort());

      const manifest = JSON.parse(readFileSync(join(folder, 'MANIFEST.json'), 'utf8'));
      expect(manifest).toMatchObject({ kind: 'dd-evidence-pack', period, verify: { intact: true }, seal: { sealed: true } });
      expect(manifest.seal.keyFingerprint).toBe(keys.fingerprint);
      const fxOriginal = manifest.originals.find((file: { sha256: string }) => file.sha256 === sha256(sent.get('fx.xlsx')!));
      expect(fxOriginal.referencedBy).toEqual([
        expect.objectContaining({ type: 'ResponseRecorded', streamId: `survey-${period}-fx`, field: 'source.sha256', fileName: 'fx.xlsx' }),
      ]);
      expect(JSON.parse(readFileSync(join(folder, 'audit-verify.json'), 'utf8'))).toMatchObject({ firstBrokenLink: null });

      // The published report, found by the hash its event names, and checked by sha256sum -c like the rest.
      expect(readFileSync(join(folder, `reports/${sha256(report)}.pdf`)).equals(report)).toBe(true);
      expect(lines).toContain(`reports/${sha256(report)}.pdf: OK`);
      expect(manifest.reports).toEqual([
        expect.objectContaining({
          path: `reports/${sha256(report)}.pdf`,
          referencedBy: [expect.objectContaining({ type: 'ReportPublished', streamId: `period-${period}`, field: 'sha256' })],
        }),
      ]);

      // The period's events: its surveys and the suppliers they depend on, not another year's risk.
      const events = readFileSync(join(folder, 'events.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      const streams = new Set(events.map((event) => event.streamId));
      expect([...streams]).toEqual(expect.arrayContaining([`survey-${period}-fx`, `survey-${period}-fz`, 'supplier-fx', 'supplier-quiet']));
      expect(events.some((event) => event.data.period === 2025)).toBe(false);
      expect(events.map((event) => event.globalPosition)).toEqual([...events.map((event) => event.globalPosition)].sort((a, b) => a - b));
      expect(events.every((event) => event.globalPosition <= manifest.seal.headPosition)).toBe(true);
      expect(manifest.events.count).toBe(events.length);
    });

    it("has a seal and a manifest signature that openssl verifies with the public key in the pack, which is the auditor's key", () => {
      const folder = join(work, 'sealed', `evidence-pack-${period}`);
      const pem = readFileSync(join(folder, 'seal/public-key.pem'), 'utf8');
      expect(pem).toBe(readFileSync(keys.publicKey, 'utf8'));
      const statement = tool(
        'openssl',
        [
          'pkeyutl',
          '-verify',
          '-pubin',
          '-inkey',
          'seal/public-key.pem',
          '-rawin',
          '-in',
          'seal/statement.json',
          '-sigfile',
          'seal/signature.bin',
        ],
        folder,
      );
      expect(statement.stdout).toMatch('Signature Verified Successfully');
      expect(statement.code).toBe(0);
      const sums = tool(
        'openssl',
        ['pkeyutl', '-verify', '-pubin', '-inkey', 'seal/public-key.pem', '-rawin', '-in', 'SHA256SUMS', '-sigfile', 'SHA256SUMS.sig'],
        folder,
      );
      expect(sums.code).toBe(0);
      const fingerprint = spawnSync(
        'sh',
        ['-c', 'openssl pkey -pubin -in seal/public-key.pem -outform DER | openssl dgst -sha256 -binary | openssl base64'],
        { cwd: folder, encoding: 'utf8' },
      );
      expect(`SHA256:${fingerprint.stdout.trim().replace(/=+$/, '')}`).toBe(keys.fingerprint);
    });

    it('fails the check when a file of the pack is changed: sha256sum -c names it, openssl rejects the signed manifest once it is rewritten', () => {
      const folder = join(work, 'sealed', `evidence-pack-${period}`);
      const target = `originals/${sha256(sent.get('fx.xlsx')!)}.xlsx`;
      const bytes = readFileSync(join(folder, target));
      bytes[bytes.length - 1] ^= 0xff;
      writeFileSync(join(folder, target), bytes);
      const checked = tool('sha256sum', ['-c', 'SHA256SUMS'], folder);
      expect(checked.code).toBe(1);
      expect(checked.stdout).toMatch(`${target}: FAILED`);

      // Rewriting SHA256SUMS to match makes sha256sum content; the signature over it is what it cannot forge.
      const sums = readFileSync(join(folder, 'SHA256SUMS'), 'utf8').replace(
        `${sha256(sent.get('fx.xlsx')!)}  ${target}`,
        `${sha256(bytes)}  ${target}`,
      );
      writeFileSync(join(folder, 'SHA256SUMS'), sums);
      expect(tool('sha256sum', ['-c', 'SHA256SUMS'], folder).code).toBe(0);
      const signature = tool(
        'openssl',
        ['pkeyutl', '-verify', '-pubin', '-inkey', 'seal/public-key.pem', '-rawin', '-in', 'SHA256SUMS', '-sigfile', 'SHA256SUMS.sig'],
        folder,
      );
      expect(signature.code).not.toBe(0);
    });

    it('without a seal key says so in the manifest rather than fail, and packs the same head to the same bytes', async () => {
      const first = join(work, 'unsealed-1.zip');
      const second = join(work, 'unsealed-2.zip');
      expect((await runCli(['audit', 'pack', '--period', String(period), '--out', first], env)).exitCode).toBe(0);
      const run = await runCli(['audit', 'pack', '--period', String(period), '--out', second], env);
      expect(run.exitCode).toBe(0);
      expect(run.stdout).toMatch('seal: none: no seal key is configured (DD_SEAL_KEY_FILE');
      expect(sha256(readFileSync(second))).toBe(sha256(readFileSync(first)));

      const extracted = join(work, 'unsealed');
      expect(tool('unzip', ['-q', first, '-d', extracted]).code).toBe(0);
      const folder = join(extracted, `evidence-pack-${period}`);
      expect(tool('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], folder).code).toBe(0);
      const manifest = JSON.parse(readFileSync(join(folder, 'MANIFEST.json'), 'utf8'));
      expect(manifest.seal).toEqual({ sealed: false, reason: 'no seal key is configured (DD_SEAL_KEY_FILE; `audit keygen` makes one)' });
      expect(readdirSync(folder)).not.toContain('seal');
      expect(readFileSync(join(folder, 'README.txt'), 'utf8')).toMatch('This pack is not sealed: no seal key is configured');
    });

    it('leaves out a kept original that was changed on disk, says so, and exits 1', async () => {
      const bytes = sent.get('fx.xlsx')!;
      const kept = join(dataDir, 'originals', sha256(bytes).slice(0, 2), `${sha256(bytes)}.xlsx`);
      chmodSync(kept, 0o644);
      writeFileSync(kept, fixture('Someone Else Ltd'));
      const out = join(work, 'altered.zip');
      const run = await runCli(['audit', 'pack', '--period', String(period), '--out', out], env);
      expect(run.exitCode).toBe(1);
      expect(run.stderr).toMatch(`ALTERED: the kept file ${sha256(bytes)} (originals)`);

      const extracted = join(work, 'altered');
      expect(tool('unzip', ['-q', out, '-d', extracted]).code).toBe(0);
      const folder = join(extracted, `evidence-pack-${period}`);
      expect(tool('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], folder).code).toBe(0);
      expect(readdirSync(join(folder, 'originals'))).not.toContain(`${sha256(bytes)}.xlsx`);
      const manifest = JSON.parse(readFileSync(join(folder, 'MANIFEST.json'), 'utf8'));
      expect(manifest.altered).toEqual([expect.objectContaining({ sha256: sha256(bytes), shelf: 'originals' })]);
    });

    it('refuses a period that is not a reporting year, naming the option, and writes nothing', async () => {
      const out = join(work, 'never.zip');
      await expect(runCli(['audit', 'pack', '--period', '20x4', '--out', out], env)).rejects.toThrow(
        '--period: expected a reporting year such as 2024, got 20x4',
      );
      expect(readdirSync(work)).not.toContain('never.zip');

      const nowhere = await runCli(['audit', 'pack', '--period', String(period), '--out', join(work, 'missing', 'pack.zip')], env);
      expect(nowhere.exitCode).toBe(2);
      expect(nowhere.stderr).toBe(`error: --out: no such folder ${join(work, 'missing')}`);
    });
  });
});
