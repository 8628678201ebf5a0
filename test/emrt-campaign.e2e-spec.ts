import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SettableClock } from '@dd/engine';
import { CMRT_6_6_FIXTURE, EMRT_2_1_FIXTURE, cmrtFiles, readFixture, writeCells } from '@dd/cmrt/testing';
import { filledEmrtCells } from './support/filled-templates';
import { completeDeclaration } from '@dd/domain/testing';
import { RunningApi } from './support/running-api';

/**
 * The EMRT as a second template family, over real HTTP and a real SQLite log: a year in which twenty
 * suppliers are asked for their CMRT and five of them also for their EMRT (cobalt). Each family is its
 * own survey; the upload endpoint tells a CMRT from an EMRT by the workbook and records it on the
 * supplier's survey of that family; the campaign read model shows received and usable figures per
 * family, where a blank template and a workbook naming another company are received but not usable.
 * The EMRTs are filled in from the EMRT 2.1 blank committed under libs/cmrt/test-fixtures (no ../shared needed).
 */

describe('a campaign asking 20 suppliers for CMRTs and 5 for EMRTs', () => {
  const period = 2024;
  const clock = new SettableClock('2025-01-08T09:00:00.000Z');
  let api: RunningApi;

  const suppliers = Array.from({ length: 20 }, (_, i) => `s-${String(i + 1).padStart(2, '0')}`);
  /** The five that use cobalt: asked for their EMRT too. */
  const cobaltUsers = suppliers.slice(0, 5);
  const nameOf = (supplierId: string) => `Component Supplier ${supplierId}`;

  const ok = async (command: string, body: unknown) => {
    const response = await api.post(command, body);
    if (response.status !== 201) throw new Error(`${command}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const upload = (supplierId: string, bytes: Uint8Array, name = `${supplierId}.xlsx`) =>
    api.upload('/cmrt-responses', { supplierId, period: String(period) }, { name, bytes });
  const recorded = async (supplierId: string, bytes: Uint8Array) => {
    const response = await upload(supplierId, bytes);
    if (response.status !== 201) throw new Error(`upload for ${supplierId}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const emrtBlank = () => readFixture(EMRT_2_1_FIXTURE);
  const filledEmrt = (company: string) => writeCells(emrtBlank(), filledEmrtCells(company));

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
    api = await RunningApi.start({ engine: { clock } });
  });

  afterAll(async () => {
    await api.stop();
    api.removeData();
  });

  it('records EMRTs on the EMRT surveys and shows received and usable per family; blank and foreign workbooks are not usable', async () => {
    // Given twenty suppliers, a CMRT campaign to all of them and an EMRT campaign to the five cobalt users,
    await ok('OpenPeriod', { period, policy: { reminderDays: [14, 28], defaultDueDate: '2025-03-14' } });
    for (const supplierId of suppliers) await ok('RegisterSupplier', { supplierId, name: nameOf(supplierId), tier: 'direct' });
    await ok('LaunchCampaign', { campaignId: 'cmrt-2024', period, selection: {} });
    await ok('LaunchCampaign', {
      campaignId: 'emrt-2024',
      period,
      selection: { supplierIds: cobaltUsers },
      family: 'emrt',
      templateVersion: '2.1',
    });
    const sent = (await api.get(`/campaigns?period=${period}`)).body;
    expect(sent.byFamily).toMatchObject({ cmrt: { requestsSent: 20 }, emrt: { requestsSent: 5 } });
    expect(eventsOf(`survey-${period}-s-01:emrt`)).toEqual([
      { type: 'CMRTSent', data: expect.objectContaining({ family: 'emrt', templateVersion: '2.1', campaignId: 'emrt-2024' }) },
    ]);

    // When two cobalt users send a proper EMRT, one the EMRT blank, one an EMRT naming another company, one nothing,
    const proper = await recorded('s-01', filledEmrt(nameOf('s-01')));
    // (s-02's cobalt comes in part from conflict-affected and high-risk areas: question 3 = Yes)
    const cahra = await recorded(
      's-02',
      writeCells(emrtBlank(), {
        ...filledEmrtCells(nameOf('s-02')),
        Declaration: { ...filledEmrtCells(nameOf('s-02')).Declaration, D54: 'Yes', G54: 'one refiner sources from the DRC' },
      }),
    );
    const blank = await recorded('s-03', emrtBlank());
    const foreign = await recorded('s-04', filledEmrt('Central Glass Co., Ltd.'));
    // ... and of the CMRTs, one comes back blank, one names another company, sixteen are proper (as JSON), two are missing,
    const blankCmrt = await recorded('s-05', readFixture(CMRT_6_6_FIXTURE));
    const foreignCmrt = completeDeclaration();
    foreignCmrt.company.name = 'Central Glass Co., Ltd.';
    await ok('RecordResponse', { supplierId: 's-06', period, declaration: foreignCmrt });
    for (const supplierId of suppliers.slice(6, 18)) {
      const declaration = completeDeclaration();
      declaration.company.name = nameOf(supplierId);
      await ok('RecordResponse', { supplierId, period, declaration });
    }
    for (const supplierId of suppliers.slice(0, 4)) {
      const declaration = completeDeclaration();
      declaration.company.name = nameOf(supplierId);
      await ok('RecordResponse', { supplierId, period, declaration });
    }

    // Then a proper EMRT is recorded on the EMRT survey, usable, with its minerals, smelters and mines, and no finding,
    expect(proper).toMatchObject({
      recorded: true,
      family: 'emrt',
      templateVersion: '2.1',
      usability: 'usable',
      inScopeMetals: [],
      inScopeMinerals: ['cobalt'],
      findingCounts: { error: 0 },
      followUps: { opened: [] },
      smelters: { total: 1 },
      mines: 1,
    });
    expect(eventsOf(`survey-${period}-s-01:emrt`).map((event) => event.type)).toEqual(['CMRTSent', 'EmrtResponseRecorded']);
    // ... a cobalt sourced from CAHRAs is a red flag at its cell, and a cobalt risk in the register like a tin one,
    expect(cahra).toMatchObject({ family: 'emrt', usability: 'usable', findingCounts: { error: 0, 'red-flag': 1 } });
    expect(cahra.findings).toEqual([
      expect.objectContaining({ ruleId: 'review.emrt-cahra-sourcing', severity: 'red-flag', metal: 'cobalt', cell: 'Declaration!D54' }),
    ]);
    const cobaltRisks = (await api.get(`/risk-register?period=${period}&category=cahra-sourcing`)).body;
    expect(cobaltRisks).toEqual([
      expect.objectContaining({ supplierId: 's-02', metal: 'cobalt', category: 'cahra-sourcing', severity: 'high', status: 'open' }),
    ]);
    expect(cobaltRisks[0].reason).toMatch(/^Declaration!D54: Cobalt is sourced from conflict-affected and high-risk areas/);
    // ... the cobalt refiner the EMRTs name (by the id the EMRT's own Smelter Look-up gave) is in the smelter register,
    const cobaltSmelters = (await api.get(`/smelters?period=${period}&metal=cobalt`)).body;
    expect(cobaltSmelters).toEqual([
      expect.objectContaining({
        smelterId: 'CID003927',
        metal: 'cobalt',
        standardName: 'Anhui Hanrui New Material Co., Ltd.',
        onReferenceList: false,
      }),
    ]);
    expect(
      cobaltSmelters[0].namedBy.map((naming: { supplierId: string; method: string; inScope: boolean }) => [
        naming.supplierId,
        naming.method,
        naming.inScope,
      ]),
    ).toEqual([
      ['s-01', 'cid', true],
      ['s-02', 'cid', true],
      // As for a CMRT, the register shows what each latest response names, usable or not (s-04's names another company).
      ['s-04', 'cid', true],
    ]);
    // ... the blank EMRT and the foreign one are received, not usable, each with a follow-up asking for a proper answer,
    expect(blank).toMatchObject({
      family: 'emrt',
      usability: 'blank',
      followUps: { opened: [expect.objectContaining({ kind: 'unusable' })] },
    });
    expect(blank.findings.map((finding: { ruleId: string }) => finding.ruleId)).toEqual(
      expect.arrayContaining(['review.declaration-blank', 'emrt.checker.company-name', 'emrt.checker.q1-required']),
    );
    expect(foreign).toMatchObject({ family: 'emrt', usability: 'another-company' });
    expect(foreign.findings).toContainEqual(expect.objectContaining({ ruleId: 'review.company-name-mismatch', cell: 'Declaration!D8' }));
    expect(foreign.followUps.opened).toEqual([
      { followUpId: `${period}-s-04:emrt-1-unusable`, kind: 'unusable', findings: expect.any(Number) },
    ]);
    expect(blankCmrt).toMatchObject({ family: 'cmrt', usability: 'blank' });

    // ... and the period shows received and usable figures per family (the top level stays the CMRT's),
    const figures = (await api.get(`/campaigns?period=${period}`)).body;
    expect(figures.byFamily).toEqual({
      cmrt: { requestsSent: 20, responded: 18, responseRate: 0.9, usable: 16, usableRate: 0.8, awaitingResponse: 2, overdue: 0 },
      emrt: { requestsSent: 5, responded: 4, responseRate: 0.8, usable: 2, usableRate: 0.4, awaitingResponse: 1, overdue: 0 },
    });
    expect(figures).toMatchObject({ requestsSent: 20, responded: 18, usable: 16, followUpsOpen: 2 });
    // ... as does each campaign, member by member.
    const emrtCampaign = (await api.get('/campaigns/emrt-2024')).body;
    expect(emrtCampaign).toMatchObject({ family: 'emrt', templateVersion: '2.1', sent: 5, responded: 4, usable: 2, usableRate: 0.4 });
    expect(emrtCampaign.byFamily).toEqual({ emrt: expect.objectContaining({ requestsSent: 5, responded: 4, usable: 2 }) });
    expect(
      emrtCampaign.members.map((m: { supplierId: string; family: string; responded: boolean; usable: boolean }) => [
        m.supplierId,
        m.family,
        m.responded,
        m.usable,
      ]),
    ).toEqual([
      ['s-01', 'emrt', true, true],
      ['s-02', 'emrt', true, true],
      ['s-03', 'emrt', true, false],
      ['s-04', 'emrt', true, false],
      ['s-05', 'emrt', false, false],
    ]);
    expect((await api.get('/campaigns/cmrt-2024')).body).toMatchObject({ family: 'cmrt', sent: 20, responded: 18, usable: 16 });

    // When the blank one sends its proper EMRT, then it counts as usable and its follow-up is resolved by it.
    const resubmitted = await recorded('s-03', filledEmrt(nameOf('s-03')));
    expect(resubmitted).toMatchObject({
      family: 'emrt',
      usability: 'usable',
      supersedesResponse: 1,
      followUps: { resolved: [blank.followUps.opened[0].followUpId] },
    });
    expect((await api.get(`/campaigns?period=${period}`)).body.byFamily.emrt).toMatchObject({ responded: 4, usable: 3 });
  });

  it('refuses an EMRT from a supplier that was not asked for one (survey-not-sent), appending nothing', async () => {
    const head = (await api.get('/health')).body.headPosition as number;
    const response = await upload('s-20', filledEmrt(nameOf('s-20')));
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: 'survey-not-sent', detail: expect.stringContaining('no EMRT was sent to s-20') });
    expect((await api.get('/health')).body.headPosition).toBe(head);
  });
});

