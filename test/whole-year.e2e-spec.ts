import { ReminderSchedulerProcessManager, SettableClock } from '@dd/engine';
import { RunningApi } from './support/running-api';

/**
 * A whole reporting year through HTTP, on the scale of the seed report (a Form SD filer with five
 * contract manufacturers and over two hundred indirect suppliers, ~98 % responses, mostly at company
 * level): management systems, one CMRT campaign, reminders by the scheduler, follow-ups and
 * resubmissions, a non-conformant smelter found through the RMAP status list and a product-level
 * answer, assessed, mitigated and closed, non-responders escalated, a grievance, the report to
 * management and the published report. The engine clock is moved through the months; every figure
 * the report states is then read from the read models and asserted exactly.
 */
describe('a whole reporting year over HTTP', () => {
  const period = 2024;
  const clock = new SettableClock('2025-01-06T08:00:00.000Z');
  let api: RunningApi;

  // ---- The cast ------------------------------------------------------------------------------------
  const cms = Array.from({ length: 5 }, (_, i) => `cm-${i + 1}`);
  const subs = Array.from({ length: 200 }, (_, i) => `sub-${String(i + 1).padStart(3, '0')}`);
  const all = [...cms, ...subs];
  const nonResponders = ['sub-197', 'sub-198', 'sub-199', 'sub-200'];
  const responders = all.filter((id) => !nonResponders.includes(id));
  /** Answer at product level (with only conformant smelters), besides cm-4's first answer. */
  const productLevel = ['cm-3', 'cm-4', 'sub-010', 'sub-020', 'sub-030', 'sub-040', 'sub-050', 'sub-060', 'sub-070', 'sub-080'];
  /** First answer incomplete (blank contact e-mail and authorizer; sub-112 sends another company's file): the Checker opens a follow-up. */
  const incompleteFirst = Array.from({ length: 12 }, (_, i) => `sub-${101 + i}`);
  /** Of those, these resubmit a complete answer; the last two never do. */
  const resubmitting = incompleteFirst.slice(0, 10);
  /** Of the last two, this one's file is a customer's declaration naming another company: received, not usable. */
  const foreignFile = 'sub-112';
  const waves = { first: responders.slice(0, 120), second: responders.slice(120, 180), third: responders.slice(180) };

  const smelters = {
    alphaTin: { metal: 'tin', name: 'Alpha Tin Smelting', country: 'INDONESIA', smelterId: 'CID001101', status: 'conformant' },
    kivuTin: { metal: 'tin', name: 'Kivu Tin Works', country: 'RWANDA', smelterId: 'CID001102', status: 'non-conformant' },
    gammaGold: { metal: 'gold', name: 'Gamma Gold Refinery', country: 'SWITZERLAND', smelterId: 'CID001103', status: 'conformant' },
    deltaTantalum: { metal: 'tantalum', name: 'Delta Tantalum Works', country: 'JAPAN', smelterId: 'CID001104', status: 'conformant' },
    epsilonTungsten: { metal: 'tungsten', name: 'Epsilon Tungsten', country: 'VIET NAM', smelterId: 'CID001105', status: 'conformant' },
    zetaGold: { metal: 'gold', name: 'Zeta Gold Refinery', country: 'CHINA', smelterId: 'CID001106', status: 'active' },
  } as const;
  type Smelter = (typeof smelters)[keyof typeof smelters];

  const products = [
    {
      productId: 'oem-m100',
      name: 'Embedded Wi-Fi Module M-100',
      productLine: 'OEM Modules',
      metalsNecessary: ['tin', 'gold'],
      suppliers: ['cm-1', 'cm-2'],
    },
    {
      productId: 'oem-m200',
      name: 'Embedded Ethernet Module M-200',
      productLine: 'OEM Modules',
      metalsNecessary: ['tin', 'gold', 'tantalum'],
      suppliers: ['cm-3'],
    },
    {
      productId: 'ent-c8000',
      name: 'Console Server C-8000',
      productLine: 'Enterprise Solutions',
      metalsNecessary: ['tin', 'gold'],
      suppliers: ['cm-4'],
    },
    {
      productId: 'ent-k2',
      name: 'KVM Switch K-2',
      productLine: 'Enterprise Solutions',
      metalsNecessary: ['tin', 'gold', 'tungsten'],
      suppliers: ['cm-5', 'sub-001'],
    },
  ];

  // ---- Helpers -------------------------------------------------------------------------------------
  const ok = async (command: string, body: unknown) => {
    const response = await api.post(command, body);
    if (response.status !== 201)
      throw new Error(`${command} ${JSON.stringify(body).slice(0, 200)}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as { eventIds: string[]; streamId: string };
  };
  const read = async <T = any>(path: string): Promise<T> => {
    const response = await api.get<T>(path);
    if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  };
  /** At most `limit` requests in flight, as a client would batch them. */
  const inBatches = async <T>(items: readonly T[], work: (item: T, index: number) => Promise<unknown>, limit = 8) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: limit }, async () => {
        while (next < items.length) {
          const index = next++;
          await work(items[index], index);
        }
      }),
    );
  };
  const tick = async (at: string) => {
    clock.set(at);
    return api.started.app.get(ReminderSchedulerProcessManager).tick();
  };
  /** Business times spread evenly over [from, to] (whole minutes). */
  const spread = (from: string, to: string, index: number, count: number) => {
    const start = Date.parse(from);
    const step = count > 1 ? (Date.parse(to) - start) / (count - 1) : 0;
    return new Date(start + Math.round((step * index) / 60_000) * 60_000).toISOString();
  };

  const inScope = (q3: 'Yes' | 'No') => ({
    q1: { answer: 'Yes' },
    q2: { answer: 'Yes' },
    q3: { answer: q3, ...(q3 === 'Yes' ? { comment: 'The smelter reports ore from Rwanda' } : {}) },
    q4: { answer: 'No' },
    q5: { answer: 'No' },
    q6: { answer: '100%' },
    q7: { answer: 'Yes' },
    q8: { answer: 'Yes' },
  });
  const declaration = (
    supplierId: string,
    options: { scope: 'company' | 'product'; smelters: Smelter[]; coveredCountries?: string[]; incomplete?: boolean; receivedAt: string },
  ) => {
    const metals = new Set<string>(options.smelters.map((smelter) => smelter.metal));
    return {
      templateVersion: '6.4',
      company: {
        name: `Supplier ${supplierId}`,
        scope: options.scope,
        contactName: 'Contact Person',
        contactEmail: options.incomplete ? '' : `cmrt@${supplierId}.example`,
        contactPhone: '+1 555 0100',
        authorizer: options.incomplete ? '' : 'Authorizer Person',
        authorizerEmail: `quality@${supplierId}.example`,
        effectiveDate: options.receivedAt.slice(0, 10),
      },
      minerals: Object.fromEntries(
        ['tantalum', 'tin', 'gold', 'tungsten'].map((metal) => [
          metal,
          metals.has(metal) ? inScope(options.coveredCountries?.includes(metal) ? 'Yes' : 'No') : { q1: { answer: 'No' } },
        ]),
      ),
      companyQuestions: {
        A: { answer: 'Yes' },
        B: { answer: 'Yes', comment: `https://${supplierId}.example/policy` },
        C: { answer: 'Yes' },
        D: { answer: 'Yes' },
        E: { answer: 'Yes, in conformance with IPC1755 (e.g., CMRT)' },
        F: { answer: 'Yes' },
        G: { answer: 'Yes' },
        H: { answer: 'No' },
      },
      smelters: options.smelters.map((smelter, index) => ({
        row: 5 + index,
        metal: smelter.metal,
        lookupName: smelter.name,
        name: smelter.name,
        country: smelter.country,
        smelterId: smelter.smelterId,
        idSource: 'RMI',
      })),
      products: options.scope === 'product' ? [{ row: 6, number: `${supplierId.toUpperCase()}-PCBA`, name: 'Main board' }] : [],
    };
  };
  /** The usual answer: company level (or product level for a few), tin from Alpha, gold from Gamma (or Zeta, under assessment), tantalum for cm-3. */
  const usualAnswer = (supplierId: string, receivedAt: string, incomplete = false) => {
    const n = Number(supplierId.replace(/\D/g, ''));
    const gold =
      supplierId.startsWith('sub-') && n % 3 === 0 && !productLevel.includes(supplierId) ? smelters.zetaGold : smelters.gammaGold;
    return declaration(supplierId, {
      scope: productLevel.includes(supplierId) ? 'product' : 'company',
      smelters: [smelters.alphaTin, gold, ...(supplierId === 'cm-3' ? [smelters.deltaTantalum] : [])],
      incomplete,
      receivedAt,
    });
  };
  const respond = (supplierId: string, receivedAt: string, body: unknown) =>
    ok('RecordResponse', { supplierId, period, receivedAt, declaration: body });

  beforeAll(async () => {
    api = await RunningApi.start({ engine: { clock, reminderIntervalMs: 0, escalationIntervalMs: 0 } });
  });

  afterAll(async () => {
    await api.stop();
    api.removeData();
  });

  it('runs the year and reads back every figure the report states', async () => {
    // ---- 6 January: the programme (OECD step 1), the supply chain, the smelter lists ------------------
    clock.set('2025-01-06T09:00:00.000Z');
    await ok('OpenPeriod', {
      period,
      policy: { reminderDays: [14, 28], defaultDueDate: '2025-03-14', oldestAcceptedTemplateVersion: '6.1' },
    });
    await ok('AdoptPolicy', { period, version: '2024-1', url: 'https://example.com/conflict-minerals-policy.pdf' });
    await ok('AssignTeam', {
      period,
      members: [
        { name: 'Compliance Lead', role: 'Programme lead' },
        { name: 'Supplier Quality', role: 'Supplier outreach' },
      ],
      sponsor: 'Chief Financial Officer',
    });
    await ok('DeclareGrievanceMechanism', {
      period,
      description: 'Whistleblower policy: company-level grievance mechanism covering conflict-minerals sourcing',
    });
    const list = Object.values(smelters);
    await ok('ImportReferenceList', {
      asOf: '2024-12-31',
      source: { kind: 'csv', fileName: 'reference.csv', sha256: 'a'.repeat(64) },
      rows: list.map(({ metal, name, country, smelterId }) => ({
        metal,
        lookupName: name,
        standardName: name,
        country,
        smelterId,
        idSource: 'RMI',
      })),
    });
    const statusList = await ok('ImportRmapStatusList', {
      asOf: '2025-01-02',
      source: { kind: 'csv', fileName: 'rmap-status.csv', sha256: 'b'.repeat(64) },
      entries: list.map(({ metal, name, smelterId, status }) => ({ metal, smelterId, name, status })),
    });
    await inBatches(all, async (supplierId, i) => {
      const direct = supplierId.startsWith('cm-');
      await ok('RegisterSupplier', {
        supplierId,
        name: `Supplier ${supplierId}`,
        tier: direct ? 'direct' : 'indirect',
        country: direct ? 'TW' : 'CN',
        ...(direct ? {} : { parentSupplierId: cms[i % 5] }),
      });
      await ok('AssignSupplierOwner', { supplierId, owner: `buyer-${(i % 3) + 1}@example.com` });
      if (direct) await ok('RecordContractClause', { period, supplierId, clause: 'Master supply agreement §14: conflict minerals' });
    });
    await ok('CommunicatePolicy', { period, audience: 'suppliers', count: all.length, channel: 'CMRT request e-mail' });
    await ok('CommunicatePolicy', { period, audience: 'customers', count: 38, channel: 'website' });
    for (const { suppliers, ...product } of products) {
      await ok('RegisterProduct', { ...product, determination: 'solder, plating and capacitors of the bill of materials' });
      for (const supplierId of suppliers) await ok('LinkProductSupplier', { productId: product.productId, supplierId });
    }

    // ---- 8 January: one campaign to every supplier ---------------------------------------------------
    clock.set('2025-01-08T09:00:00.000Z');
    await ok('LaunchCampaign', { campaignId: 'cmrt-2024', period, selection: {}, templateVersion: '6.4' });
    expect((await read(`/campaigns?period=${period}`)).requestsSent).toBe(205);

    // ---- 13-21 January: the first 120 answers; cm-4 names a non-conformant tin smelter ----------------
    clock.set('2025-01-21T18:00:00.000Z');
    let cm4First = '';
    await inBatches(waves.first, async (supplierId, i) => {
      const at = spread('2025-01-13T09:00:00.000Z', '2025-01-21T17:00:00.000Z', i, waves.first.length);
      if (supplierId === 'cm-4') {
        const body = declaration('cm-4', {
          scope: 'product',
          smelters: [smelters.kivuTin, smelters.gammaGold],
          coveredCountries: ['tin'],
          receivedAt: at,
        });
        cm4First = (await respond('cm-4', at, body)).eventIds[0];
      } else if (supplierId === foreignFile) {
        const body = usualAnswer(supplierId, at);
        body.company.name = 'Northwind Trading Ltd';
        await respond(supplierId, at, body);
      } else {
        await respond(supplierId, at, usualAnswer(supplierId, at, incompleteFirst.includes(supplierId)));
      }
    });
    const early = await read(`/product-conclusions?period=${period}`);
    const earlyC8000 = early.products.find((product: { productId: string }) => product.productId === 'ent-c8000');
    expect(earlyC8000).toMatchObject({
      conclusion: 'not found to be DRC conflict free',
      reasons: [
        {
          code: 'non-conformant-smelter-covered-countries',
          metal: 'tin',
          supplierId: 'cm-4',
          message: 'cm-4: CID001102 (non-conformant) for tin, with covered-country sourcing answered yes',
          eventIds: [cm4First, statusList.eventIds[0]],
        },
      ],
    });
    const smelterRisks = await read(`/risk-register?period=${period}&supplierId=cm-4`);
    // Raised by two process managers (smelter status, red-flag findings), in whichever order they ran.
    expect(
      smelterRisks
        .map((risk: { category: string; severity: string; status: string }) => [risk.category, risk.severity, risk.status])
        .sort(),
    ).toEqual([
      ['covered-country-sourcing', 'high', 'open'],
      ['non-conformant-smelter', 'high', 'open'],
    ]);
    const smelterRisk = smelterRisks.find((risk: { category: string }) => risk.category === 'non-conformant-smelter');
    const sourcingRisk = smelterRisks.find((risk: { category: string }) => risk.category === 'covered-country-sourcing');
    expect(smelterRisk).toMatchObject({ smelterId: 'CID001102', metal: 'tin', raisedBy: 'system:smelter-status' });

    // ---- 22 January: first reminders to the 85 who have not answered --------------------------------
    expect(await tick('2025-01-22T08:00:00.000Z')).toMatchObject({ openRequests: 85, reminders: 85, escalations: 0 });

    // ---- 27 January - 4 February: 60 more answers, 10 corrected resubmissions, a reviewer's follow-up ---
    clock.set('2025-02-04T18:00:00.000Z');
    await inBatches(waves.second, (supplierId, i) => {
      const at = spread('2025-01-27T09:00:00.000Z', '2025-02-04T12:00:00.000Z', i, waves.second.length);
      return respond(supplierId, at, usualAnswer(supplierId, at));
    });
    await inBatches(resubmitting, (supplierId, i) => {
      const at = spread('2025-02-04T13:00:00.000Z', '2025-02-04T17:00:00.000Z', i, resubmitting.length);
      return respond(supplierId, at, usualAnswer(supplierId, at));
    });
    await ok('RequestFollowUp', {
      supplierId: 'sub-050',
      period,
      kind: 'inconsistent',
      findings: ['The product list names a board we do not buy from you'],
    });

    // ---- 5 February: second reminders to the 25 still silent; the reviewer's follow-up is settled ------
    expect(await tick('2025-02-05T08:00:00.000Z')).toMatchObject({ openRequests: 25, reminders: 25, escalations: 0 });
    // Follow-up ids are <period>-<supplier>-<n>-<kind>: the first follow-up of sub-050 this period.
    await ok('ResolveFollowUp', {
      supplierId: 'sub-050',
      period,
      followUpId: '2024-sub-050-1-inconsistent',
      note: 'Supplier confirmed the product list: it is the board of our M-100 module',
    });

    // ---- 10 February: the non-conformant smelter is assessed, owned and a mitigation decided ----------
    clock.set('2025-02-10T09:00:00.000Z');
    await ok('AssessRisk', {
      riskId: smelterRisk.riskId,
      likelihood: 'likely',
      impact: 'major',
      rationale: 'RMAP non-conformant smelter, covered-country sourcing declared',
    });
    await ok('AssignRiskOwner', { riskId: smelterRisk.riskId, owner: 'buyer-2@example.com' });
    await ok('DecideMitigation', {
      riskId: smelterRisk.riskId,
      strategy: 'continue-trade-during-mitigation',
      plan: 'cm-4 moves its tin volumes to an RMAP-conformant smelter and resubmits its CMRT',
      dueDate: '2025-04-30',
      actions: [{ description: 'cm-4 resubmits its CMRT without CID001102', dueDate: '2025-03-31' }],
    });
    await ok('AssessRisk', {
      riskId: sourcingRisk.riskId,
      likelihood: 'possible',
      impact: 'major',
      rationale: 'Covered-country tin comes through the non-conformant smelter only',
    });
    await ok('DecideMitigation', {
      riskId: sourcingRisk.riskId,
      strategy: 'continue-trade-during-mitigation',
      plan: 'Handled with the smelter risk: switch of smelter',
      dueDate: '2025-04-30',
    });

    // ---- 10 February - 10 March: the last 21 answers; cm-4 resubmits without the smelter ----------------
    clock.set('2025-03-10T18:00:00.000Z');
    await inBatches(waves.third, (supplierId, i) => {
      const at = spread('2025-02-10T09:00:00.000Z', '2025-03-10T12:00:00.000Z', i, waves.third.length);
      return respond(supplierId, at, usualAnswer(supplierId, at));
    });
    const cm4Second = (
      await respond(
        'cm-4',
        '2025-03-03T10:00:00.000Z',
        declaration('cm-4', {
          scope: 'product',
          smelters: [smelters.alphaTin, smelters.gammaGold],
          receivedAt: '2025-03-03T10:00:00.000Z',
        }),
      )
    ).eventIds[0];

    // ---- 11 March: the mitigation is done; both risks closed ---------------------------------------
    clock.set('2025-03-11T09:00:00.000Z');
    await ok('RecordMitigationProgress', {
      riskId: smelterRisk.riskId,
      note: 'Resubmitted CMRT names Alpha Tin Smelting instead',
      actionIndex: 0,
      completed: true,
    });
    await ok('CloseRisk', {
      riskId: smelterRisk.riskId,
      resolution: 'moved-to-conflict-free-sources',
      note: 'cm-4 sources its tin from a conformant smelter since March',
    });
    await ok('CloseRisk', {
      riskId: sourcingRisk.riskId,
      resolution: 'mitigated',
      note: 'No covered-country sourcing in the resubmitted CMRT',
    });

    // ---- 17 March: past the due date; the 4 silent suppliers are escalated as non-response risks -------
    expect(await tick('2025-03-17T08:00:00.000Z')).toMatchObject({ openRequests: 4, reminders: 0, escalations: 4, risks: 4 });
    const midYear = await read(`/oecd-status?period=${period}`);
    expect(summarise(midYear)).toEqual({
      1: { status: 'met', missing: [] },
      2: { status: 'met', missing: [] },
      3: {
        status: 'in-progress',
        missing: [
          [
            'risks-reported-to-management',
            'No management risk report has been recorded for 2024 yet (IssueRiskReport or ReportToManagement)',
          ],
          ['risk-strategy-decided', '4 open high/medium risks have no mitigation decision (DecideMitigation) and are not closed'],
        ],
      },
      4: { status: 'met', missing: [] },
      5: {
        status: 'not-started',
        missing: [['report-published', 'No publication of the 2024 due diligence report has been recorded (PublishReport)']],
      },
    });

    // ---- 20 March: a strategy for each non-response risk -------------------------------------------
    clock.set('2025-03-20T09:00:00.000Z');
    const nonResponse = await read(`/risk-register?period=${period}&category=non-response`);
    expect(nonResponse.map((risk: { supplierId: string }) => risk.supplierId).sort()).toEqual(nonResponders);
    await inBatches(nonResponse, async (risk: { riskId: string; supplierId: string }) => {
      await ok('AssessRisk', {
        riskId: risk.riskId,
        likelihood: 'possible',
        impact: 'moderate',
        rationale: 'Small volumes; no smelter information at all',
      });
      await ok('DecideMitigation', {
        riskId: risk.riskId,
        strategy: 'continue-trade-during-mitigation',
        plan: `Owner calls ${risk.supplierId}; CMRT is a condition of the next order`,
        dueDate: '2025-06-30',
      });
    });

    // ---- 25-28 March: an anonymous grievance raises a risk; it is investigated and closed -----------
    clock.set('2025-03-25T09:00:00.000Z');
    await ok('RecordGrievance', {
      period,
      grievanceId: 'g-2025-01',
      description: 'A caller says a tin smelter in your chain buys from an armed group in South Kivu',
      metal: 'tin',
    });
    const [grievanceRisk] = await read(`/risk-register?period=${period}&category=grievance`);
    expect(grievanceRisk).toMatchObject({
      supplierId: null,
      metal: 'tin',
      severity: 'high',
      status: 'open',
      source: 'grievance',
      raisedBy: 'system:grievance-risk',
    });
    clock.set('2025-03-28T09:00:00.000Z');
    await ok('AssessRisk', {
      riskId: grievanceRisk.riskId,
      likelihood: 'unlikely',
      impact: 'major',
      rationale: 'The only tin smelter near South Kivu in our chain was replaced in March',
    });
    await ok('CloseRisk', {
      riskId: grievanceRisk.riskId,
      resolution: 'accepted',
      note: 'Investigated: refers to the smelter cm-4 no longer uses',
    });

    // ---- April-May: review accepted, report to management, the report published ---------------------
    clock.set('2025-04-01T09:00:00.000Z');
    for (const supplierId of cms) await ok('AcceptResponse', { supplierId, period });
    clock.set('2025-04-15T09:00:00.000Z');
    await ok('ReportToManagement', {
      period,
      recipient: 'Chief Financial Officer',
      summary: '7 risks this year; 4 non-response risks under mitigation, 3 closed',
    });
    clock.set('2025-05-20T09:00:00.000Z');
    const published = await ok('PublishReport', {
      period,
      url: 'https://example.com/conflict-minerals-report-2024.pdf',
      sha256: 'c'.repeat(64),
    });

    // ==== The figures of the report ====================================================================
    const campaign = await read(`/campaigns?period=${period}`);
    const { campaigns, ...figures } = campaign;
    expect(figures).toEqual({
      period,
      today: '2025-05-20',
      requestsSent: 205,
      // "Approximately 98 %" of the report are the responses received; one of them was not an answer.
      responded: 201,
      responseRate: 0.9805,
      usable: 200,
      usableRate: 0.9756,
      // The year asked for CMRTs only.
      byFamily: {
        cmrt: { requestsSent: 205, responded: 201, responseRate: 0.9805, usable: 200, usableRate: 0.9756, awaitingResponse: 4, overdue: 4 },
        emrt: { requestsSent: 0, responded: 0, responseRate: null, usable: 0, usableRate: null, awaitingResponse: 0, overdue: 0 },
      },
      byTier: {
        direct: { requestsSent: 5, responded: 5, responseRate: 1, usable: 5, usableRate: 1 },
        indirect: { requestsSent: 200, responded: 196, responseRate: 0.98, usable: 195, usableRate: 0.975 },
      },
      awaitingResponse: 4,
      overdue: 4,
      remindersSent: 110,
      escalations: 4,
      followUpsOpen: 2,
      accepted: 5,
      scopes: {
        company: { count: 191, share: 0.9502 },
        product: { count: 10, share: 0.0498 },
        'user-defined': { count: 0, share: 0 },
        unspecified: { count: 0, share: 0 },
      },
    });
    expect(campaigns).toEqual([
      expect.objectContaining({
        campaignId: 'cmrt-2024',
        selected: 205,
        sent: 205,
        alreadyRequested: 0,
        responded: 201,
        usable: 200,
        awaitingResponse: 4,
        overdue: 4,
        remindersSent: 110,
        escalations: 4,
      }),
    ]);

    // Follow-ups: 12 opened by the Checker (one per incomplete answer, and for sub-112 one asking for its own
    // declaration), 1 by a reviewer (sub-050); 10 answered by a resubmission, 1 closed by the reviewer; the 2 still
    // open are the suppliers that never corrected.
    const followUps = (await read(`/audit-trail?type=FollowUpRequested&limit=1000`)).items as Array<{ supplierId: string }>;
    const resolved = (await read(`/audit-trail?type=FollowUpResolved&limit=1000`)).items as Array<{ supplierId: string }>;
    expect(followUps.map((e) => e.supplierId).sort()).toEqual([...incompleteFirst, 'sub-050'].sort());
    expect(resolved.map((e) => e.supplierId).sort()).toEqual([...resubmitting, 'sub-050'].sort());

    // Smelters identified in the latest answers and their RMAP status (step 4).
    expect(await read(`/smelters/conformance?period=${period}`)).toEqual([
      { metal: 'tantalum', identified: 1, conformant: 1, active: 0, other: 0, share: 1 },
      { metal: 'tin', identified: 1, conformant: 1, active: 0, other: 0, share: 1 },
      { metal: 'gold', identified: 2, conformant: 1, active: 1, other: 0, share: 0.5 },
      { metal: 'tungsten', identified: 0, conformant: 0, active: 0, other: 0, share: null },
    ]);

    // The risk register at year end.
    const register = await read(`/risk-register?period=${period}`);
    expect(
      register
        .map((risk: { category: string; status: string; supplierId: string | null }) => [risk.category, risk.supplierId, risk.status])
        .sort(),
    ).toEqual([
      ['covered-country-sourcing', 'cm-4', 'closed'],
      ['grievance', null, 'closed'],
      ['non-conformant-smelter', 'cm-4', 'closed'],
      ['non-response', 'sub-197', 'mitigating'],
      ['non-response', 'sub-198', 'mitigating'],
      ['non-response', 'sub-199', 'mitigating'],
      ['non-response', 'sub-200', 'mitigating'],
    ]);

    // Management systems (OECD step 1) as the report describes them.
    const program = await read(`/program?period=${period}`);
    expect(program).toMatchObject({
      policy: {
        version: '2024-1',
        url: 'https://example.com/conflict-minerals-policy.pdf',
        versions: 1,
        adoptedAt: '2025-01-06T09:00:00.000Z',
      },
      communications: { totals: { suppliers: 205, customers: 38 } },
      team: { sponsor: 'Chief Financial Officer' },
      contractClauses: { count: 5 },
      grievanceMechanism: { url: null },
      grievances: {
        count: 1,
        anonymous: 1,
        risksRaised: 1,
        items: [expect.objectContaining({ grievanceId: 'g-2025-01', riskId: grievanceRisk.riskId, at: '2025-03-25T09:00:00.000Z' })],
      },
      managementReports: [
        expect.objectContaining({ reportNumber: 1, recipient: 'Chief Financial Officer', at: '2025-04-15T09:00:00.000Z' }),
      ],
    });
    expect(program.contractClauses.suppliers.map((clause: { supplierId: string }) => clause.supplierId).sort()).toEqual(cms);

    // Every OECD step complete, each criterion with its evidence.
    const oecd = await read(`/oecd-status?period=${period}`);
    expect(summarise(oecd)).toEqual({
      1: { status: 'met', missing: [] },
      2: { status: 'met', missing: [] },
      3: { status: 'met', missing: [] },
      4: { status: 'met', missing: [] },
      5: { status: 'met', missing: [] },
    });
    const criteria = Object.fromEntries(
      oecd.steps.flatMap((step: { criteria: Array<{ id: string }> }) => step.criteria.map((c) => [c.id, c])),
    );
    expect(Object.fromEntries(Object.entries(criteria).map(([id, c]: [string, any]) => [id, c.evidenceCount]))).toEqual({
      'policy-adopted': 1,
      'policy-communicated-to-suppliers': 1,
      'internal-team-assigned': 1,
      'contract-clauses': 5,
      'grievance-mechanism': 1,
      'supply-chain-mapped': 205,
      'suppliers-surveyed': 205,
      'responses-reviewed': 212,
      'non-responders-chased': 110,
      'smelters-identified': 212,
      'risks-recorded': 7,
      'risks-reported-to-management': 1,
      'risk-strategy-decided': 9,
      'smelters-checked-against-audit-programme': 1,
      'report-published': 1,
    });
    expect(criteria['report-published'].detail).toEqual({
      url: 'https://example.com/conflict-minerals-report-2024.pdf',
      sha256: 'c'.repeat(64),
      formSdDeadline: '2025-06-02',
      onTime: true,
      eventId: published.eventIds[0],
    });
    expect(criteria['contract-clauses'].detail).toEqual({ suppliers: 5 });
    expect(criteria['internal-team-assigned'].detail).toMatchObject({ sponsor: 'Chief Financial Officer', members: 2 });

    // Product conclusions, each reason traced to events of the log.
    const conclusions = await read(`/product-conclusions?period=${period}`);
    expect(conclusions.summary).toEqual({
      period,
      products: 4,
      byConclusion: {
        'DRC conflict free': 2,
        'not found to be DRC conflict free': 0,
        'DRC conflict undeterminable': 2,
        'no 3TG necessary': 0,
      },
      statusList: { asOf: '2025-01-02', eventId: statusList.eventIds[0] },
    });
    const byProduct = Object.fromEntries(
      conclusions.products.map(
        (product: { productId: string; conclusion: string; reasons: Array<{ code: string; supplierId?: string; metal?: string }> }) => [
          product.productId,
          [product.conclusion, product.reasons.map((reason) => `${reason.code} ${reason.supplierId ?? ''} ${reason.metal ?? ''}`.trim())],
        ],
      ),
    );
    expect(byProduct).toEqual({
      'ent-c8000': ['DRC conflict free', ['all-smelters-conformant cm-4 tin', 'all-smelters-conformant cm-4 gold']],
      'ent-k2': [
        'DRC conflict undeterminable',
        [
          'company-level-declaration cm-5 tin',
          'company-level-declaration cm-5 gold',
          'company-level-declaration sub-001 tin',
          'company-level-declaration sub-001 gold',
        ],
      ],
      'oem-m100': [
        'DRC conflict undeterminable',
        [
          'company-level-declaration cm-1 tin',
          'company-level-declaration cm-1 gold',
          'company-level-declaration cm-2 tin',
          'company-level-declaration cm-2 gold',
        ],
      ],
      'oem-m200': [
        'DRC conflict free',
        ['all-smelters-conformant cm-3 tin', 'all-smelters-conformant cm-3 gold', 'all-smelters-conformant cm-3 tantalum'],
      ],
    });
    expect(conclusions.products.map((product: { productId: string }) => product.productId)).toEqual([
      'ent-c8000',
      'ent-k2',
      'oem-m200',
      'oem-m100',
    ]);
    const c8000 = conclusions.products.find((product: { productId: string }) => product.productId === 'ent-c8000');
    expect(c8000.reasons[0].eventIds).toEqual([cm4Second, statusList.eventIds[0]]);
    const logged = new Set<string>();
    for (const type of ['ResponseRecorded', 'RmapStatusListImported', 'ProductRegistered']) {
      for (const item of (await read(`/audit-trail?type=${type}&limit=1000`)).items) logged.add(item.eventId);
    }
    const traced = conclusions.products.flatMap((product: { reasons: Array<{ eventIds: string[] }> }) =>
      product.reasons.flatMap((reason) => reason.eventIds),
    );
    expect(traced.length).toBeGreaterThan(0);
    expect(traced.filter((eventId: string) => !logged.has(eventId))).toEqual([]);
  });
});

/** Each step's status, and the id and "missing" text of each criterion not met. */
function summarise(status: {
  steps: Array<{ step: number; status: string; criteria: Array<{ id: string; met: boolean; missing?: string }> }>;
}) {
  return Object.fromEntries(
    status.steps.map((step) => [
      step.step,
      { status: step.status, missing: step.criteria.filter((c) => !c.met).map((c) => [c.id, c.missing]) },
    ]),
  );
}
