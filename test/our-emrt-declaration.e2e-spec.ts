import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTemplate, type EmrtTemplateRead } from '@dd/cmrt';
import { EMRT_2_1_FIXTURE, fixturePath, readFixture, writeCells } from '@dd/cmrt/testing';
import { customerDeclarationStream, reviewEmrtDeclaration, type CompanyProfileInput, type CustomerDeclarationIssued } from '@dd/domain';
import { readCompanyProfile, SettableClock, XLSX_CONTENT_TYPE } from '@dd/engine';
import { createEventStore } from '@dd/event-store';
import type { SmelterEntry } from '@dd/projections';
import { filledEmrtCells } from './support/filled-templates';
import { runCli } from './support/run-cli';
import { RunningApi } from './support/running-api';

/**
 * Our own EMRT, over real HTTP and a real SQLite log: three suppliers asked for their EMRT, one sends
 * a proper cobalt EMRT (a smelter and a mine), one the blank template (received, not usable), one
 * nothing. Our EMRT, written into RMI's EMRT 2.1 blank (the trimmed copy committed under
 * libs/cmrt/test-fixtures), declares cobalt from the usable answer, lists the cobalt smelter the
 * register identified that year and the mine, reads back through our reader, and is recorded.
 */
const PROFILE: CompanyProfileInput = {
  name: 'Cobalt Buyer AG',
  contact: { name: 'Casey Compliance', email: 'casey@buyer.example', phone: '+41 44 000 00 00' },
  authorizer: { name: 'Avery Authorizer', title: 'COO', email: 'avery@buyer.example' },
  annualDisclosure: 'No',
};

