import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTemplate } from '@dd/cmrt';
import { cmrtFiles, CMRT_6_6_FIXTURE, fixturePath } from '@dd/cmrt/testing';
import {
  customerDeclarationStream,
  evaluateDeclaration,
  inScopeMetals,
  type CustomerDeclarationIssued,
  type CompanyProfileInput,
  type Declaration,
} from '@dd/domain';
import { EVENT_STORE, readCompanyProfile, SettableClock, XLSX_CONTENT_TYPE } from '@dd/engine';
import { createEventStore, type EventStore } from '@dd/event-store';
import type { SmelterEntry } from '@dd/projections';
import { seedDemoYear } from '../apps/cli/src/demo/seed-demo-year';
import { runCli } from './support/run-cli';
import { RunningApi } from './support/running-api';

/**
 * Done when: our own CMRT for a demo year round-trips through our reader, and its Smelter List
 * equals the smelters the register identified that year. The blank is RMI's CMRT 6.5 when
 * ../shared/cmrt is present, otherwise the committed 6.6 fixture built from it.
 */
const PROFILE: CompanyProfileInput = {
  name: 'Demo Devices Inc. (sample data)',
  address: '1 Sample Road, Springfield',
  contact: { name: 'Casey Compliance', email: 'casey@demo.example', phone: '+1 555 0100' },
  authorizer: { name: 'Avery Authorizer', title: 'VP Operations', email: 'avery@demo.example', phone: '+1 555 0101' },
  annualDisclosure: 'Yes, with the SEC',
};

