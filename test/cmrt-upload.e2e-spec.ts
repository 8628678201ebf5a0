import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { readSmelterLookup } from '@dd/cmrt';
import { cmrtFiles } from '@dd/cmrt/testing';
import { loadWorkbook, setCells, write } from '@dd/cmrt/testing';
import { cmrtDeclarationRows, minimalXlsx, patchDeclaredSize } from '@dd/cmrt/testing';
import { sheetPart } from '@dd/cmrt/testing';
import { paddedPart, replaceEntry } from '@dd/cmrt/testing';
import { referenceRowsFromLookup } from '../apps/cli/src/smelters/reference-list-source';
import { SettableClock } from '@dd/engine';
import { RunningApi } from './support/running-api';

/**
 * POST /cmrt-responses over real HTTP with the real RMI workbooks: what was read and recorded,
 * follow-ups opened and resolved, smelters matched, and files that must leave no trace.
 */
const files = cmrtFiles();
const describeWithFiles = files ? describe : describe.skip;

const period = 2024;
const dueDate = `${new Date().getUTCFullYear() + 1}-01-31`;
const OLE2_HEADER = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Uint8Array(504)]);

describeWithFiles('POST /cmrt-responses (real CMRT workbooks)', () => {
  let api: RunningApi;

  const upload = (supplierId: string, name: string, bytes: Uint8Array, extra: Record<string, string> = {}) =>
    api.upload('/cmrt-responses', { supplierId, period: String(period), ...extra }, { name, bytes });
  const head = async () => (await api.get('/health')).body.headPosition as number;
  const trailCount = async (supplierId: string) =>
    (await api.get(`/audit-trail?supplierId=${supplierId}&limit=1000`)).body.items.length as number;

  /** The recorded events of a stream, straight from the log file (read-only; the API keeps writing). */
  function eventsOf(streamId: string): Array<{ type: string; data: any }> {
    const db = new Database(join(api.dataDir, 'events.sqlite'), { readonly: true });
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
    // The samples answer for 2024: the requests go out in January 2025, when those answers were current.
    api = await RunningApi.start({ engine: { clock: new SettableClock('2025-01-15T09:00:00.000Z') } });
    const suppliers = [
      { supplierId: 'jx', name: 'JX Advanced Metals Corporation', tier: 'indirect', country: 'JP' },
      { supplierId: 'cg', name: 'Central Glass Co., Ltd.', tier: 'direct', country: 'JP' },
      { supplierId: 'acme', name: 'ACME Metals GmbH', tier: 'direct', country: 'DE' },
      { supplierId: 'quiet', name: 'Not Surveyed Ltd', tier: 'direct' },
    ];
    for (const supplier of suppliers) expect((await api.post('RegisterSupplier', supplier)).status).toBe(201);
    for (const supplierId of ['jx', 'cg', 'acme']) expect((await api.post('SendCMRT', { supplierId, period, dueDate })).status).toBe(201);
    // RMI's reference list as shipped in the 6.4 template (the samples are 6.4 responses), via the command bus.
    const rows = referenceRowsFromLookup(readSmelterLookup(files!.template('6.4')));
    const imported = await api.post('ImportReferenceList', {
      asOf: '2024-02-28',
      source: { kind: 'cmrt-template', fileName: 'RMI_CMRT_6.4_blank_English.xlsx', sha256: 'a'.repeat(64), templateVersion: '6.4' },
      rows,
    });
    expect(imported.status).toBe(201);
  });

  afterAll(async () => {
    await api.stop();
    api.removeData();
  });

  it('records the JX sample: what was read, every finding with its cell, no follow-up, all 27 smelters matched by CID', async () => {
    const started = performance.now();
    const response = await upload('jx', 'CMRT_6.4_JX_Advanced_Metals_anonymised.xlsx', files!.sample('JX'));
    const elapsed = performance.now() - started;
    console.log(
      `[cmrt-upload] JX sample (${files!.sample('JX').byteLength} bytes): read, checked and recorded in ${elapsed.toFixed(0)} ms`,
    );

    expect(response.status).toBe(201);
    const body = response.body;
    expect(body).toMatchObject({
      streamId: `survey-${period}-jx`,
      duplicate: false,
      recorded: true,
      templateVersion: '6.4',
      language: 'English',
      requestNumber: 1,
      responseNumber: 1,
      supersedesResponse: null,
      company: { name: 'JX Advanced Metals Corporation', scope: 'product' },
      inScopeMetals: ['tantalum', 'tungsten'],
      findingCounts: { error: 0, warning: 0, 'red-flag': 4, info: 0 },
      followUps: { opened: [], resolved: [] },
      products: 3,
    });
    expect(body.eventIds).toHaveLength(1);
    expect(body.file).toEqual({
      fileName: 'CMRT_6.4_JX_Advanced_Metals_anonymised.xlsx',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      size: files!.sample('JX').byteLength,
    });
    expect(body.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          ruleId: 'review.covered-countries-sourcing',
          severity: 'red-flag',
          cell: 'Declaration!D38',
          metal: 'tantalum',
        }),
        expect.objectContaining({
          ruleId: 'review.covered-countries-sourcing',
          severity: 'red-flag',
          cell: 'Declaration!D41',
          metal: 'tungsten',
        }),
      ]),
    );
    for (const finding of body.findings) expect(finding.cell).toMatch(/^(Declaration|Smelter List|Product List)!/);
    expect(body.smelters).toMatchObject({
      total: 27,
      matched: 27,
      needsConfirmation: 0,
      unidentified: 0,
      unresolved: 0,
      referenceListAsOf: '2024-02-28',
    });
    for (const row of body.smelters.rows)
      expect(row).toMatchObject({ status: 'matched', method: 'cid', smelterId: expect.stringMatching(/^CID\d{6}$/) });

    // The event keeps the file's fingerprint; the supplier view lists the response.
    const [recorded] = eventsOf(`survey-${period}-jx`).filter((event) => event.type === 'ResponseRecorded');
    expect(recorded.data.source).toEqual({
      kind: 'cmrt-file',
      fileName: 'CMRT_6.4_JX_Advanced_Metals_anonymised.xlsx',
      sha256: body.file.sha256,
      size: files!.sample('JX').byteLength,
      templateVersion: '6.4',
      language: 'English',
    });
    const supplier = await api.get('/suppliers/jx');
    const survey = supplier.body.surveys.find((s: { period: number }) => s.period === period);
    expect(survey.responses).toEqual([
      expect.objectContaining({
        responseNumber: 1,
        source: 'cmrt-file',
        fileName: 'CMRT_6.4_JX_Advanced_Metals_anonymised.xlsx',
        templateVersion: '6.4',
      }),
    ]);
    expect(survey.latestFindings).toEqual(body.findings);
  });

  it('records the Central Glass sample with its D16 e-mail warning, keeping a non-ASCII file name', async () => {
    const response = await upload('cg', 'セントラル硝子_CMRT_6.4.xlsx', files!.sample('Central Glass'));
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      recorded: true,
      file: { fileName: 'セントラル硝子_CMRT_6.4.xlsx' },
      company: { name: 'Central Glass Co., Ltd.', scope: 'company' },
      inScopeMetals: ['tungsten'],
      findingCounts: { error: 0, warning: 1, 'red-flag': 0 },
      followUps: { opened: [], resolved: [] },
      smelters: { total: 4, matched: 4 },
    });
    expect(response.body.findings).toEqual([
      expect.objectContaining({ ruleId: 'review.contact-email-format', severity: 'warning', cell: 'Declaration!D16', kind: 'inaccurate' }),
    ]);
  });

  it('records nothing new for the same file sent again for the same request', async () => {
    const before = { head: await head(), trail: await trailCount('jx') };
    const again = await upload('jx', 'renamed-copy.xlsx', files!.sample('JX'));
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({
      recorded: false,
      duplicate: true,
      reason: 'same file already recorded for this request',
      responseNumber: 1,
      latestResponseNumber: 1,
      file: { fileName: 'CMRT_6.4_JX_Advanced_Metals_anonymised.xlsx' },
      smelters: { matched: 27 },
    });
    expect(await head()).toBe(before.head);
    expect(await trailCount('jx')).toBe(before.trail);
  });

  it('records a blank template as received but not usable, with one "unusable" follow-up that a corrected workbook resolves; both stay in the history', async () => {
    const blank = await upload('acme', 'RMI_CMRT_6.5_blank.xlsx', files!.template('6.5'));
    expect(blank.status).toBe(201);
    expect(blank.body).toMatchObject({
      recorded: true,
      templateVersion: '6.5',
      language: 'Chinese',
      responseNumber: 1,
      company: { name: null, scope: null },
    });
    // A template sent back untouched is not an answer: the review says so beside what the Checker lists as
    // missing, and one follow-up asks for a proper answer, listing every error.
    expect(blank.body.usability).toBe('blank');
    expect(blank.body.findingCounts.error).toBeGreaterThan(40);
    expect(blank.body.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ruleId: 'review.declaration-blank', severity: 'error', kind: 'unusable' }),
        expect.objectContaining({ ruleId: 'checker.company-name', severity: 'error', cell: 'Declaration!D8', kind: 'incomplete' }),
      ]),
    );
    expect(blank.body.followUps.opened).toEqual([
      { followUpId: expect.any(String), kind: 'unusable', findings: blank.body.findingCounts.error },
    ]);
    const followUpId = blank.body.followUps.opened[0].followUpId;

    const workbook = await loadWorkbook(files!.template('6.5'));
    setCells(workbook.getWorksheet('Declaration')!, {
      D8: 'ACME Metals GmbH',
      D9: 'A. Company',
      D15: 'Jane Roe',
      D16: 'jane.roe@acme.example',
      D17: '+49 30 1234567',
      D18: 'John Doe',
      D20: 'john.doe@acme.example',
      D22: '02-May-2024',
      ...Object.fromEntries(['D26', 'D27', 'D28', 'D29', 'D32', 'D33', 'D34', 'D35'].map((cell) => [cell, 'No'])),
    });
    const corrected = await write(workbook);
    const fixed = await upload('acme', 'ACME_CMRT_6.5_corrected.xlsx', corrected, { receivedAt: '2024-06-20T10:00:00+02:00' });
    expect(fixed.status).toBe(201);
    expect(fixed.body).toMatchObject({
      recorded: true,
      responseNumber: 2,
      supersedesResponse: 1,
      receivedAt: '2024-06-20T08:00:00.000Z',
      company: { name: 'ACME Metals GmbH', scope: 'company' },
      inScopeMetals: [],
      followUps: { opened: [], resolved: [followUpId] },
    });
    expect(fixed.body.findingCounts.error).toBe(0);

    const supplier = await api.get('/suppliers/acme');
    const survey = supplier.body.surveys.find((s: { period: number }) => s.period === period);
    expect(survey.responses.map((r: { responseNumber: number; fileName: string }) => [r.responseNumber, r.fileName])).toEqual([
      [1, 'RMI_CMRT_6.5_blank.xlsx'],
      [2, 'ACME_CMRT_6.5_corrected.xlsx'],
    ]);
    const types = eventsOf(`survey-${period}-acme`).map((event) => event.type);
    expect(types).toEqual(['CMRTSent', 'ResponseRecorded', 'FollowUpRequested', 'ResponseRecorded', 'FollowUpResolved']);

    // The blank file again after the corrected one is a new answer (A, B, A): recorded, and it opens a new follow-up.
    const reverted = await upload('acme', 'RMI_CMRT_6.5_blank.xlsx', files!.template('6.5'));
    expect(reverted.body).toMatchObject({ recorded: true, responseNumber: 3, supersedesResponse: 2, followUps: { resolved: [] } });
    expect(reverted.body.followUps.opened).toEqual([
      { followUpId: expect.not.stringMatching(followUpId), kind: 'unusable', findings: blank.body.findingCounts.error },
    ]);
  }, 60_000);

  it('rejects files that are not a readable CMRT with 422, the reason for the supplier, and appends nothing', async () => {
    const before = { head: await head(), trail: await trailCount('cg') };
    const cases: Array<[string, Uint8Array, string, RegExp]> = [
      ['random.xlsx', new Uint8Array(randomBytes(4096)), 'not-a-workbook', /is not an Excel workbook/],
      ['old-format.xls', OLE2_HEADER, 'legacy-xls', /old \.xls format; please send the \.xlsx CMRT/],
      [
        'amrt.xlsx',
        files!.template('AMRT 1.3'),
        'template-family-not-supported-yet',
        /This is an AMRT 1\.3 \(Additional Minerals Reporting Template\)\. Responses on the AMRT are not supported here yet/,
      ],
    ];
    for (const [name, bytes, code, message] of cases) {
      const response = await upload('cg', name, bytes);
      expect(response.status).toBe(422);
      expect(response.contentType).toContain('application/problem+json');
      expect(response.body).toMatchObject({ status: 422, title: 'CMRT file rejected', code, detail: expect.stringMatching(message) });
    }
    expect(await head()).toBe(before.head);
    expect(await trailCount('cg')).toBe(before.trail);
  });

  it('answers 413 for an upload over the size limit and for a zip bomb, appends nothing, and keeps serving', async () => {
    const before = await head();
    const oversized = await upload('cg', 'huge.xlsx', new Uint8Array(20 * 1024 * 1024 + 1));
    expect(oversized.status).toBe(413);
    expect(oversized.body).toMatchObject({
      status: 413,
      code: 'upload-too-large',
      errors: [{ path: 'file', message: 'larger than 20 MB' }],
    });

    const zip = minimalXlsx({ sheets: [{ name: 'Declaration', sheetData: cmrtDeclarationRows() }] });
    const bomb = patchDeclaredSize(zip, 'xl/worksheets/sheet1.xml', 4_000_000_000);
    expect(bomb.byteLength).toBeLessThan(4096);
    const bombed = await upload('cg', 'bomb.xlsx', bomb);
    expect(bombed.status).toBe(413);
    expect(bombed.body).toMatchObject({
      status: 413,
      code: 'too-large',
      detail: expect.stringMatching(/too large to process/),
      limitBytes: 100 * 1024 * 1024,
    });

    const health = await api.get('/health');
    expect(health.status).toBe(200);
    expect(health.body.headPosition).toBe(before);
  });

  it('refuses with 422 corrupt-zip a workbook whose Declaration declares 64 KB and inflates to 150 MB, recording nothing', async () => {
    const before = { head: await head(), trail: await trailCount('cg') };
    const bytes = files!.sample('Central Glass');
    const lying = replaceEntry(bytes, { ...paddedPart(bytes, sheetPart(bytes, 'Declaration'), 150), size: 64 * 1024 });
    const response = await upload('cg', 'lying.xlsx', lying);
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({
      status: 422,
      title: 'CMRT file rejected',
      code: 'corrupt-zip',
      detail: expect.stringMatching(
        /^The file "lying\.xlsx" is damaged: .* expands beyond the 65536 bytes the archive declares for it\)\. Please save it again in Excel and resend it\.$/,
      ),
    });
    expect(await head()).toBe(before.head);
    expect(await trailCount('cg')).toBe(before.trail);
  });

  it('answers 400 naming each missing or invalid field, the missing file, or a body that is not multipart', async () => {
    const before = await head();
    const empty = await api.upload('/cmrt-responses', {});
    expect(empty.status).toBe(400);
    expect(empty.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['file', 'period', 'supplierId']);

    const wrong = await api.upload(
      '/cmrt-responses',
      { supplierId: 'bad id!', period: '1999', receivedAt: 'yesterday', colour: 'blue' },
      { name: 'x.xlsx', bytes: files!.sample('JX') },
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['colour', 'period', 'receivedAt', 'supplierId']);

    const otherField = await api.upload(
      '/cmrt-responses',
      { supplierId: 'cg', period: String(period) },
      { field: 'workbook', name: 'x.xlsx', bytes: files!.sample('JX') },
    );
    expect(otherField.status).toBe(400);
    expect(otherField.body.errors).toEqual([{ path: 'workbook', message: 'unexpected file field; send the workbook as the field "file"' }]);

    const json = await api.request('POST', '/cmrt-responses', { body: { supplierId: 'cg', period } });
    expect(json.status).toBe(400);
    expect(json.contentType).toContain('application/problem+json');
    expect(json.body.detail).toBe('expected a multipart/form-data body');
    expect(await head()).toBe(before);
  });

  it('refuses a response without a survey with 422 (nothing read is recorded)', async () => {
    const before = await head();
    const response = await upload('quiet', 'jx.xlsx', files!.sample('JX'));
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('survey-not-sent');
    const unknown = await upload('nobody', 'jx.xlsx', files!.sample('JX'));
    expect(unknown.body.code).toBe('supplier-unknown');
    expect(await head()).toBe(before);
  });

  it('is in the OpenAPI document', async () => {
    const docs = await api.get('/docs-json');
    expect(docs.body.paths['/cmrt-responses'].post.requestBody.content['multipart/form-data'].schema.required).toEqual([
      'supplierId',
      'period',
      'file',
    ]);
    expect(Object.keys(docs.body.paths['/cmrt-responses'].post.responses)).toEqual(['201', '400', '401', '403', '413', '422']);
  });
});

describe('POST /cmrt-responses with API keys', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await RunningApi.start({ apiKeys: 'compliance-key=alice:compliance,auditor-key=audit-firm:auditor' });
  });
  afterAll(async () => {
    await api.stop();
    api.removeData();
  });

  it('lets compliance upload and refuses auditors before reading the file', async () => {
    const file = { name: 'x.xlsx', bytes: new Uint8Array(randomBytes(64)) };
    const fields = { supplierId: 'cg', period: String(period) };
    expect((await api.upload('/cmrt-responses', fields, file)).status).toBe(401);
    const auditor = await api.upload('/cmrt-responses', fields, file, { 'x-api-key': 'auditor-key' });
    expect(auditor.status).toBe(403);
    const compliance = await api.upload('/cmrt-responses', fields, file, { 'x-api-key': 'compliance-key' });
    expect(compliance.status).toBe(422);
    expect(compliance.body.code).toBe('not-a-workbook');
  });
});
