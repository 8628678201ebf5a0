import { SettableClock } from '@dd/engine';
import { ReminderSchedulerProcessManager, type ReminderTickResult } from '@dd/engine';
import { completeDeclaration } from '@dd/domain/testing';
import { runCli } from './support/run-cli';
import { RunningApi } from './support/running-api';

/**
 * A reporting year's survey through HTTP alone, on a clock the test moves: open the period, map the
 * supply chain, launch campaigns, let the reminder scheduler chase the silent suppliers (days 14 and
 * 28, then escalation and a non-response risk past the due date), record answers, and read the figures.
 */
describe('the CMRT campaign of a reporting year', () => {
  const period = 2024;
  const dueDate = '2025-02-28';
  const clock = new SettableClock('2025-01-06T09:00:00.000Z');
  let dataDir: string;
  let api: RunningApi;

  const direct = ['cm-1', 'cm-2', 'cm-3'];
  const indirect = Array.from({ length: 10 }, (_, i) => `sub-${String(i + 1).padStart(2, '0')}`);
  const start = () => RunningApi.start({ dataDir, engine: { clock, reminderIntervalMs: 0 } });
  const tick = (): Promise<ReminderTickResult> => api.started.app.get(ReminderSchedulerProcessManager).tick();
  const counts = ({ reminders, escalations, risks }: ReminderTickResult) => ({ reminders, escalations, risks });

  async function post(command: string, body: unknown, headers?: Record<string, string>) {
    const response = await api.post(command, body, headers);
    if (response.status !== 201) throw new Error(`${command} ${JSON.stringify(body)}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }

  /** The fixture's complete CMRT (no error, no red flag), declared at the given scope. */
  function respond(supplierId: string, scope: 'company' | 'product' | 'user-defined') {
    const declaration = completeDeclaration();
    // The supplier's own declaration: another company's name in D8 would not count as an answer.
    declaration.company.name = `${supplierId.startsWith('cm-') ? 'Contract Manufacturer' : 'Component Supplier'} ${supplierId}`;
    declaration.company.scope = scope;
    if (scope === 'user-defined') declaration.company.scopeDescription = 'Parts shipped to us under the 2024 frame contract';
    return post('RecordResponse', { supplierId, period, declaration });
  }

  beforeAll(async () => {
    dataDir = RunningApi.dataDir();
    api = await start();
  });

  afterAll(async () => {
    await api.stop();
    api.removeData();
  });

  it('runs the year: supply chain, campaigns, reminders, escalations, responses and the figures', async () => {
    // 1. The period, with its policy and the Form SD deadline.
    await post('OpenPeriod', { period, policy: { reminderDays: [14, 28], defaultDueDate: dueDate, oldestAcceptedTemplateVersion: '6.1' } });
    expect((await api.get(`/periods/${period}`)).body).toMatchObject({
      period,
      status: 'open',
      policy: { reminderDays: [14, 28], defaultDueDate: dueDate, oldestAcceptedTemplateVersion: '6.1' },
      formSdDeadline: '2025-06-02', // 31 May 2025 is a Saturday
      daysLeft: 147,
      today: '2025-01-06',
      report: null,
    });

    // 2. The supply chain: 3 contract manufacturers, 10 sub-tier suppliers, 2 of them inactive; owners; products.
    for (const id of direct)
      await post('RegisterSupplier', { supplierId: id, name: `Contract Manufacturer ${id}`, tier: 'direct', country: 'TW' });
    for (const [i, id] of indirect.entries()) {
      await post('RegisterSupplier', {
        supplierId: id,
        name: `Component Supplier ${id}`,
        tier: 'indirect',
        parentSupplierId: i < 5 ? 'cm-1' : 'cm-2',
      });
    }
    for (const id of ['cm-3', 'sub-10'])
      await post('ChangeSupplierStatus', { supplierId: id, status: 'inactive', reason: 'no longer supplies us' });
    const owners: Record<string, string> = {
      'cm-1': 'anna',
      'cm-2': 'anna',
      'cm-3': 'anna',
      'sub-06': 'chen',
      'sub-07': 'chen',
      'sub-08': 'chen',
    };
    for (const id of indirect.slice(0, 5)) owners[id] = 'ben';
    for (const [supplierId, owner] of Object.entries(owners)) await post('AssignSupplierOwner', { supplierId, owner });
    await post('AddSupplierContact', { supplierId: 'cm-1', name: 'Mei Lin', email: 'mei.lin@cm-1.example', role: 'compliance' });
    await post('RegisterProduct', {
      productId: 'xport',
      name: 'XPort embedded device server',
      productLine: 'OEM Modules',
      metalsNecessary: ['tin', 'gold'],
      determination: 'solder and connector plating',
    });
    await post('RegisterProduct', {
      productId: 'eds',
      name: 'EDS device server',
      productLine: 'Enterprise Solutions',
      metalsNecessary: ['tin', 'tantalum'],
      determination: 'solder, tantalum capacitors',
    });
    await post('RegisterProduct', {
      productId: 'spider',
      name: 'Spider KVM',
      productLine: 'Enterprise Solutions',
      metalsNecessary: ['gold'],
      determination: 'bond wires',
    });
    const links = {
      xport: ['cm-1', 'sub-01', 'sub-02', 'sub-03'],
      eds: ['cm-2', 'sub-06', 'sub-07'],
      spider: ['cm-2', 'cm-3', 'sub-08', 'sub-10'],
    };
    for (const [productId, suppliers] of Object.entries(links))
      for (const supplierId of suppliers) await post('LinkProductSupplier', { productId, supplierId });

    const eds = (await api.get('/products/eds')).body;
    expect(eds).toMatchObject({
      productLine: 'Enterprise Solutions',
      metalsNecessary: ['tin', 'tantalum'],
      inScope: true,
      determination: 'solder, tantalum capacitors',
    });
    expect(eds.suppliers.map((s: { supplierId: string }) => s.supplierId)).toEqual(['cm-2', 'sub-06', 'sub-07']);
    expect((await api.get('/products?productLine=Enterprise%20Solutions')).body.map((p: { productId: string }) => p.productId)).toEqual([
      'eds',
      'spider',
    ]);
    expect((await api.get('/products/nothing')).status).toBe(404);
    expect((await api.get('/product-lines')).body).toEqual([
      { productLine: 'Enterprise Solutions', products: 2, suppliers: 6, metalsNecessary: ['tantalum', 'tin', 'gold'] },
      { productLine: 'OEM Modules', products: 1, suppliers: 4, metalsNecessary: ['tin', 'gold'] },
    ]);
    const activeIndirect = (await api.get('/suppliers?tier=indirect&status=active')).body;
    expect(activeIndirect.map((s: { supplierId: string }) => s.supplierId)).toEqual(indirect.slice(0, 9));
    expect(activeIndirect[0]).toMatchObject({
      supplierId: 'sub-01',
      parentSupplierId: 'cm-1',
      owner: 'ben',
      status: 'active',
      productIds: ['xport'],
    });
    expect((await api.get('/suppliers?status=inactive')).body.map((s: { supplierId: string }) => s.supplierId)).toEqual(['cm-3', 'sub-10']);
    expect((await api.get('/suppliers')).body[0]).toMatchObject({
      supplierId: 'cm-1',
      contacts: [{ name: 'Mei Lin', email: 'mei.lin@cm-1.example', role: 'compliance' }],
    });
    expect((await api.get('/suppliers?tier=tier-3')).status).toBe(400);

    // 3. One campaign for every active supplier, then one for a product line: nobody is asked twice.
    const launch = { campaignId: 'cmrt-2024-all', period, templateVersion: '6.5' };
    const launched = await post('LaunchCampaign', launch, { 'idempotency-key': 'launch-all-2024' });
    expect(launched).toMatchObject({ streamId: 'campaign-cmrt-2024-all', duplicate: false });
    expect(await post('LaunchCampaign', launch, { 'idempotency-key': 'launch-all-2024' })).toEqual({ ...launched, duplicate: true });
    const again = await api.post('LaunchCampaign', launch);
    expect(again.status).toBe(422);
    expect(again.body.code).toBe('campaign-already-launched');
    await post('LaunchCampaign', { campaignId: 'cmrt-2024-enterprise', period, selection: { productLine: 'Enterprise Solutions' } });
    const sent = (await api.get('/audit-trail?type=CMRTSent')).body.items as Array<{
      supplierId: string;
      actor: string;
      commandId: string;
    }>;
    const active = [...direct.slice(0, 2), ...indirect.slice(0, 9)];
    expect(sent.map((e) => e.supplierId).sort()).toEqual(active);
    expect(sent.every((e) => e.actor === 'system:campaign' && e.commandId === `campaign/cmrt-2024-all/${e.supplierId}`)).toBe(true);
    const enterprise = (await api.get('/campaigns/cmrt-2024-enterprise')).body;
    expect(enterprise).toMatchObject({
      selection: { productLine: 'Enterprise Solutions' },
      dueDate,
      selected: 4,
      sent: 0,
      alreadyRequested: 4,
      responseRate: null,
    });
    expect(enterprise.members.map((m: { supplierId: string; outcome: string }) => [m.supplierId, m.outcome])).toEqual(
      ['cm-2', 'sub-06', 'sub-07', 'sub-08'].map((id) => [id, 'already-requested']),
    );
    expect((await api.get('/campaigns/nope')).status).toBe(404);

    // 4. Two answers in the first week; the reminders of day 14 go to the nine others, once.
    clock.set('2025-01-11T10:00:00.000Z');
    await respond('cm-1', 'company');
    await respond('sub-01', 'product'); // names no products on the Product List: the Checker opens an "incomplete" follow-up
    clock.set('2025-01-19T09:00:00.000Z');
    expect(counts(await tick())).toEqual({ reminders: 0, escalations: 0, risks: 0 });
    clock.set('2025-01-20T09:00:00.000Z');
    expect(counts(await tick())).toEqual({ reminders: 9, escalations: 0, risks: 0 });
    expect(counts(await tick())).toEqual({ reminders: 0, escalations: 0, risks: 0 });

    clock.set('2025-01-25T10:00:00.000Z');
    await respond('sub-02', 'company');
    await respond('sub-03', 'user-defined');
    await post('RequestFollowUp', {
      supplierId: 'sub-02',
      period,
      kind: 'inconsistent',
      findings: ['Q3 says No but the smelter list names a Rwandan smelter'],
    });
    expect((await api.get(`/campaigns?period=${period}`)).body).toMatchObject({ followUpsOpen: 2, responded: 4, awaitingResponse: 7 });
    await post('ResolveFollowUp', {
      supplierId: 'sub-02',
      period,
      followUpId: `${period}-sub-02-1-inconsistent`,
      note: 'supplier confirmed the smelter is in Malaysia',
    });
    await post('AcceptResponse', { supplierId: 'cm-1', period });

    // 5. Day 28: the second reminders go to the seven still silent.
    clock.set('2025-02-03T09:00:00.000Z');
    expect(counts(await tick())).toEqual({ reminders: 7, escalations: 0, risks: 0 });

    // 6. Past the due date after the last reminder: escalation to the owner, and a non-response risk each.
    clock.set('2025-03-03T08:00:00.000Z');
    expect(counts(await tick())).toEqual({ reminders: 0, escalations: 7, risks: 7 });
    const silent = ['cm-2', 'sub-04', 'sub-05', 'sub-06', 'sub-07', 'sub-08', 'sub-09'];
    const risks = (await api.get(`/risk-register?period=${period}&category=non-response`)).body as Array<Record<string, unknown>>;
    expect(risks.map((risk) => risk.supplierId).sort()).toEqual(silent);
    for (const risk of risks)
      expect(risk).toMatchObject({
        category: 'non-response',
        severity: 'medium',
        status: 'open',
        source: 'non-response',
        raisedBy: 'system:reminders',
      });
    expect(risks.find((risk) => risk.supplierId === 'sub-09')?.reason).toMatch(
      /due 2025-02-28, after 2 reminder\(s\); escalated to unassigned/,
    );
    const all = (await api.get('/campaigns/cmrt-2024-all')).body;
    expect(
      Object.fromEntries(
        all.members
          .filter((m: { escalatedTo: string | null }) => m.escalatedTo)
          .map((m: { supplierId: string; escalatedTo: string }) => [m.supplierId, m.escalatedTo]),
      ),
    ).toEqual({
      'cm-2': 'anna',
      'sub-04': 'ben',
      'sub-05': 'ben',
      'sub-06': 'chen',
      'sub-07': 'chen',
      'sub-08': 'chen',
      'sub-09': 'unassigned',
    });

    // 7. A restart on the same files, and more ticks: nothing is sent twice.
    const head = (await api.get('/health')).body.headPosition;
    await api.stop();
    api = await start();
    expect(counts(await tick())).toEqual({ reminders: 0, escalations: 0, risks: 0 });
    clock.set('2025-03-04T09:00:00.000Z');
    expect(counts(await tick())).toEqual({ reminders: 0, escalations: 0, risks: 0 });
    expect((await api.get('/health')).body.headPosition).toBe(head);

    // 8. A late answer, then the figures as of 4 March 2025, exactly.
    await respond('sub-04', 'company');
    const figures = (await api.get(`/campaigns?period=${period}`)).body;
    const { campaigns, ...totals } = figures;
    const none = { requestsSent: 0, responded: 0, responseRate: null, usable: 0, usableRate: null, awaitingResponse: 0, overdue: 0 };
    const cmrt = { requestsSent: 11, responded: 5, responseRate: 0.4545, usable: 5, usableRate: 0.4545, awaitingResponse: 6, overdue: 6 };
    expect(totals).toEqual({
      period,
      today: '2025-03-04',
      // No EMRT was asked for this year.
      byFamily: { cmrt, emrt: none },
      requestsSent: 11,
      responded: 5,
      responseRate: 0.4545,
      usable: 5,
      usableRate: 0.4545,
      byTier: {
        direct: { requestsSent: 2, responded: 1, responseRate: 0.5, usable: 1, usableRate: 0.5 },
        indirect: { requestsSent: 9, responded: 4, responseRate: 0.4444, usable: 4, usableRate: 0.4444 },
      },
      awaitingResponse: 6,
      overdue: 6,
      remindersSent: 16,
      escalations: 7,
      followUpsOpen: 1,
      accepted: 1,
      scopes: {
        company: { count: 3, share: 0.6 },
        product: { count: 1, share: 0.2 },
        'user-defined': { count: 1, share: 0.2 },
        unspecified: { count: 0, share: 0 },
      },
    });
    expect(campaigns.map(({ launchedAt: _at, ...campaign }: Record<string, unknown>) => campaign)).toEqual([
      {
        campaignId: 'cmrt-2024-all',
        period,
        selection: {},
        family: 'cmrt',
        byFamily: { cmrt },
        dueDate,
        templateVersion: '6.5',
        launchedBy: 'local',
        selected: 11,
        sent: 11,
        alreadyRequested: 0,
        responded: 5,
        responseRate: 0.4545,
        usable: 5,
        usableRate: 0.4545,
        awaitingResponse: 6,
        overdue: 6,
        remindersSent: 16,
        escalations: 7,
      },
      {
        campaignId: 'cmrt-2024-enterprise',
        period,
        selection: { productLine: 'Enterprise Solutions' },
        family: 'cmrt',
        byFamily: { cmrt: { ...none, responseRate: null, usableRate: null } },
        dueDate,
        templateVersion: null,
        launchedBy: 'local',
        selected: 4,
        sent: 0,
        alreadyRequested: 4,
        responded: 0,
        responseRate: null,
        usable: 0,
        usableRate: null,
        awaitingResponse: 0,
        overdue: 0,
        remindersSent: 0,
        escalations: 0,
      },
    ]);
    expect((await api.get('/campaigns')).status).toBe(400);

    // 9. The deadline, the days left, and the published report.
    expect((await api.get(`/periods/${period}`)).body).toMatchObject({
      status: 'open',
      formSdDeadline: '2025-06-02',
      daysLeft: 90,
      today: '2025-03-04',
    });
    clock.set('2025-05-20T12:00:00.000Z');
    await post('PublishReport', { period, url: 'https://example.com/cmr-2024.pdf', sha256: 'e'.repeat(64) });
    await post('ClosePeriod', { period, note: 'Form SD filed' });
    expect((await api.get(`/periods/${period}`)).body).toMatchObject({
      status: 'closed',
      closeNote: 'Form SD filed',
      daysLeft: 13,
      report: { url: 'https://example.com/cmr-2024.pdf', onTime: true, publishedBy: 'local' },
    });
    expect((await api.get('/periods/2009')).status).toBe(400);
    expect((await api.get('/periods/2030')).body).toMatchObject({ status: 'not-opened', formSdDeadline: '2031-06-02', policy: null });

    // 10. The CLI's one-off tick (by the real clock, long past all this) on the same files finds nothing left to send.
    const last = (await api.get('/health')).body.headPosition;
    expect(last).toBe(head + 3); // sub-04's answer, the report, the close
    await api.stop();
    const cli = await runCli(['reminders', 'run', '--json'], { DD_DATA_DIR: dataDir, DD_EVENT_STORE: 'sqlite' });
    expect(cli.exitCode).toBe(0);
    expect(JSON.parse(cli.stdout)).toMatchObject({ openRequests: 6, reminders: 0, escalations: 0, risks: 0 });
    api = await start();
    expect((await api.get('/health')).body.headPosition).toBe(last);
  });

  it('documents the new reads in the OpenAPI document', async () => {
    const doc = (await api.get('/docs/openapi.json')).body;
    for (const path of [
      '/periods/{period}',
      '/campaigns',
      '/campaigns/{campaignId}',
      '/products',
      '/products/{productId}',
      '/product-lines',
      '/suppliers',
      '/commands/LaunchCampaign',
    ]) {
      expect(doc.paths[path]).toBeDefined();
    }
  });
});