describe('our own EMRT for a year with EMRT answers', () => {
  const period = 2025;
  const clock = new SettableClock('2026-02-02T09:00:00.000Z');
  const templatePath = fixturePath(EMRT_2_1_FIXTURE);
  const suppliers = ['e-01', 'e-02', 'e-03'];
  const nameOf = (supplierId: string) => `Battery Supplier ${supplierId}`;
  let dir: string;
  let companyFile: string;
  let api: RunningApi;

  const ok = async (command: string, body: unknown) => {
    const response = await api.post(command, body);
    if (response.status !== 201) throw new Error(`${command}: ${response.status} ${JSON.stringify(response.body)}`);
  };
  const upload = async (supplierId: string, bytes: Uint8Array) => {
    const response = await api.upload('/cmrt-responses', { supplierId, period: String(period) }, { name: `${supplierId}.xlsx`, bytes });
    if (response.status !== 201) throw new Error(`upload for ${supplierId}: ${response.status} ${JSON.stringify(response.body)}`);
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dd-emrt-declaration-'));
    companyFile = join(dir, 'company.json');
    writeFileSync(companyFile, JSON.stringify(PROFILE));
    api = await RunningApi.start({
      declarations: { companyFile, company: readCompanyProfile(companyFile), emrtTemplate: templatePath },
      engine: { clock },
    });
    await ok('OpenPeriod', { period, policy: { reminderDays: [14, 28], defaultDueDate: '2026-03-31' } });
    for (const supplierId of suppliers) await ok('RegisterSupplier', { supplierId, name: nameOf(supplierId), tier: 'direct' });
    await ok('LaunchCampaign', { campaignId: 'emrt-2025', period, selection: {}, family: 'emrt', templateVersion: '2.1' });
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
    api?.removeData();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 422 declaration-no-emrt-answers while no usable EMRT has come back, and declaration-no-survey for a year nobody was asked', async () => {
    await upload('e-02', readFixture(EMRT_2_1_FIXTURE));
    const noAnswers = await api.get(`/declarations/emrt?period=${period}`);
    expect(noAnswers.status).toBe(422);
    expect(noAnswers.contentType).toContain('application/problem+json');
    expect(noAnswers.body).toMatchObject({ code: 'declaration-no-emrt-answers' });
    const noSurvey = await api.get(`/declarations/emrt?period=${period - 1}`);
    expect(noSurvey.status).toBe(422);
    expect(noSurvey.body).toMatchObject({ code: 'declaration-no-survey' });
  });

  it('given a usable cobalt EMRT, when our EMRT is downloaded, then it reads back with cobalt, the identified cobalt smelter and the mine, and is recorded', async () => {
    await upload('e-01', writeCells(readFixture(EMRT_2_1_FIXTURE), filledEmrtCells(nameOf('e-01'))));
    const response = await fetch(`${api.started.url}/declarations/emrt?period=${period}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(XLSX_CONTENT_TYPE);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="Cobalt_Buyer_AG_EMRT_2.1_${period}.xlsx"`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    expect(response.headers.get('x-declaration-sha256')).toBe(sha256);

    const read = readTemplate(bytes) as EmrtTemplateRead;
    expect(read).toMatchObject({ family: 'emrt', templateVersion: '2.1', readerFindings: [] });
    const { declaration } = read;
    expect(declaration.company).toMatchObject({ name: PROFILE.name, scope: 'company', effectiveDate: '2026-02-02' });
    const coverage = '1 of 3 relevant suppliers answered usably';
    expect(declaration.minerals).toEqual([
      {
        mineral: 'cobalt',
        slot: 0,
        q1: { answer: 'Yes' },
        q2: { answer: 'Yes' },
        q3: { answer: 'Unknown', comment: coverage },
        q4: { answer: 'No', comment: coverage },
        q5: { answer: '50% or less', comment: coverage },
        q6: { answer: 'No', comment: coverage },
        q7: { answer: 'Yes' },
        C: { answer: 'No' },
      },
    ]);
    // The Smelter List is the register's identified cobalt smelters of the year; the mine comes from the answer.
    const register = await api.get<SmelterEntry[]>(`/smelters?period=${period}&metal=cobalt`);
    expect(register.status).toBe(200);
    expect(declaration.smelters.map((row) => `${row.metal} ${row.smelterId}`)).toEqual(
      register.body.map((smelter) => `${smelter.metal} ${smelter.smelterId}`),
    );
    expect(declaration.smelters).toEqual([
      expect.objectContaining({ row: 5, metal: 'cobalt', smelterIdInput: 'CID003927', lookupName: 'Anhui Hanrui New Material Co., Ltd.' }),
    ]);
    expect(declaration.mines).toEqual([
      {
        row: 5,
        metal: 'cobalt',
        smelterName: 'Anhui Hanrui New Material Co., Ltd.',
        mineName: 'Kamoto',
        country: 'CONGO, DEMOCRATIC REPUBLIC OF THE',
      },
    ]);
    // What our own review of an EMRT makes of it (as a customer's would): no Checker error, no reason to
    // call it unusable; the one red flag is the year's own gap (two suppliers without a usable answer,
    // so whether cobalt comes from conflict-affected areas is Unknown).
    const findings = reviewEmrtDeclaration(declaration, {
      expectedCompanyName: PROFILE.name,
      receivedAt: clock.now().toISOString(),
      period,
    });
    expect(findings.map((finding) => [finding.cell, finding.ruleId, finding.severity, finding.metal])).toEqual([
      ['Declaration!D54', 'review.emrt-cahra-unknown', 'red-flag', 'cobalt'],
    ]);

    const store = createEventStore({ kind: 'sqlite', dataDir: api.dataDir });
    try {
      const [issued] = await store.readStream(customerDeclarationStream(period));
      expect(issued.metadata.eventId).toBe(response.headers.get('x-event-id'));
      expect(issued.data).toEqual({
        period,
        family: 'emrt',
        sha256,
        byteLength: bytes.byteLength,
        templateVersion: '2.1',
        scope: 'company',
        metalsInScope: [],
        mineralsInScope: ['cobalt'],
        smelterCount: 1,
        productCount: 0,
        effectiveDate: '2026-02-02',
        issuedBy: 'local',
        fileName: `Cobalt_Buyer_AG_EMRT_2.1_${period}.xlsx`,
        issueNumber: 1,
      } satisfies CustomerDeclarationIssued);
    } finally {
      await store.close();
    }
  });

  it('from the CLI, with --template, writes our EMRT again and records it as the second', async () => {
    await api.stop();
    const out = join(dir, 'our-emrt.xlsx');
    const env = { DD_DATA_DIR: api.dataDir, DD_EVENT_STORE: 'sqlite', DD_COMPANY_FILE: companyFile };
    const run = await runCli(['declaration', 'emrt', '--period', String(period), '--out', out, '--template', templatePath, '--json'], env);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const summary = JSON.parse(run.stdout);
    const bytes = new Uint8Array(readFileSync(out));
    expect(summary).toMatchObject({
      family: 'emrt',
      period,
      templateVersion: '2.1',
      inScope: ['cobalt'],
      smelters: 1,
      mines: 1,
      products: 0,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    expect((readTemplate(bytes) as EmrtTemplateRead).declaration.company.name).toBe(PROFILE.name);

    const refused = await runCli(['declaration', 'emrt', '--period', String(period), '--out', out], env);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('declaration-template-missing');

    const store = createEventStore({ kind: 'sqlite', dataDir: api.dataDir });
    try {
      const issued = (await store.readStream(customerDeclarationStream(period))).map((event) => event.data as CustomerDeclarationIssued);
      expect(issued.map((data) => [data.issueNumber, data.family, data.sha256])).toEqual([
        [1, 'emrt', expect.any(String)],
        [2, 'emrt', summary.sha256],
      ]);
    } finally {
      await store.close();
    }
  }, 120_000);
});
