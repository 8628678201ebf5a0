import { evaluateDeclaration, streams, type DeclarationScope } from '@dd/domain';
import { MemoryEventStore } from '@dd/event-store';
import { completeDeclaration } from '@dd/domain/testing';
import { canonicalDump } from '../core/canonical-dump';
import { openReadModelDb, type ReadModelDb } from '../core/read-model-db';
import { projectAll, projectTwice } from '../test-support/apply-twice.fixture';
import { DomainLog } from '../test-support/domain-log.fixture';
import { appendEvent } from '../test-support/typed-events.fixture';
import { campaignProjection } from './campaign.projection';
import { CampaignQueries } from './campaign.queries';

const period = 2024;
const dueDate = '2025-02-28';
const today = '2025-03-04';

describe('survey campaign figures', () => {
  let store: MemoryEventStore;
  let log: DomainLog;
  let db: ReadModelDb;
  let queries: CampaignQueries;

  beforeEach(() => {
    store = new MemoryEventStore();
    log = new DomainLog(store);
    db = openReadModelDb(':memory:');
    queries = new CampaignQueries(db);
  });

  afterEach(async () => {
    await store.close();
    db.close();
  });

  const launch = (campaignId: string, selection: object, supplierIds: string[]) =>
    appendEvent(store, streams.campaign(campaignId), 'CampaignLaunched', { campaignId, period, selection, supplierIds, dueDate });
  const sent = (supplierId: string, options: { campaignId?: string; requestNumber?: number; dueDate?: string; at?: string } = {}) =>
    appendEvent(
      store,
      streams.survey(period, supplierId),
      'CMRTSent',
      {
        supplierId,
        period,
        dueDate: options.dueDate ?? dueDate,
        requestNumber: options.requestNumber ?? 1,
        ...(options.campaignId ? { campaignId: options.campaignId } : {}),
      },
      { occurredAt: options.at ?? '2025-01-06T09:00:00.000Z' },
    );
  const answered = (supplierId: string, scope: DeclarationScope, numbers: { requestNumber?: number; responseNumber?: number } = {}) => {
    const declaration = completeDeclaration();
    declaration.company.scope = scope;
    return log.recordResponse({ supplierId, period, declaration, receivedAt: '2025-02-01T08:00:00.000Z', ...numbers });
  };
  const followUp = (supplierId: string, followUpId: string) =>
    appendEvent(store, streams.survey(period, supplierId), 'FollowUpRequested', {
      supplierId,
      period,
      followUpId,
      kind: 'incomplete',
      responseNumber: 1,
      origin: 'reviewer',
      findings: [],
    });

  /**
   * Two contract manufacturers and three sub-tier suppliers. Campaign c-all asks four of them; sub-3
   * was asked on its own; campaign c-indirect then selects the three sub-tier suppliers, all already asked.
   */
  async function seedYear() {
    await log.registerSupplier({ supplierId: 'cm-1', tier: 'direct' });
    await log.registerSupplier({ supplierId: 'cm-2', tier: 'direct' });
    for (const id of ['sub-1', 'sub-2', 'sub-3'])
      await log.registerSupplier({ supplierId: id, tier: 'indirect', parentSupplierId: 'cm-1' });
    await appendEvent(store, streams.supplier('sub-2'), 'SupplierOwnerAssigned', { supplierId: 'sub-2', owner: 'buyer-b' });
    const launched = await launch('c-all', {}, ['cm-1', 'cm-2', 'sub-1', 'sub-2']);
    const requests: Record<string, { eventId: string }> = {};
    for (const id of ['cm-1', 'cm-2', 'sub-1', 'sub-2']) requests[id] = await sent(id, { campaignId: 'c-all' });
    requests['sub-3'] = await sent('sub-3', { at: '2025-01-08T10:00:00.000Z' });
    await launch('c-indirect', { tier: 'indirect' }, ['sub-1', 'sub-2', 'sub-3']);
    for (const [id, count] of [
      ['cm-2', 2],
      ['sub-2', 2],
      ['sub-3', 1],
    ] as const) {
      for (let n = 1; n <= count; n++)
        await log.sendReminder(
          { supplierId: id, period, reminderNumber: n },
          { occurredAt: `2025-01-${String(19 + n).padStart(2, '0')}T09:00:00.000Z` },
        );
    }
    await appendEvent(store, streams.survey(period, 'cm-2'), 'NonResponseEscalated', {
      supplierId: 'cm-2',
      period,
      requestNumber: 1,
      owner: 'unassigned',
      reminders: 2,
      dueDate,
    });
    await answered('cm-1', 'company');
    await answered('cm-2', 'company');
    await answered('sub-1', 'product');
    await answered('sub-1', 'user-defined', { responseNumber: 2 });
    await followUp('sub-1', 'f-1');
    await followUp('sub-1', 'f-2');
    await appendEvent(store, streams.survey(period, 'sub-1'), 'FollowUpResolved', {
      supplierId: 'sub-1',
      period,
      followUpId: 'f-1',
      resolution: 'reviewer',
      note: 'phoned',
    });
    await appendEvent(store, streams.survey(period, 'cm-1'), 'ResponseAccepted', { supplierId: 'cm-1', period, responseNumber: 1 });
    // A re-survey of sub-1: its current request is open again, due later.
    const resurvey = await sent('sub-1', { requestNumber: 2, dueDate: '2025-04-30', at: '2025-02-10T09:00:00.000Z' });
    return { launched, requests, resurvey };
  }

  it('given a year of requests, reminders, escalations and responses, then the period figures count them exactly', async () => {
    await seedYear();
    await projectAll(store, db, [campaignProjection]);
    const figures = queries.forPeriod(period, { today });
    const { campaigns, ...totals } = figures;
    const cmrt = { requestsSent: 5, responded: 3, responseRate: 0.6, usable: 3, usableRate: 0.6, awaitingResponse: 3, overdue: 2 };
    const none = { requestsSent: 0, responded: 0, responseRate: null, usable: 0, usableRate: null, awaitingResponse: 0, overdue: 0 };
    expect(totals).toEqual({
      period,
      today,
      // Only CMRTs were asked for: the EMRT's figures are all nought.
      byFamily: { cmrt, emrt: none },
      requestsSent: 5,
      responded: 3,
      responseRate: 0.6,
      usable: 3,
      usableRate: 0.6,
      byTier: {
        direct: { requestsSent: 2, responded: 2, responseRate: 1, usable: 2, usableRate: 1 },
        indirect: { requestsSent: 3, responded: 1, responseRate: 0.3333, usable: 1, usableRate: 0.3333 },
      },
      awaitingResponse: 3,
      overdue: 2,
      remindersSent: 5,
      escalations: 1,
      followUpsOpen: 1,
      accepted: 1,
      scopes: {
        company: { count: 2, share: 0.6667 },
        product: { count: 0, share: 0 },
        'user-defined': { count: 1, share: 0.3333 },
        unspecified: { count: 0, share: 0 },
      },
    });
    expect(campaigns.map(({ launchedAt: _at, ...summary }) => summary)).toEqual([
      {
        campaignId: 'c-all',
        period,
        selection: {},
        family: 'cmrt',
        byFamily: {
          cmrt: { requestsSent: 4, responded: 3, responseRate: 0.75, usable: 3, usableRate: 0.75, awaitingResponse: 1, overdue: 1 },
        },
        dueDate,
        templateVersion: null,
        launchedBy: 'compliance.officer@example.com',
        selected: 4,
        sent: 4,
        alreadyRequested: 0,
        responded: 3,
        responseRate: 0.75,
        usable: 3,
        usableRate: 0.75,
        awaitingResponse: 1,
        overdue: 1,
        remindersSent: 4,
        escalations: 1,
      },
      expect.objectContaining({
        campaignId: 'c-indirect',
        selection: { tier: 'indirect' },
        selected: 3,
        sent: 0,
        alreadyRequested: 3,
        responded: 0,
        responseRate: null,
      }),
    ]);
  });

  it("given a blank template and another company's file, then both count as received, neither as usable, until a proper answer replaces one", async () => {
    await log.registerSupplier({ supplierId: 'cm-1', tier: 'direct' });
    for (const id of ['sub-1', 'sub-2', 'sub-3'])
      await log.registerSupplier({ supplierId: id, tier: 'indirect', parentSupplierId: 'cm-1' });
    await launch('c-all', {}, ['cm-1', 'sub-1', 'sub-2', 'sub-3']);
    for (const id of ['cm-1', 'sub-1', 'sub-2', 'sub-3']) await sent(id, { campaignId: 'c-all' });
    await answered('cm-1', 'company');
    // A blank template, judged by the rule of the domain (recorded before usability was kept on the event).
    await log.recordResponse({ supplierId: 'sub-1', period, declaration: {}, receivedAt: '2025-02-01T08:00:00.000Z' });
    const foreign = completeDeclaration();
    foreign.company.name = 'Central Glass Co., Ltd.';
    await log.recordResponse({
      supplierId: 'sub-2',
      period,
      declaration: foreign,
      receivedAt: '2025-02-01T08:00:00.000Z',
      findings: evaluateDeclaration(foreign, { receivedAt: '2025-02-01T08:00:00.000Z', expectedCompanyName: 'Sub Two Ltd' }),
    });
    await projectAll(store, db, [campaignProjection]);
    expect(queries.forPeriod(period, { today })).toMatchObject({
      requestsSent: 4,
      responded: 3,
      responseRate: 0.75,
      usable: 1,
      usableRate: 0.25,
      byTier: {
        direct: { requestsSent: 1, responded: 1, responseRate: 1, usable: 1, usableRate: 1 },
        indirect: { requestsSent: 3, responded: 2, responseRate: 0.6667, usable: 0, usableRate: 0 },
      },
    });
    expect(queries.campaign('c-all', { today })?.members.map((m) => [m.supplierId, m.responded, m.usable])).toEqual([
      ['cm-1', true, true],
      ['sub-1', true, false],
      ['sub-2', true, false],
      ['sub-3', false, false],
    ]);

    await answered('sub-1', 'company', { responseNumber: 2 });
    await projectAll(store, db, [campaignProjection]);
    expect(queries.forPeriod(period, { today })).toMatchObject({ responded: 3, usable: 2, usableRate: 0.5 });
    expect(queries.campaign('c-all', { today })).toMatchObject({ responded: 3, responseRate: 0.75, usable: 2, usableRate: 0.5 });
  });

  it('judges overdue by the day asked: nothing is overdue on the due date itself', async () => {
    await seedYear();
    await projectAll(store, db, [campaignProjection]);
    expect(queries.forPeriod(period, { today: dueDate }).overdue).toBe(0);
    expect(queries.forPeriod(period, { today: '2025-05-01' }).overdue).toBe(3);
    expect(queries.forPeriod(2023, { today })).toMatchObject({
      requestsSent: 0,
      responseRate: null,
      byTier: { direct: { responseRate: null } },
      campaigns: [],
    });
  });

  it('shows what became of each supplier a campaign selected', async () => {
    await seedYear();
    await projectAll(store, db, [campaignProjection]);
    expect(queries.campaign('c-indirect', { today })?.members).toEqual([
      {
        family: 'cmrt',
        supplierId: 'sub-1',
        tier: 'indirect',
        outcome: 'already-requested',
        requestNumber: null,
        responded: false,
        usable: false,
        overdue: false,
        remindersSent: 0,
        escalatedTo: null,
      },
      {
        family: 'cmrt',
        supplierId: 'sub-2',
        tier: 'indirect',
        outcome: 'already-requested',
        requestNumber: null,
        responded: false,
        usable: false,
        overdue: false,
        remindersSent: 0,
        escalatedTo: null,
      },
      {
        family: 'cmrt',
        supplierId: 'sub-3',
        tier: 'indirect',
        outcome: 'already-requested',
        requestNumber: null,
        responded: false,
        usable: false,
        overdue: false,
        remindersSent: 0,
        escalatedTo: null,
      },
    ]);
    const all = queries.campaign('c-all', { today });
    expect(all?.members.map((m) => [m.supplierId, m.outcome, m.responded, m.overdue, m.remindersSent, m.escalatedTo])).toEqual([
      ['cm-1', 'sent', true, false, 0, null],
      ['cm-2', 'sent', true, false, 2, 'unassigned'],
      ['sub-1', 'sent', true, false, 0, null],
      ['sub-2', 'sent', false, true, 2, null],
    ]);
    expect(queries.campaign('nope', { today })).toBeNull();
  });

  it('lists the unanswered current requests with what the reminder scheduler needs', async () => {
    const { requests, resurvey } = await seedYear();
    await projectAll(store, db, [campaignProjection]);
    expect(queries.openRequests()).toEqual([
      {
        family: 'cmrt',
        supplierId: 'sub-1',
        period,
        requestNumber: 2,
        sentAt: '2025-02-10T09:00:00.000Z',
        sentEventId: resurvey.eventId,
        dueDate: '2025-04-30',
        remindersSent: 0,
        escalated: false,
        owner: null,
        tier: 'indirect',
        campaignId: null,
      },
      {
        family: 'cmrt',
        supplierId: 'sub-2',
        period,
        requestNumber: 1,
        sentAt: '2025-01-06T09:00:00.000Z',
        sentEventId: requests['sub-2'].eventId,
        dueDate,
        remindersSent: 2,
        escalated: false,
        owner: 'buyer-b',
        tier: 'indirect',
        campaignId: 'c-all',
      },
      expect.objectContaining({ supplierId: 'sub-3', remindersSent: 1, sentAt: '2025-01-08T10:00:00.000Z', campaignId: null }),
    ]);
    expect(queries.openRequests({ period: 2023 })).toEqual([]);
    expect(queries.openRequests({ period }).length).toBe(3);
  });

  it('keeps the figures as counts per period, family and tier, equal to the surveys and requests counted afresh', async () => {
    await seedYear();
    await projectAll(store, db, [campaignProjection]);
    const kept = db.prepare('SELECT * FROM campaign_survey_counts WHERE surveys > 0 ORDER BY period, family, tier').all();
    const afresh = db
      .prepare(
        `SELECT s.period, s.family, COALESCE(sup.tier, '') AS tier, count(*) AS surveys, SUM(responses > 0) AS responded,
          SUM(responses > 0 AND latest_usable = 1) AS usable, SUM(responses > 0 AND accepted_response = responses) AS accepted,
          SUM(responses > 0 AND latest_scope IS 'company') AS scope_company, SUM(responses > 0 AND latest_scope IS 'product') AS scope_product,
          SUM(responses > 0 AND latest_scope IS 'user-defined') AS scope_user_defined,
          SUM(responses > 0 AND latest_scope IS NULL) AS scope_unspecified
        FROM campaign_surveys s LEFT JOIN campaign_suppliers sup ON sup.supplier_id = s.supplier_id
        GROUP BY s.period, s.family, tier ORDER BY s.period, s.family, tier`,
      )
      .all();
    expect(kept).toEqual(afresh);
    expect(db.prepare('SELECT period, family, due_date, open FROM campaign_open_counts WHERE open <> 0 ORDER BY due_date').all()).toEqual(
      db
        .prepare(
          `SELECT r.period, r.family, r.due_date, count(*) AS open FROM campaign_requests r
          JOIN campaign_surveys s ON s.period = r.period AND s.supplier_id = r.supplier_id AND s.family = r.family
            AND s.request_number = r.request_number
          WHERE r.responded_at IS NULL GROUP BY r.period, r.family, r.due_date ORDER BY r.due_date`,
        )
        .all(),
    );
    expect(db.prepare('SELECT period, family, reminders, escalations FROM campaign_request_counts').all()).toEqual(
      db
        .prepare(
          `SELECT period, family, SUM(reminders) AS reminders, SUM(escalated_at IS NOT NULL) AS escalations
          FROM campaign_requests GROUP BY period, family`,
        )
        .all(),
    );
  });

  it('lists the unanswered current requests a slice at a time, each slice after the last one seen', async () => {
    await seedYear();
    await projectAll(store, db, [campaignProjection]);
    const all = queries.openRequests();
    const slices = [];
    for (let after = null as null | (typeof all)[number]; ;) {
      const slice = queries.openRequests({}, { limit: 2, after: after && [after.period, after.supplierId, after.family] });
      if (slice.length === 0) break;
      slices.push(slice);
      after = slice[slice.length - 1];
    }
    expect(slices.map((slice) => slice.length)).toEqual([2, 1]);
    expect(slices.flat()).toEqual(all);
  });

  it('applied twice, and rebuilt from the log, equals the live read model', async () => {
    await log.registerSupplier({ supplierId: 'early', tier: 'direct' });
    await projectAll(store, db, [campaignProjection]);
    await seedYear();
    await projectAll(store, db, [campaignProjection]);
    const live = canonicalDump(db, [campaignProjection]);
    const { once, twice, db: rebuilt } = await projectTwice(store, [campaignProjection]);
    try {
      expect(once).toEqual(live);
      expect(twice).toEqual(live);
      expect(new CampaignQueries(rebuilt).forPeriod(period, { today })).toEqual(queries.forPeriod(period, { today }));
      expect(new CampaignQueries(rebuilt).openRequests()).toEqual(queries.openRequests());
      expect(queries.forPeriod(period, { today }).remindersSent).toBe(5);
    } finally {
      rebuilt.close();
    }
  });
});
