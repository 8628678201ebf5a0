import { streams, surveyDecider, type SupplierState, type SurveyCommand } from '@dd/domain';
import { completeDeclaration, completeEmrtDeclaration } from '@dd/domain/testing';
import { MemoryEventStore } from '@dd/event-store';
import { openReadModelDb, type ReadModelDb } from '../core/read-model-db';
import { projectAll, projectTwice } from '../test-support/apply-twice.fixture';
import { DomainLog, seedScenario } from '../test-support/domain-log.fixture';
import { suppliersProjection } from './suppliers.projection';
import { SupplierQueries } from './suppliers.queries';

describe('suppliers overview', () => {
  let store: MemoryEventStore;
  let log: DomainLog;
  let db: ReadModelDb;
  let queries: SupplierQueries;

  beforeEach(() => {
    store = new MemoryEventStore();
    log = new DomainLog(store);
    db = openReadModelDb(':memory:');
    queries = new SupplierQueries(db);
  });

  afterEach(async () => {
    await store.close();
    db.close();
  });

  it('shows the registration and the sub-tier suppliers', async () => {
    const seeded = await seedScenario(log);
    await projectAll(store, db, [suppliersProjection]);
    const acme = queries.get('acme');
    expect(acme).toMatchObject({
      supplierId: 'acme',
      name: 'Acme Components GmbH',
      tier: 'direct',
      country: 'DE',
      parentSupplierId: null,
      eventId: seeded.suppliers.acme.eventId,
      children: ['bolt'],
    });
    expect(acme?.registeredAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(queries.get('bolt')).toMatchObject({ tier: 'indirect', parentSupplierId: 'acme', children: [] });
    expect(queries.get('nobody')).toBeNull();
  });

  describe('given a supplier asked for a CMRT and an EMRT for the same year', () => {
    const period = 2024;
    const now = '2025-01-20T09:00:00.000Z';
    const acme: SupplierState = { status: 'registered', supplierId: 'acme', name: 'Cobalt Components GmbH', tier: 'direct' };
    const survey = (family: 'cmrt' | 'emrt', command: SurveyCommand) =>
      log.decide(streams.survey(period, 'acme', family), surveyDecider, command, { supplier: acme, now });

    beforeEach(async () => {
      await log.registerSupplier({ supplierId: 'acme', name: acme.name });
      await survey('cmrt', { type: 'SendCMRT', data: { supplierId: 'acme', period, dueDate: '2025-03-31' } });
      await survey('emrt', { type: 'SendCMRT', data: { supplierId: 'acme', period, dueDate: '2025-04-30', family: 'emrt' } });
      await survey('emrt', { type: 'SendReminder', data: { supplierId: 'acme', period, family: 'emrt' } });
      await survey('emrt', { type: 'RecordEmrtResponse', data: { supplierId: 'acme', period, declaration: completeEmrtDeclaration() } });
    });

    it('when the EMRT is answered, then the supplier shows both surveys: the CMRT still awaited, the EMRT answered with its minerals', async () => {
      await projectAll(store, db, [suppliersProjection]);
      const surveys = queries.get('acme')!.surveys;
      expect(surveys.map((one) => [one.period, one.family, one.status, one.dueDate, one.remindersSent])).toEqual([
        [2024, 'cmrt', 'awaiting-response', '2025-03-31', 0],
        [2024, 'emrt', 'responded', '2025-04-30', 1],
      ]);
      expect(surveys[0].responses).toEqual([]);
      expect(surveys[1].responses).toEqual([
        expect.objectContaining({ responseNumber: 1, templateVersion: '2.1', inScopeMetals: ['cobalt', 'mica'], smelterCount: 2 }),
      ]);
      // The survey list by period stays the CMRT's: one row per supplier.
      expect(queries.list({ period })).toEqual([expect.objectContaining({ supplierId: 'acme', surveyStatus: 'awaiting-response' })]);
      expect(queries.survey('acme', period)).toMatchObject({ family: 'cmrt', status: 'awaiting-response' });
      expect(queries.survey('acme', period, 'emrt')).toMatchObject({ family: 'emrt', status: 'responded', remindersSent: 1 });
    });
  });

  it('shows an awaiting survey with its reminders', async () => {
    await seedScenario(log);
    await log.sendReminder({ supplierId: 'bolt', period: 2024, reminderNumber: 2, overdue: true });
    await projectAll(store, db, [suppliersProjection]);
    expect(queries.get('bolt')?.surveys).toEqual([
      {
        period: 2024,
        family: 'cmrt',
        status: 'awaiting-response',
        requestNumber: 1,
        dueDate: '2024-05-31',
        templateVersion: null,
        sentAt: expect.any(String),
        remindersSent: 2,
        remindersTotal: 2,
        lastReminderAt: expect.any(String),
        responses: [],
        latestFindings: [],
        followUps: [],
      },
    ]);
  });

  it('lists the follow-ups asked of a supplier with their ids, open until resolved', async () => {
    await seedScenario(log);
    const followUp = (followUpId: string, kind: 'incomplete' | 'inaccurate') => ({
      supplierId: 'cobra',
      period: 2024,
      followUpId,
      kind,
      responseNumber: 1,
      origin: 'checker',
      findings: [],
    });
    await store.appendToStream(
      'survey-2024-cobra',
      [
        { type: 'FollowUpRequested', data: followUp('2024-cobra-1-incomplete', 'incomplete') },
        { type: 'FollowUpRequested', data: followUp('2024-cobra-2-inaccurate', 'inaccurate') },
      ],
      { commandId: 'follow-ups', actor: 'system' },
    );
    await store.appendToStream(
      'survey-2024-cobra',
      [
        {
          type: 'FollowUpResolved',
          data: { supplierId: 'cobra', period: 2024, followUpId: '2024-cobra-1-incomplete', resolution: 'resubmitted', responseNumber: 2 },
        },
      ],
      { commandId: 'resolved', actor: 'system' },
    );
    const { once, twice, db: twiceDb } = await projectTwice(store, [suppliersProjection]);
    expect(twice).toEqual(once);
    twiceDb.close();
    await projectAll(store, db, [suppliersProjection]);
    expect(queries.survey('cobra', 2024).followUps.map((f) => [f.followUpId, f.kind, f.resolution])).toEqual([
      ['2024-cobra-1-incomplete', 'incomplete', 'resubmitted'],
      ['2024-cobra-2-inaccurate', 'inaccurate', null],
    ]);
    expect(queries.get('cobra')!.surveys[0].followUps).toHaveLength(2);
  });

  it("reads a page of suppliers' surveys at once exactly as each one's alone, not-sent where there is none", async () => {
    await seedScenario(log);
    await store.appendToStream(
      'survey-2024-cobra',
      [
        {
          type: 'FollowUpRequested',
          data: {
            supplierId: 'cobra',
            period: 2024,
            followUpId: 'f-1',
            kind: 'incomplete',
            responseNumber: 1,
            origin: 'checker',
            findings: [],
          },
        },
      ],
      { commandId: 'follow-up', actor: 'system' },
    );
    await projectAll(store, db, [suppliersProjection]);
    const ids = queries.list().map((supplier) => supplier.supplierId);
    expect(ids.length).toBeGreaterThan(2);
    for (const period of [2023, 2024, 2025]) {
      const page = queries.surveysOf([...ids, 'nobody'], period);
      // As JSON: the same keys in the same order (the body of GET /surveys stays byte for byte what it was).
      expect(JSON.stringify(Object.fromEntries(page))).toBe(
        JSON.stringify(Object.fromEntries([...ids, 'nobody'].map((id) => [id, queries.survey(id, period)]))),
      );
    }
    expect(queries.surveysOf(ids, 2024).get('cobra')!.followUps).toHaveLength(1);
  });

  it("summarises each response and keeps the latest response's findings", async () => {
    const seeded = await seedScenario(log);
    await projectAll(store, db, [suppliersProjection]);
    const [survey] = queries.get('cobra')!.surveys;
    const counts = { error: 0, warning: 0, 'red-flag': 0, info: 0 };
    for (const finding of seeded.cobraFindings) counts[finding.severity]++;
    const declaration = completeDeclaration();
    expect(survey).toMatchObject({ period: 2024, status: 'responded', requestNumber: 2, dueDate: '2024-09-30', remindersSent: 0 });
    expect(survey.responses).toEqual([
      {
        responseNumber: 1,
        requestNumber: 1,
        receivedAt: '2024-05-28T08:00:00.000Z',
        eventId: seeded.cobraResponse.eventId,
        source: 'json',
        fileName: null,
        templateVersion: declaration.templateVersion,
        scope: 'company',
        inScopeMetals: ['tungsten'],
        findingCounts: counts,
        followUpKinds: expect.any(Array),
        smelterCount: declaration.smelters.length,
      },
      expect.objectContaining({ responseNumber: 2, requestNumber: 2, eventId: seeded.cobraSecondResponse.eventId }),
    ]);
    expect(counts['red-flag']).toBeGreaterThan(0);
    expect(survey.latestFindings).toEqual(seeded.cobraFindings);
  });

  it('keeps the file of a CMRT upload', async () => {
    await log.registerSupplier({ supplierId: 'delta' });
    await log.sendCmrt({ supplierId: 'delta', period: 2025, dueDate: '2025-05-31' });
    await log.recordResponse({
      supplierId: 'delta',
      period: 2025,
      source: {
        kind: 'cmrt-file',
        fileName: 'delta-cmrt.xlsx',
        sha256: 'a'.repeat(64),
        size: 12345,
        templateVersion: '6.5',
        language: 'English',
      },
    });
    await projectAll(store, db, [suppliersProjection]);
    expect(queries.survey('delta', 2025).responses[0]).toMatchObject({
      source: 'cmrt-file',
      fileName: 'delta-cmrt.xlsx',
      templateVersion: '6.5',
    });
  });

  it("says 'not-sent' for a period without a survey", async () => {
    await seedScenario(log);
    await projectAll(store, db, [suppliersProjection]);
    expect(queries.survey('acme', 2023)).toMatchObject({ period: 2023, status: 'not-sent', requestNumber: 0, responses: [] });
    expect(queries.survey('acme', 2024).status).toBe('responded');
  });

  it('lists suppliers by tier, with the survey status of a period when asked', async () => {
    await seedScenario(log);
    await log.registerSupplier({ supplierId: 'echo', tier: 'direct' });
    await projectAll(store, db, [suppliersProjection]);
    expect(queries.list().map((supplier) => supplier.supplierId)).toEqual(['acme', 'bolt', 'cobra', 'echo']);
    expect(queries.list({ tier: 'indirect' }).map((supplier) => supplier.supplierId)).toEqual(['bolt']);
    expect(queries.list({ period: 2024 }).map((supplier) => [supplier.supplierId, supplier.surveyStatus])).toEqual([
      ['acme', 'responded'],
      ['bolt', 'awaiting-response'],
      ['cobra', 'responded'],
      ['echo', 'not-sent'],
    ]);
    expect(queries.list({ tier: 'direct', period: 2025 }).map((supplier) => supplier.surveyStatus)).toEqual([
      'not-sent',
      'not-sent',
      'not-sent',
    ]);
    expect(queries.list()[0]).not.toHaveProperty('surveyStatus');
  });

  it('counts the suppliers of each tier as kept, equal to the suppliers counted afresh, a registration again moving its tier', async () => {
    await seedScenario(log);
    await log.registerSupplier({ supplierId: 'echo', tier: 'direct' });
    // Registered again (the same event applied twice, then as indirect): counted once, under its last tier.
    await log.registerSupplier({ supplierId: 'echo', tier: 'direct' });
    await log.registerSupplier({ supplierId: 'foxy', tier: 'direct' });
    await log.registerSupplier({ supplierId: 'foxy', tier: 'indirect' });
    await projectAll(store, db, [suppliersProjection]);
    const { db: twiceDb } = await projectTwice(store, [suppliersProjection]);
    try {
      for (const counted of [db, twiceDb]) {
        const kept = new SupplierQueries(counted);
        const afresh = (tier?: 'direct' | 'indirect') => kept.list(tier === undefined ? {} : { tier }).length;
        expect([kept.count(), kept.count({ tier: 'direct' }), kept.count({ tier: 'indirect' })]).toEqual([
          afresh(),
          afresh('direct'),
          afresh('indirect'),
        ]);
        expect(kept.count({ tier: 'indirect' })).toBe(2);
      }
    } finally {
      twiceDb.close();
    }
  });

  it('reads a page of one tier by seeking the tier in id order, without sorting the tier', async () => {
    await seedScenario(log);
    await projectAll(store, db, [suppliersProjection]);
    const plan = db
      .prepare('EXPLAIN QUERY PLAN SELECT supplier_id FROM suppliers s WHERE s.tier = ? AND s.supplier_id > ? ORDER BY supplier_id LIMIT ?')
      .all('indirect', 'S000100', 501)
      .map((row) => (row as { detail: string }).detail)
      .join(' | ');
    expect(plan).toContain('suppliers_in_tier_order (tier=? AND supplier_id>?)');
    expect(plan).not.toContain('TEMP B-TREE');
  });

  it('applied twice gives the same read model', async () => {
    await seedScenario(log);
    await log.sendReminder({ supplierId: 'bolt', period: 2024, reminderNumber: 2, overdue: true });
    const { once, twice, db: twiceDb } = await projectTwice(store, [suppliersProjection]);
    try {
      expect(once.supplier_reminders).toHaveLength(2);
      expect(twice).toEqual(once);
      expect(new SupplierQueries(twiceDb).get('bolt')?.surveys[0].remindersSent).toBe(2);
    } finally {
      twiceDb.close();
    }
  });
});
