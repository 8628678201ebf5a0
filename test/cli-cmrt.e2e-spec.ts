import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { cmrtFiles } from '@dd/cmrt/testing';
import { SettableClock } from '@dd/engine';
import { RunningApi } from './support/running-api';
import { runCli } from './support/run-cli';

/**
 * The operator's CMRT and smelter-list commands on real RMI workbooks: inspect without a store,
 * reference and RMAP status lists, and batch imports of a folder, with a map, and of a zip.
 */
const files = cmrtFiles();
const describeWithFiles = files ? describe : describe.skip;

describeWithFiles('the CMRT and smelter-list CLI (real CMRT workbooks)', () => {
  let api: RunningApi;
  let env: Record<string, string>;
  let work: string;
  let batch: string;

  const dueDate = `${new Date().getUTCFullYear() + 1}-01-31`;
  const json = (stdout: string) => JSON.parse(stdout);
  const trail = async (args: string[] = []) =>
    json((await runCli(['audit', 'trail', '--limit', '1000', '--json', ...args], env)).stdout).items as Array<{
      type: string;
      actor: string;
      streamId: string;
    }>;

  beforeAll(async () => {
    // The samples answer for 2024: the requests go out in January 2025, when those answers were current.
    api = await RunningApi.start({ engine: { clock: new SettableClock('2025-01-15T09:00:00.000Z') } });
    env = { DD_DATA_DIR: api.dataDir, DD_EVENT_STORE: 'sqlite' };
    const suppliers = [
      { supplierId: 'jx', name: 'JX Advanced Metals Corporation', tier: 'indirect' },
      // Matched case-, space- and punctuation-insensitively against "Central Glass Co., Ltd." in the file.
      { supplierId: 'cg', name: 'CENTRAL GLASS CO LTD', tier: 'direct' },
      { supplierId: 'dist-1', name: 'Taiwan Distributor One', tier: 'direct' },
      { supplierId: 'dist-2', name: 'Taiwan Distributor Two', tier: 'direct' },
    ];
    for (const supplier of suppliers) expect((await api.post('RegisterSupplier', supplier)).status).toBe(201);
    for (const supplierId of ['jx', 'cg', 'dist-1', 'dist-2'])
      expect((await api.post('SendCMRT', { supplierId, period: 2024, dueDate })).status).toBe(201);
    for (const supplierId of ['jx', 'cg']) expect((await api.post('SendCMRT', { supplierId, period: 2025, dueDate })).status).toBe(201);
    await api.stop();

    work = mkdtempSync(join(tmpdir(), 'dd-cli-cmrt-'));
    batch = join(work, 'batch');
    mkdirSync(join(batch, 'japan'), { recursive: true });
    copyFileSync(files!.samplePath('JX'), join(batch, 'japan', 'jx.xlsx'));
    copyFileSync(files!.samplePath('Central Glass'), join(batch, 'cg.xlsx'));
    writeFileSync(join(batch, 'junk.xlsx'), 'this is not a workbook');
    writeFileSync(join(batch, '~$cg.xlsx'), 'an Excel lock file');
    writeFileSync(join(batch, 'notes.txt'), 'received by e-mail');
  });

  afterAll(() => {
    api.removeData();
    rmSync(work, { recursive: true, force: true });
  });

  describe('cmrt inspect', () => {
    it('prints the JX sample: version, company block, scope, metals, counts and every finding with its cell', async () => {
      const missingStore = join(work, 'no-store-here');
      const run = await runCli(['cmrt', 'inspect', files!.samplePath('JX')], { DD_DATA_DIR: missingStore });
      expect(run.exitCode).toBe(0);
      expect(run.stdout).toMatch(/Template: +CMRT 6\.4, display language English/);
      expect(run.stdout).toMatch(/Company name \(Declaration!D8\) +JX Advanced Metals Corporation/);
      expect(run.stdout).toMatch(/Declaration scope \(Declaration!D9\) +product/);
      expect(run.stdout).toMatch(/In-scope metals: +tantalum, tungsten/);
      expect(run.stdout).toMatch(/Smelter List: +27 row\(s\) \(tantalum 16, tungsten 11\)/);
      expect(run.stdout).toMatch(/Product List: +3 row\(s\)/);
      expect(run.stdout).toMatch(/0 error\(s\), 4 red flag\(s\)/);
      expect(run.stdout).toMatch(/red-flag +review\.covered-countries-sourcing +Declaration!D38/);
      expect(run.stdout).toMatch(/red-flag +review\.covered-countries-sourcing +Declaration!D41/);
      expect(existsSync(missingStore)).toBe(false);
    });

    it('prints JSON for the Central Glass sample', async () => {
      const run = await runCli(['cmrt', 'inspect', files!.samplePath('Central Glass'), '--json'], env);
      expect(run.exitCode).toBe(0);
      const inspection = json(run.stdout);
      expect(inspection).toMatchObject({
        templateVersion: '6.4',
        language: 'English',
        company: { name: 'Central Glass Co., Ltd.', scope: 'company', contactEmail: 'contact,c@example.com' },
        inScopeMetals: ['tungsten'],
        smelters: { rows: 4, byMetal: { tungsten: 4 } },
        products: 0,
        findingCounts: { error: 0, warning: 1, 'red-flag': 0, info: 0 },
        followUpKinds: [],
      });
      expect(inspection.findings).toEqual([
        expect.objectContaining({ ruleId: 'review.contact-email-format', severity: 'warning', cell: 'Declaration!D16' }),
      ]);
      expect(inspection.declaration.smelters.map((row: { smelterId: string }) => row.smelterId)).toEqual([
        'CID002494',
        'CID002551',
        'CID002513',
        'CID002082',
      ]);
    });

    it('exits 0 for a blank template (one finding: not an answer), and 1 with the reason for a file it cannot read', async () => {
      const blank = await runCli(['cmrt', 'inspect', files!.templatePath('6.5'), '--json'], env);
      expect(blank.exitCode).toBe(0);
      expect(json(blank.stdout)).toMatchObject({ templateVersion: '6.5', language: 'Chinese', followUpKinds: ['unusable'] });

      const junk = await runCli(['cmrt', 'inspect', join(batch, 'junk.xlsx')], env);
      expect(junk.exitCode).toBe(1);
      expect(junk.stderr).toMatch(/^rejected \(not-a-workbook\): The file "junk\.xlsx" is not an Excel workbook/);

      const emrt = await runCli(['cmrt', 'inspect', files!.templatePath('EMRT 2.1')], env);
      expect(emrt.exitCode).toBe(1);
      // `cmrt inspect` prints a CMRT's answers; an EMRT is recorded by `cmrt import` (and the upload).
      expect(emrt.stderr).toMatch(/^rejected \(template-family-not-supported-yet\): This is an EMRT 2\.1/);
    });
  });

  describe('smelters import-reference and import-status', () => {
    it('imports the 6.5 template as the reference list, then refuses the older 6.4 one, and ignores 6.5 again', async () => {
      const imported = await runCli(['smelters', 'import-reference', files!.templatePath('6.5')], env);
      expect(imported.exitCode).toBe(0);
      expect(imported.stdout).toMatch(/637 rows, 349 smelters, as of 2025-03-05 \(CMRT 6\.5 template\)/);
      expect(imported.stdout).toMatch(/compared with the previous list: 349 added, 0 removed, 0 renamed/);

      const older = await runCli(['smelters', 'import-reference', files!.templatePath('6.4')], env);
      expect(older.exitCode).toBe(1);
      expect(older.stderr).toMatch(
        /^refused \(reference-list-older\): the list as of 2024-02-28 is older than the current one \(as of 2025-03-05\)/,
      );

      const again = await runCli(['smelters', 'import-reference', files!.templatePath('6.5'), '--json'], env);
      expect(again.exitCode).toBe(0);
      expect(json(again.stdout)).toMatchObject({ recorded: false, asOf: '2025-03-05', rows: 637, diff: null });
      expect((await trail(['--type', 'ReferenceListImported'])).map((event) => event.actor)).toEqual([expect.stringMatching(/^cli/)]);
    });

    it('imports a reference list from CSV, and records what changed from one list to the next', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'dd-cli-reference-'));
      const fresh = { DD_DATA_DIR: dataDir, DD_EVENT_STORE: 'sqlite' };
      try {
        const csv = join(work, 'reference.csv');
        writeFileSync(
          csv,
          '\ufeffMetal,Smelter Look-up,Standard Smelter Name,Smelter Country,Smelter ID,Source of Smelter Identification Number,Street,City,State/Province\r\n' +
            'Tin,"Yunnan Tin Company Limited","Yunnan Tin Company Limited",CHINA,CID002180,RMI,,Gejiu,Yunnan\r\n' +
            'Tin,Yunnan Tin,"Yunnan Tin Company Limited",CHINA,CID002180,RMI,,,\r\n' +
            'Gold,"Metalor Technologies (Suisse) SA","Metalor Technologies (Suisse) SA",SWITZERLAND,CID001153,RMI,,Marin,\r\n' +
            'Tungsten,Smelter not listed,,,,,,,\r\n',
        );
        const first = await runCli(['smelters', 'import-reference', csv, '--as-of', '2024-01-15'], fresh);
        expect(first.exitCode).toBe(0);
        expect(first.stdout).toMatch(/4 rows, 2 smelters, as of 2024-01-15/);
        expect(first.stdout).toMatch(/2 added, 0 removed, 0 renamed/);

        const next = await runCli(['smelters', 'import-reference', files!.templatePath('6.4')], fresh);
        expect(next.exitCode).toBe(0);
        expect(next.stdout).toMatch(/660 rows, 368 smelters, as of 2024-02-28/);

        const latest = await runCli(['smelters', 'import-reference', files!.templatePath('6.5'), '--json'], fresh);
        const diff = json(latest.stdout).diff;
        expect([diff.added.length, diff.removed.length]).toEqual([11, 30]);

        const noDate = await runCli(['smelters', 'import-reference', csv], fresh);
        expect(noDate.exitCode).toBe(1);
        expect(noDate.stderr).toMatch(/needs its as-of date: --as-of YYYY-MM-DD/);

        const bad = join(work, 'bad-reference.csv');
        writeFileSync(
          bad,
          'metal;smelter id;standard smelter name\nTin;CID002180;Yunnan Tin\nCopper;CID000001;Copper Co\nGold;12345;Gold Co\n',
        );
        const invalid = await runCli(['smelters', 'import-reference', bad, '--as-of', '2026-01-01'], fresh);
        expect(invalid.exitCode).toBe(1);
        expect(invalid.stderr).toMatch(/line 3, column "Metal": "Copper" is not Tantalum, Tin, Gold or Tungsten/);
        expect(invalid.stderr).toMatch(/line 4, column "Smelter ID": expected an RMI smelter id such as CID002494/);
        expect(await trailCountOf(fresh, 'ReferenceListImported')).toBe(3);
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    });

    it('imports RMAP status lists from CSV with their changes, and names the line of an unknown status', async () => {
      const first = join(work, 'rmap-2025-01.csv');
      writeFileSync(
        first,
        'Metal,Smelter ID,Name,Status,As Of\n' +
          'Tin,CID002180,Yunnan Tin Company Limited,Conformant,2025-01-31\n' +
          'Gold,CID001153,"Metalor Technologies (Suisse) SA",Conformant,2025-01-31\n' +
          'Tungsten,CID002082,"Xiamen Tungsten Co., Ltd.",Active,2025-01-31\n',
      );
      const imported = await runCli(['smelters', 'import-status', first], env);
      expect(imported.exitCode).toBe(0);
      expect(imported.stdout).toMatch(/3 smelters as of 2025-01-31/);
      expect(imported.stdout).toMatch(/changes: 3 newly listed, 0 changed status, 0 no longer listed/);

      const second = join(work, 'rmap-2025-04.csv');
      writeFileSync(second, 'metal,cid,status\r\nTin,CID002180,Non-Conformant\r\nTungsten,CID002082,Conformant\r\n');
      const changed = await runCli(['smelters', 'import-status', second, '--as-of', '2025-04-30', '--json'], env);
      expect(changed.exitCode).toBe(0);
      expect(json(changed.stdout)).toMatchObject({ recorded: true, asOf: '2025-04-30', entries: 2, listed: 0, changed: 2, delisted: 1 });

      const invalid = join(work, 'rmap-invalid.csv');
      writeFileSync(invalid, 'Metal,Smelter ID,Status\nTin,CID002180,Conformant\nGold,CID001153,Pending\n');
      const refused = await runCli(['smelters', 'import-status', invalid, '--as-of', '2025-06-30'], env);
      expect(refused.exitCode).toBe(1);
      expect(refused.stderr).toMatch(/line 3, column "Status": unknown status "Pending"/);

      const older = await runCli(['smelters', 'import-status', first], env);
      expect(older.exitCode).toBe(1);
      expect(older.stderr).toMatch(
        /^refused \(status-list-older\): the status list as of 2025-01-31 is older than the current one \(as of 2025-04-30\)/,
      );
      expect((await trail(['--type', 'RmapStatusListImported'])).length).toBe(2);
    });
  });

  describe('cmrt import', () => {
    it('records a folder file by file, matching suppliers by company name; a junk file is rejected (exit 1)', async () => {
      const run = await runCli(['cmrt', 'import', batch, '--period', '2024'], env);
      expect(run.exitCode).toBe(1);
      const rows = run.stdout.split('\n');
      expect(rows[0]).toMatch(/^file +supplier +result +version +errors +red flags +follow-ups +smelters matched$/);
      expect(rows.find((row) => row.startsWith('cg.xlsx'))).toMatch(/^cg\.xlsx +cg +recorded +6\.4 +0 +0 +- +4\/4$/);
      expect(rows.find((row) => row.startsWith('japan/jx.xlsx'))).toMatch(/^japan\/jx\.xlsx +jx +recorded +6\.4 +0 +4 +- +\d+\/27$/);
      expect(rows.find((row) => row.startsWith('junk.xlsx'))).toMatch(/^junk\.xlsx +rejected: not-a-workbook$/);
      expect(run.stdout).toMatch(/junk\.xlsx: The file "junk\.xlsx" is not an Excel workbook/);
      expect(run.stdout).toMatch(
        /3 file\(s\): 2 recorded, 0 already recorded, 1 rejected, 0 without supplier, 0 refused; skipped 1 file\(s\) that are not workbooks: notes\.txt/,
      );
      expect(run.stdout).not.toMatch(/~\$cg/);

      const responses = (await trail(['--type', 'ResponseRecorded'])).filter((event) => event.streamId.startsWith('survey-2024-'));
      expect(responses.map((event) => event.streamId).sort()).toEqual(['survey-2024-cg', 'survey-2024-jx']);
      expect(responses.every((event) => event.actor.startsWith('cli'))).toBe(true);
    });

    it('records nothing new when the same folder is imported again', async () => {
      const before = (await trail()).length;
      const run = await runCli(['cmrt', 'import', batch, '--period', '2024', '--json'], env);
      expect(run.exitCode).toBe(1);
      const result = json(run.stdout);
      expect(result.files.map((file: { file: string; result: string }) => [file.file, file.result])).toEqual([
        ['cg.xlsx', 'already-recorded'],
        ['japan/jx.xlsx', 'already-recorded'],
        ['junk.xlsx', 'rejected'],
      ]);
      expect(result.files[0]).toMatchObject({
        reason: 'same file already recorded for this request',
        outcome: { recorded: false, responseNumber: 1 },
      });
      expect(result.skipped).toEqual(['notes.txt']);
      const text = await runCli(['cmrt', 'import', batch, '--period', '2024'], env);
      expect(text.stdout).toMatch(/^cg\.xlsx +cg +same file already recorded/m);
      expect((await trail()).length).toBe(before);
    });

    it('takes suppliers from a map file, and refuses a map naming an unknown supplier before recording anything', async () => {
      const map = join(work, 'suppliers.csv');
      writeFileSync(map, 'file,supplierId\njx.xlsx,dist-1\ncg.xlsx,dist-2\n');
      const run = await runCli(['cmrt', 'import', batch, '--period', '2024', '--map', map, '--findings'], env);
      expect(run.exitCode).toBe(1);
      expect(run.stdout).toMatch(/^cg\.xlsx +dist-2 \(map\) +recorded/m);
      expect(run.stdout).toMatch(/^japan\/jx\.xlsx +dist-1 \(map\) +recorded/m);
      expect(run.stdout).toMatch(
        /cg\.xlsx -> dist-2, response 1: Central Glass Co\., Ltd\., scope company, CMRT 6\.4 \(English\), in scope: tungsten/,
      );
      expect(run.stdout).toMatch(/warning +review\.contact-email-format +Declaration!D16/);

      const before = (await trail()).length;
      writeFileSync(map, 'file,supplierId\njx.xlsx,nobody\nmissing.xlsx,dist-1\n');
      const refused = await runCli(['cmrt', 'import', batch, '--period', '2024', '--map', map], env);
      expect(refused.exitCode).toBe(1);
      expect(refused.stderr).toMatch(/^nothing recorded: suppliers\.csv: 2 problem\(s\)/);
      expect(refused.stderr).toMatch(/line 2, column "supplierId": no registered supplier nobody/);
      expect(refused.stderr).toMatch(/line 3, column "file": missing\.xlsx is not in the batch/);
      expect((await trail()).length).toBe(before);
    });

    it('records the workbooks of a .zip, ignoring __MACOSX and lock files; a file with no known company is not recorded', async () => {
      const zip = join(work, 'batch.zip');
      writeFileSync(
        zip,
        zipSync({
          'responses/jx.xlsx': new Uint8Array(readFileSync(files!.samplePath('JX'))),
          'responses/cg.xlsx': new Uint8Array(readFileSync(files!.samplePath('Central Glass'))),
          'responses/blank.xlsx': new Uint8Array(readFileSync(files!.templatePath('6.5'))),
          'responses/~$jx.xlsx': new Uint8Array([1, 2, 3]),
          '__MACOSX/responses/._jx.xlsx': new Uint8Array([0, 5, 22, 7]),
        }),
      );
      const run = await runCli(['cmrt', 'import', zip, '--period', '2025', '--json'], env);
      expect(run.exitCode).toBe(1);
      const result = json(run.stdout);
      expect(
        result.files.map((file: { file: string; result: string; supplierId?: string }) => [file.file, file.result, file.supplierId]),
      ).toEqual([
        ['responses/blank.xlsx', 'no-supplier', undefined],
        ['responses/cg.xlsx', 'recorded', 'cg'],
        ['responses/jx.xlsx', 'recorded', 'jx'],
      ]);
      expect(result.files[0].reason).toBe('the file gives no company name (Declaration!D8)');
      const jx = result.files[2].outcome;
      expect(jx).toMatchObject({
        recorded: true,
        templateVersion: '6.4',
        company: { name: 'JX Advanced Metals Corporation' },
        smelters: { total: 27, referenceListAsOf: '2025-03-05' },
      });
      expect(jx.findings).toEqual(expect.arrayContaining([expect.objectContaining({ cell: 'Declaration!D38', severity: 'red-flag' })]));
      expect(jx.smelters.matched + jx.smelters.needsConfirmation + jx.smelters.unresolved).toBe(27);
    });
  });
});

async function trailCountOf(env: Record<string, string>, type: string): Promise<number> {
  return JSON.parse((await runCli(['audit', 'trail', '--type', type, '--json'], env)).stdout).items.length;
}