describe('our own CMRT for the demo year', () => {
  const period = 2026;
  const clock = new SettableClock(`${period + 1}-01-01T00:00:00.000Z`);
  const files = cmrtFiles();
  const templatePath = files ? files.templatePath('6.5') : fixturePath(CMRT_6_6_FIXTURE);
  const templateVersion = files ? '6.5' : '6.6';
  let dir: string;
  let companyFile: string;
  let api: RunningApi;

  const download = async (path: string) => {
    const response = await fetch(`${api.started.url}${path}`);
    return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dd-declaration-'));
    companyFile = join(dir, 'company.json');
    writeFileSync(companyFile, JSON.stringify(PROFILE));
    api = await RunningApi.start({
      declarations: { companyFile, company: readCompanyProfile(companyFile), cmrtTemplate: templatePath },
      engine: { clock, escalationIntervalMs: 0, reminderIntervalMs: 0 },
    });
    await seedDemoYear(api.started.app, clock, period);
  }, 240_000);

  afterAll(async () => {
    await api?.stop();
    api?.removeData();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given the seeded year, when our CMRT is downloaded, then it reads back with our answers, the Checker finds no error, and its Smelter List is the register of that year', async () => {
    const { response, bytes } = await download(`/declarations/cmrt?period=${period}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(XLSX_CONTENT_TYPE);
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="Demo_Devices_Inc._sample_data_CMRT_${templateVersion}_${period}.xlsx"`,
    );
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    expect(response.headers.get('x-declaration-sha256')).toBe(sha256);

    const read = readTemplate(bytes);
    expect(read.family).toBe('cmrt');
    expect(read.templateVersion).toBe(templateVersion);
    expect(read.readerFindings).toEqual([]);
    const declaration = read.declaration as Declaration;
    expect(declaration.company).toMatchObject({ name: PROFILE.name, scope: 'company', contactEmail: 'casey@demo.example' });
    // No Checker error. The red flags are the year's: a tin supplier sources from the covered countries
    // (its smelter in Rwanda), and two sub-tier suppliers never answered, so for every metal we declare
    // Q6 is below 100 %, Q7 is No, and Q3/Q4 are Unknown wherever no supplier said Yes.
    const findings = evaluateDeclaration(declaration, { receivedAt: clock.now().toISOString() });
    expect(findings.map((finding) => [finding.cell, finding.ruleId, finding.severity, finding.metal])).toEqual([
      ['Declaration!D38', 'review.covered-countries-unknown', 'red-flag', 'tantalum'],
      ['Declaration!D39', 'review.covered-countries-sourcing', 'red-flag', 'tin'],
      ['Declaration!D40', 'review.covered-countries-unknown', 'red-flag', 'gold'],
      ['Declaration!D44', 'review.cahra-unknown', 'red-flag', 'tantalum'],
      ['Declaration!D45', 'review.cahra-unknown', 'red-flag', 'tin'],
      ['Declaration!D46', 'review.cahra-unknown', 'red-flag', 'gold'],
      ['Declaration!D56', 'review.supplier-response-below-100', 'red-flag', 'tantalum'],
      ['Declaration!D57', 'review.supplier-response-below-100', 'red-flag', 'tin'],
      ['Declaration!D58', 'review.supplier-response-below-100', 'red-flag', 'gold'],
      ['Declaration!D62', 'review.smelters-not-all-identified', 'red-flag', 'tantalum'],
      ['Declaration!D63', 'review.smelters-not-all-identified', 'red-flag', 'tin'],
      ['Declaration!D64', 'review.smelters-not-all-identified', 'red-flag', 'gold'],
    ]);
    expect(declaration.minerals.tin.q6).toEqual({ answer: 'Greater than 90%', comment: '43 of 45 relevant suppliers answered usably' });
    expect(declaration.minerals.tin.q3?.comment).toMatch(/^Declared by 1 supplier\(s\): demo-/);

    const register = await api.get<SmelterEntry[]>(`/smelters?period=${period}`);
    expect(register.status).toBe(200);
    // Every smelter identified that year for a metal we declare (Q1 = Q2 = Yes: our products need tin,
    // gold, tantalum); the demo's sub-tier suppliers also name a tungsten refiner, which no product of
    // ours needs: a row for it would contradict our Q1 (review.smelter-metal-out-of-scope).
    const declared = inScopeMetals(declaration);
    expect(declared).toEqual(['tantalum', 'tin', 'gold']);
    const key = (smelter: { metal?: string; smelterId?: string }) => `${smelter.metal} ${smelter.smelterId}`;
    const identified = register.body
      .filter((smelter) => (declared as string[]).includes(smelter.metal))
      .map(key)
      .sort();
    expect(identified.length).toBeGreaterThan(0);
    expect(declaration.smelters.map(key).sort()).toEqual(identified);
    expect(register.body.filter((smelter) => !(declared as string[]).includes(smelter.metal)).map(key)).toEqual(['tungsten CID009004']);
    // The demo's smelters are newer than any RMI list: each is "Smelter not listed" with the register's name and country.
    for (const row of declaration.smelters) {
      const smelter = register.body.find((entry) => entry.smelterId === row.smelterId)!;
      expect(row).toMatchObject({ lookupName: 'Smelter not listed', name: smelter.standardName, idSource: 'RMI' });
    }

    // What we told our customers, and when: the file's digest is in the log.
    const store = api.started.app.get<symbol, EventStore>(EVENT_STORE);
    const [issued] = await store.readStream(customerDeclarationStream(period));
    expect(issued.type).toBe('CustomerDeclarationIssued');
    expect(issued.metadata.eventId).toBe(response.headers.get('x-event-id'));
    expect(issued.data).toMatchObject({
      period,
      family: 'cmrt',
      sha256,
      byteLength: bytes.byteLength,
      templateVersion,
      scope: 'company',
      smelterCount: identified.length,
      issueNumber: 1,
      issuedBy: 'local',
    });
  });

  it('answers 400 without a year', async () => {
    const response = await api.get('/declarations/cmrt?period=next');
    expect(response.status).toBe(400);
    expect(response.contentType).toContain('application/problem+json');
    expect(response.body.errors).toEqual([{ path: 'period', message: expect.any(String) }]);
  });

  it('answers 422 declaration-no-survey for a year nobody was asked about', async () => {
    const response = await api.get(`/declarations/cmrt?period=${period - 1}`);
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: 'declaration-no-survey' });
  });

  it('from the CLI, with --template, writes the declaration again (recorded as the second), and one for a single product', async () => {
    await api.stop();
    const out = join(dir, 'our-cmrt.xlsx');
    const env = { DD_DATA_DIR: api.dataDir, DD_EVENT_STORE: 'sqlite', DD_COMPANY_FILE: companyFile };
    const run = await runCli(['declaration', 'cmrt', '--period', String(period), '--out', out, '--template', templatePath, '--json'], env);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const summary = JSON.parse(run.stdout);
    const bytes = new Uint8Array(readFileSync(out));
    expect(summary).toMatchObject({ period, templateVersion, sha256: createHash('sha256').update(bytes).digest('hex') });
    const read = readTemplate(bytes).declaration as Declaration;
    expect(read.smelters.length).toBe(summary.smelters);
    expect(read.company.name).toBe(PROFILE.name);

    // A product-level declaration for one product: only its metals, and the Product List names it.
    const productFile = join(dir, 'company-product.json');
    writeFileSync(productFile, JSON.stringify({ ...PROFILE, scope: 'product', products: ['demo-oem-100'] }));
    const productOut = join(dir, 'our-cmrt-product.xlsx');
    const productRun = await runCli(['declaration', 'cmrt', '--period', String(period), '--out', productOut, '--template', templatePath], {
      ...env,
      DD_COMPANY_FILE: productFile,
    });
    expect(productRun.exitCode).toBe(0);
    const productRead = readTemplate(new Uint8Array(readFileSync(productOut)));
    expect(productRead.readerFindings).toEqual([]);
    const productDeclaration = productRead.declaration as Declaration;
    expect(productDeclaration.company.scope).toBe('product');
    expect(inScopeMetals(productDeclaration)).toEqual(['tin', 'gold']);
    expect(productDeclaration.products).toEqual([{ row: 6, number: 'demo-oem-100', name: 'Demo OEM Module 100 (sample data)' }]);
    expect(productDeclaration.smelters.every((row) => row.metal === 'tin' || row.metal === 'gold')).toBe(true);
    expect(
      evaluateDeclaration(productDeclaration, { receivedAt: new Date().toISOString() }).filter((finding) => finding.severity === 'error'),
    ).toEqual([]);

    // A file that cannot be written is not recorded as issued.
    const unwritable = await runCli(
      ['declaration', 'cmrt', '--period', String(period), '--out', join(dir, 'no-such-dir', 'x.xlsx'), '--template', templatePath],
      env,
    );
    expect(unwritable.exitCode).toBe(1);
    expect(unwritable.stderr).toContain('nothing was recorded');

    const refused = await runCli(['declaration', 'cmrt', '--period', String(period), '--out', out], env);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('declaration-template-missing');

    const store = createEventStore({ kind: 'sqlite', dataDir: api.dataDir });
    try {
      const issued = await store.readStream(customerDeclarationStream(period));
      expect(
        issued.map((event) => [
          (event.data as CustomerDeclarationIssued).issueNumber,
          (event.data as CustomerDeclarationIssued).sha256,
          event.metadata.eventId,
        ]),
      ).toEqual([
        [1, expect.any(String), expect.any(String)],
        [2, summary.sha256, summary.eventId],
        [3, expect.any(String), expect.any(String)], // the product-level one; the unwritable file left no event
      ]);
    } finally {
      await store.close();
    }
  }, 120_000);
});

describe('our own CMRT before the engine is configured for it', () => {
  it('answers 409 company-profile-missing, and 403 to an auditor (issuing records an event)', async () => {
    const api = await RunningApi.start({ apiKeys: 'compliance-key-1=alice:compliance,auditor-key-1=audit-firm:auditor' });
    try {
      const response = await api.get('/declarations/cmrt?period=2026', { 'x-api-key': 'compliance-key-1' });
      expect(response.status).toBe(409);
      expect(response.contentType).toContain('application/problem+json');
      expect(response.body).toMatchObject({ code: 'company-profile-missing', detail: expect.stringContaining('DD_COMPANY_FILE') });
      expect((await api.get('/declarations/cmrt?period=2026', { 'x-api-key': 'auditor-key-1' })).status).toBe(403);
    } finally {
      await api.stop();
      api.removeData();
    }
  });
});