const files = cmrtFiles();
/** The same on the official RMI workbooks of ../shared/cmrt (skipped without them). */
(files ? describe : describe.skip)('EMRT and AMRT uploads on the official RMI blanks', () => {
  const period = 2024;
  let api: RunningApi;

  beforeAll(async () => {
    api = await RunningApi.start({ engine: { clock: new SettableClock('2025-01-08T09:00:00.000Z') } });
    for (const [command, body] of [
      ['OpenPeriod', { period, policy: { reminderDays: [14], defaultDueDate: '2025-03-14' } }],
      ['RegisterSupplier', { supplierId: 'cobalt-co', name: 'Cobalt Components GmbH', tier: 'direct' }],
      ['SendCMRT', { supplierId: 'cobalt-co', period, dueDate: '2025-03-14', family: 'emrt' }],
    ] as const) {
      const response = await api.post(command, body);
      if (response.status !== 201) throw new Error(`${command}: ${response.status} ${JSON.stringify(response.body)}`);
    }
  });

  afterAll(async () => {
    await api.stop();
    api.removeData();
  });

  const upload = (name: string, bytes: Uint8Array) =>
    api.upload('/cmrt-responses', { supplierId: 'cobalt-co', period: String(period) }, { name, bytes });

  it('records an EMRT filled in from the RMI EMRT 2.1 blank, usable, with its minerals, smelters and mines', async () => {
    const response = await upload('cobalt-co.xlsx', writeCells(files!.template('EMRT 2.1'), filledEmrtCells('Cobalt Components GmbH')));
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      family: 'emrt',
      templateVersion: '2.1',
      usability: 'usable',
      inScopeMinerals: ['cobalt'],
      findingCounts: { error: 0 },
      smelters: { total: 1 },
      mines: 1,
    });
  });

  it('refuses the AMRT 1.3 as template-family-not-supported-yet, naming the family', async () => {
    const response = await upload('amrt.xlsx', files!.template('AMRT 1.3'));
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({
      code: 'template-family-not-supported-yet',
      detail: expect.stringMatching(/^This is an AMRT 1\.3/),
    });
  });
});
