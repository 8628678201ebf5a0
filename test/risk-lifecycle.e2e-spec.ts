import Database from 'better-sqlite3';
import { join } from 'node:path';
import { OverdueMitigationProcessManager, type Clock } from '@dd/engine';
import { RunningApi } from './support/running-api';

/**
 * The risk lifecycle of OECD step 3 and the smelter checks of steps 2 and 4, through HTTP alone:
 * lists imported, a response naming a non-conformant, a conformant and an unknown tin smelter raises
 * the risks by itself; a person assesses, owns, mitigates and tracks one; an overdue action escalates
 * when the clock passes its date; a new status list closes it by itself; the other is closed by hand.
 */
describe('risk lifecycle and smelter register over HTTP', () => {
  const period = 2024;
  let now = new Date('2025-04-01T09:00:00.000Z');
  const clock: Clock = { now: () => now };
  let api: RunningApi;
  let dataDir: string;

  const sha = (char: string) => char.repeat(64);
  const referenceList = {
    asOf: '2025-03-05',
    source: { kind: 'csv', fileName: 'rmi-reference.csv', sha256: sha('a') },
    rows: [
      { metal: 'tin', lookupName: 'Alpha Tin Smelting', standardName: 'Alpha Tin Smelting', country: 'INDONESIA', smelterId: 'CID000001' },
      { metal: 'tin', lookupName: 'Beta Metals', standardName: 'Beta Metals Ltd.', country: 'MALAYSIA', smelterId: 'CID000002' },
      {
        metal: 'gold',
        lookupName: 'Gamma Gold Refinery',
        standardName: 'Gamma Gold Refinery',
        country: 'SWITZERLAND',
        smelterId: 'CID000003',
      },
      { metal: 'tin', lookupName: 'Smelter not listed', standardName: '', country: '' },
    ],
  };
  const statusList = (asOf: string, file: string, alpha: string) => ({
    asOf,
    source: { kind: 'csv', fileName: `rmap-${asOf}.csv`, sha256: sha(file) },
    entries: [
      { metal: 'tin', smelterId: 'CID000001', name: 'Alpha Tin Smelting', status: alpha },
      { metal: 'tin', smelterId: 'CID000002', name: 'Beta Metals Ltd.', status: 'conformant' },
    ],
  });
  const tinAnswers = {
    q1: { answer: 'Yes' },
    q2: { answer: 'Yes' },
    q3: { answer: 'No' },
    q4: { answer: 'No' },
    q5: { answer: 'No' },
    q6: { answer: '100%' },
    q7: { answer: 'Yes' },
    q8: { answer: 'Yes' },
  };
  const declaration = {
    templateVersion: '6.4',
    company: {
      name: 'Acme Components GmbH',
      scope: 'company',
      authorizer: 'Jonas Weber',
      authorizerEmail: 'jonas.weber@acme.example',
      contactName: 'Maria Keller',
      contactEmail: 'maria.keller@acme.example',
      effectiveDate: '2025-03-10',
    },
    minerals: { tantalum: { q1: { answer: 'No' } }, tin: tinAnswers, gold: { q1: { answer: 'No' } }, tungsten: { q1: { answer: 'No' } } },
    companyQuestions: {
      A: { answer: 'Yes' },
      B: { answer: 'Yes', comment: 'https://acme.example/policy' },
      C: { answer: 'Yes' },
      D: { answer: 'Yes' },
      E: { answer: 'Yes, in conformance with IPC1755 (e.g., CMRT)' },
      F: { answer: 'Yes' },
      G: { answer: 'Yes' },
      H: { answer: 'Yes, with the SEC' },
    },
    smelters: [
      {
        row: 5,
        metal: 'tin',
        lookupName: 'Alpha Tin Smelting',
        name: 'Alpha Tin Smelting',
        country: 'INDONESIA',
        smelterId: 'CID000001',
        idSource: 'RMI',
      },
      {
        row: 6,
        metal: 'tin',
        lookupName: 'Beta Metals',
        name: 'Beta Metals Ltd.',
        country: 'MALAYSIA',
        smelterId: 'CID000002',
        idSource: 'RMI',
      },
      {
        row: 7,
        metal: 'tin',
        lookupName: 'Smelter not listed',
        name: 'Mystery Tin Works',
        country: 'PERU',
        idSource: 'Enter smelter details',
      },
    ],
  };

  const ok = async (command: string, body: unknown) => {
    const response = await api.post(command, body);
    if (response.status !== 201) throw new Error(`${command}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as { eventIds: string[] };
  };
  const criterion = async (id: string) => {
    const oecd = await api.get(`/oecd-status?period=${period}`);
    return oecd.body.steps.flatMap((step: { criteria: Array<{ id: string }> }) => step.criteria).find((c: { id: string }) => c.id === id);
  };
  const register = async () => (await api.get(`/risk-register?period=${period}`)).body as Array<Record<string, any>>;
  const byCategory = async (category: string) => (await register()).find((risk) => risk.category === category)!;

  beforeAll(async () => {
    dataDir = RunningApi.dataDir();
    api = await RunningApi.start({ dataDir, engine: { clock, escalationIntervalMs: 0 } });
  });

  afterAll(async () => {
    await api.stop();
    api.removeData();
  });

  it('raises, assesses, mitigates, escalates and closes risks, and shows every step', async () => {
    await ok('ImportReferenceList', referenceList);
    const firstList = await ok('ImportRmapStatusList', statusList('2025-03-05', 'b', 'non-conformant'));
    await ok('RegisterSupplier', { supplierId: 'acme', name: 'Acme Components GmbH', tier: 'direct', country: 'DE' });
    await ok('SendCMRT', { supplierId: 'acme', period, dueDate: '2025-05-31' });
    const response = await ok('RecordResponse', { supplierId: 'acme', period, declaration });

    // The response raised the smelter risks by itself: nobody posted them.
    const risks = await register();
    expect(
      risks.map((risk) => [risk.category, risk.metal, risk.smelterId, risk.severity, risk.status, risk.source, risk.raisedBy]),
    ).toEqual([
      ['non-conformant-smelter', 'tin', 'CID000001', 'high', 'open', 'smelter-status', 'system:smelter-status'],
      ['unknown-smelter', 'tin', null, 'medium', 'open', 'smelter-status', 'system:smelter-status'],
    ]);
    const nonConformant = risks[0];
    const unknown = risks[1];
    expect(nonConformant.reason).toBe(
      'Tin smelter CID000001 (Alpha Tin Smelting) is non-conformant on the RMAP status list as of 2025-03-05; named by acme in response 1, Smelter List row 5.',
    );
    expect(nonConformant.sourceEventIds).toEqual([expect.any(String), response.eventIds[0]]);
    expect(unknown.reason).toMatch(/row 7 "Mystery Tin Works" \(unresolved\)/);

    // The smelter register: who names what, with its RMAP status; the unknown row stays visible.
    const smelters = await api.get(`/smelters?period=${period}`);
    expect(smelters.status).toBe(200);
    expect(
      smelters.body.map((s: any) => [
        s.smelterId,
        s.standardName,
        s.rmapStatus,
        s.namedBy.map((n: any) => `${n.supplierId}:${n.row}:${n.method}`),
      ]),
    ).toEqual([
      ['CID000001', 'Alpha Tin Smelting', 'non-conformant', ['acme:5:cid']],
      ['CID000002', 'Beta Metals Ltd.', 'conformant', ['acme:6:cid']],
    ]);
    expect((await api.get(`/smelters?period=${period}&status=non-conformant`)).body.map((s: any) => s.smelterId)).toEqual(['CID000001']);
    expect((await api.get('/smelters?status=shiny')).status).toBe(400);
    const unresolved = await api.get(`/smelters/unresolved?period=${period}`);
    expect(unresolved.body).toEqual([
      expect.objectContaining({
        supplierId: 'acme',
        row: 7,
        metal: 'tin',
        name: 'Mystery Tin Works',
        status: 'unresolved',
        eventId: response.eventIds[0],
      }),
    ]);
    expect((await api.get('/smelters/unresolved')).status).toBe(400);

    // Step 4: checked against the list; half the identified tin smelters are conformant.
    const step4 = await criterion('smelters-checked-against-audit-programme');
    expect(step4).toMatchObject({ met: true, evidence: [firstList.eventIds[0]] });
    expect(step4.detail.statusListAsOf).toBe('2025-03-05');
    expect(step4.detail.conformance).toEqual([
      { metal: 'tantalum', identified: 0, conformant: 0, active: 0, other: 0, share: null },
      { metal: 'tin', identified: 2, conformant: 1, active: 0, other: 1, share: 0.5 },
      { metal: 'gold', identified: 0, conformant: 0, active: 0, other: 0, share: null },
      { metal: 'tungsten', identified: 0, conformant: 0, active: 0, other: 0, share: null },
    ]);
    expect((await api.get(`/smelters/conformance?period=${period}`)).body[1]).toEqual({
      metal: 'tin',
      identified: 2,
      conformant: 1,
      active: 0,
      other: 1,
      share: 0.5,
    });
    expect(await criterion('risk-strategy-decided')).toMatchObject({
      met: false,
      missing: '2 open high/medium risks have no mitigation decision (DecideMitigation) and are not closed',
    });

    // OECD step 3 by a person: assess (4 x 3 = likely x major → high), own, plan, track.
    const riskId = nonConformant.riskId;
    const refusedPlan = await api.post('DecideMitigation', { riskId, strategy: 'disengage', plan: 'stop', dueDate: '2025-06-30' });
    expect(refusedPlan.body).toMatchObject({ status: 422, code: 'risk-not-assessed' });
    now = new Date('2025-04-02T10:00:00.000Z');
    const assessed = await ok('AssessRisk', { riskId, likelihood: 4, impact: 3, rationale: 'Monthly tin volume through this smelter' });
    now = new Date('2025-04-02T10:05:00.000Z');
    const owned = await ok('AssignRiskOwner', { riskId, owner: 'maria.keller' });
    const pastDue = await api.post('DecideMitigation', {
      riskId,
      strategy: 'continue-trade-during-mitigation',
      plan: 'x',
      dueDate: '2025-03-31',
    });
    expect(pastDue.body).toMatchObject({ status: 422, code: 'due-date-in-past' });
    now = new Date('2025-04-03T08:00:00.000Z');
    const decided = await ok('DecideMitigation', {
      riskId,
      strategy: 'continue-trade-during-mitigation',
      plan: 'Ask Acme to move its tin volume from Alpha to conformant smelters',
      dueDate: '2025-06-30',
      actions: [
        { description: 'Letter to Acme', dueDate: '2025-04-30' },
        { description: 'Acme confirms the new smelters', dueDate: '2025-06-15' },
      ],
    });
    now = new Date('2025-04-20T15:00:00.000Z');
    const progress = await ok('RecordMitigationProgress', { riskId, note: 'Letter drafted, legal review pending', actionIndex: 0 });
    expect((await api.post('RecordMitigationProgress', { riskId, note: 'x', actionIndex: 5 })).body.code).toBe('mitigation-action-unknown');

    let detail = (await api.get(`/risk-register/${riskId}`)).body;
    expect(detail).toMatchObject({
      status: 'mitigating',
      severity: 'high',
      owner: 'maria.keller',
      assessment: { likelihood: 'likely', impact: 'major', severity: 'high', by: 'local', at: '2025-04-02T10:00:00.000Z' },
      mitigation: {
        revision: 1,
        strategy: 'continue-trade-during-mitigation',
        dueDate: '2025-06-30',
        actions: [
          { description: 'Letter to Acme', dueDate: '2025-04-30', completed: false },
          { description: 'Acme confirms the new smelters', dueDate: '2025-06-15', completed: false },
        ],
      },
    });

    // Time passes the letter's due date: the scan escalates it to the owner, once.
    const escalator = api.started.app.get(OverdueMitigationProcessManager);
    now = new Date('2025-04-30T23:00:00.000Z');
    expect(await escalator.scan()).toBe(0);
    now = new Date('2025-05-02T07:00:00.000Z');
    expect(await escalator.scan()).toBe(1);
    expect(await escalator.scan()).toBe(0);
    detail = (await api.get(`/risk-register/${riskId}`)).body;
    expect(detail.status).toBe('escalated');
    expect(detail.escalations).toEqual([
      {
        revision: 1,
        actionIndex: 0,
        dueDate: '2025-04-30',
        escalatedTo: 'maria.keller',
        reason: 'Action 0 "Letter to Acme" was due 2025-04-30 and is not done (2025-05-02)',
        at: '2025-05-02T07:00:00.000Z',
        by: 'system:mitigation-escalation',
        eventId: expect.any(String),
      },
    ]);
    const trail = await api.get(`/audit-trail?streamId=risk-${riskId}&type=RiskEscalated`);
    expect(trail.body.items).toHaveLength(1);

    // RMI says the smelter is conformant now: the risk closes by itself.
    now = new Date('2025-05-16T09:00:00.000Z');
    const secondList = await ok('ImportRmapStatusList', statusList('2025-05-15', 'c', 'conformant'));
    detail = (await api.get(`/risk-register/${riskId}`)).body;
    expect(detail.status).toBe('closed');
    expect(detail.closure).toEqual({
      resolution: 'resolved-by-status-change',
      note: 'Tin smelter CID000001 is conformant on the RMAP status list as of 2025-05-15 (was non-conformant)',
      // A command a process manager sends happens when its cause did: here the list, dated as of its day.
      at: '2025-05-15T00:00:00.000Z',
      by: 'system:smelter-status',
      eventId: expect.any(String),
    });
    expect((await api.post('AssessRisk', { riskId, likelihood: 'rare', impact: 'minor', rationale: 'x' })).body).toMatchObject({
      status: 422,
      code: 'risk-closed',
    });

    // The other risk is closed by a person.
    now = new Date('2025-05-20T11:00:00.000Z');
    const closedByHand = await ok('CloseRisk', {
      riskId: unknown.riskId,
      resolution: 'moved-to-conflict-free-sources',
      note: 'Acme replaced Mystery Tin Works by Beta Metals',
    });
    expect(await byCategory('unknown-smelter')).toMatchObject({
      status: 'closed',
      closure: { resolution: 'moved-to-conflict-free-sources', by: 'local', at: '2025-05-20T11:00:00.000Z' },
    });
    expect((await api.get(`/risk-register?period=${period}&status=closed`)).body).toHaveLength(2);
    expect((await api.get(`/risk-register?period=${period}&status=open`)).body).toEqual([]);

    // The whole history of the first risk: every step, with who and when.
    const history = (await api.get(`/risk-register/${riskId}`)).body.history as Array<Record<string, string>>;
    expect(history.map((item) => [item.type, item.by])).toEqual([
      ['RiskRaised', 'system:smelter-status'],
      ['RiskAssessed', 'local'],
      ['RiskOwnerAssigned', 'local'],
      ['MitigationDecided', 'local'],
      ['MitigationProgressRecorded', 'local'],
      ['RiskEscalated', 'system:mitigation-escalation'],
      ['RiskClosed', 'system:smelter-status'],
    ]);
    expect(history.slice(1).map((item) => item.at)).toEqual([
      '2025-04-02T10:00:00.000Z',
      '2025-04-02T10:05:00.000Z',
      '2025-04-03T08:00:00.000Z',
      '2025-04-20T15:00:00.000Z',
      '2025-05-02T07:00:00.000Z',
      '2025-05-15T00:00:00.000Z',
    ]);
    expect(history.slice(1, 5).map((item) => item.eventId)).toEqual([
      assessed.eventIds[0],
      owned.eventIds[0],
      decided.eventIds[0],
      progress.eventIds[0],
    ]);
    expect(history[1].summary).toBe('Assessed: likelihood likely, impact major, severity high. Monthly tin volume through this smelter');
    for (const item of history) expect(item.recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    // Step 3 met (every high/medium risk has a plan or is closed); step 4's share moved with the list.
    const step3 = await criterion('risk-strategy-decided');
    expect(step3).toMatchObject({ met: true });
    expect(step3.evidence).toEqual(expect.arrayContaining([decided.eventIds[0], closedByHand.eventIds[0]]));
    expect(step3.evidence).toHaveLength(3);
    const step4Later = await criterion('smelters-checked-against-audit-programme');
    expect(step4Later.evidence).toEqual([firstList.eventIds[0], secondList.eventIds[0]]);
    expect(step4Later.detail.conformance[1]).toEqual({ metal: 'tin', identified: 2, conformant: 2, active: 0, other: 0, share: 1 });

    // The smelter's status history and who names it.
    const alpha = (await api.get('/smelters/CID000001')).body;
    expect(alpha).toMatchObject({
      smelterId: 'CID000001',
      metal: 'tin',
      rmapStatus: 'conformant',
      statusAsOf: '2025-05-15',
      onReferenceList: true,
    });
    expect(alpha.statusHistory).toEqual([
      { status: 'non-conformant', asOf: '2025-03-05', eventId: firstList.eventIds[0] },
      { status: 'conformant', asOf: '2025-05-15', eventId: secondList.eventIds[0] },
    ]);
    expect(alpha.namedBy).toEqual([
      {
        supplierId: 'acme',
        period,
        responseNumber: 1,
        row: 5,
        eventId: response.eventIds[0],
        method: 'cid',
        inScope: true,
        confirmationEventId: null,
      },
    ]);
    expect((await api.get('/smelters/cid000001')).body.smelterId).toBe('CID000001');
    expect((await api.get('/smelters/CID999999')).status).toBe(404);
    expect((await api.get('/risk-register/2024-0000000000000000')).status).toBe(404);
    expect((await api.post('AssessRisk', { riskId: '2024-0000000000000000', likelihood: 1, impact: 1, rationale: 'x' })).body.code).toBe(
      'risk-unknown',
    );

    // The non-conformant smelter losing its status again reopens the same risk (no twin).
    now = new Date('2025-07-01T09:00:00.000Z');
    await ok('ImportRmapStatusList', statusList('2025-06-30', 'd', 'suspended'));
    detail = (await api.get(`/risk-register/${riskId}`)).body;
    expect(detail).toMatchObject({ status: 'open', assessment: null, mitigation: null, closure: null, owner: 'maria.keller' });
    expect(detail.history.at(-1)).toMatchObject({ type: 'RiskReopened', by: 'system:smelter-status' });
    expect(detail.history.at(-1).summary).toMatch(/^Reopened \(high\): Tin smelter CID000001 \(Alpha Tin Smelting\) is suspended/);
    expect(await register()).toHaveLength(2);
  });

  it('raises and closes nothing twice when its process manager replays the whole log', async () => {
    const before = {
      head: (await api.get('/health')).body.headPosition,
      register: await register(),
    };
    await api.stop();
    // Forget everything the smelter-status process manager knew: it starts again from the first event.
    const db = new Database(join(dataDir, 'read-models.sqlite'));
    db.prepare("DELETE FROM checkpoints WHERE name = 'process-manager:smelter-risk'").run();
    for (const table of [
      'pm_smelter_risk_statuses',
      'pm_smelter_risk_lists',
      'pm_smelter_risk_sightings',
      'pm_smelter_risk_scopes',
      'pm_smelter_risk_raised',
    ]) {
      db.exec(`DROP TABLE ${table}`);
    }
    db.close();
    api = await RunningApi.start({ dataDir, engine: { clock, escalationIntervalMs: 0 } });
    expect(await register()).toEqual(before.register);
    expect((await api.get('/health')).body.headPosition).toBe(before.head);
  });

  it('documents the new read endpoints', async () => {
    const docs = (await api.get('/docs-json')).body;
    expect(Object.keys(docs.paths)).toEqual(
      expect.arrayContaining([
        '/risk-register/{riskId}',
        '/smelters',
        '/smelters/{cid}',
        '/smelters/unresolved',
        '/commands/AssessRisk',
        '/commands/CloseRisk',
      ]),
    );
    expect(docs.paths['/commands/DecideMitigation'].post.requestBody.content['application/json'].schema.properties.strategy.enum).toEqual([
      'continue-trade-during-mitigation',
      'temporarily-suspend',
      'disengage',
    ]);
  });
});
