import { MemoryEventStore } from '@dd/event-store';
import { openReadModelDb, type ReadModelDb } from '../core/read-model-db';
import { projectAll, projectTwice } from '../test-support/apply-twice.fixture';
import { coveredCountryDeclaration, DomainLog, seedScenario } from '../test-support/domain-log.fixture';
import { OECD_CRITERIA } from './oecd-criteria';
import { oecdStatusProjection } from './oecd-status.projection';
import { OecdStatusQueries, type OecdPeriodStatus } from './oecd-status.queries';

function criterion(status: OecdPeriodStatus, id: string) {
  const found = status.steps.flatMap((step) => step.criteria).find((entry) => entry.id === id);
  if (!found) throw new Error(`no criterion ${id}`);
  return found;
}

describe('OECD five-step status', () => {
  let store: MemoryEventStore;
  let log: DomainLog;
  let db: ReadModelDb;
  let queries: OecdStatusQueries;

  beforeEach(() => {
    store = new MemoryEventStore();
    log = new DomainLog(store);
    db = openReadModelDb(':memory:');
    queries = new OecdStatusQueries(db);
  });

  afterEach(async () => {
    await store.close();
    db.close();
  });

  it('starts with every step not started, each criterion saying what is missing', async () => {
    await projectAll(store, db, [oecdStatusProjection]);
    const status = queries.forPeriod(2024, { today: '2024-06-15' });
    expect(status.steps.map((step) => [step.step, step.name, step.status])).toEqual([
      [1, 'Establish strong company management systems', 'not-started'],
      [2, 'Identify and assess risks in the supply chain', 'not-started'],
      [3, 'Design and implement a strategy to respond to identified risks', 'not-started'],
      [4, "Carry out independent third-party audit of smelter/refiner's due diligence practices", 'not-started'],
      [5, 'Report annually on supply chain due diligence', 'not-started'],
    ]);
    for (const step of status.steps) {
      expect(step.missing).toEqual(step.criteria.map((entry) => entry.description));
      for (const entry of step.criteria)
        expect(entry).toMatchObject({ met: false, evidence: [], evidenceCount: 0, missing: expect.any(String) });
    }
    expect(status.steps.flatMap((step) => step.criteria.map((entry) => entry.id))).toEqual(OECD_CRITERIA.map((entry) => entry.id));
  });

  it('evaluates a worked year: step 2 met, 1 and 3 in progress (no management-system records in this log), 4 and 5 not started', async () => {
    const seeded = await seedScenario(log);
    await projectAll(store, db, [oecdStatusProjection]);
    const status = queries.forPeriod(2024, { today: '2024-06-15' });
    expect(status.today).toBe('2024-06-15');
    // Step 1 has only the supplier map here; its policy, team, clauses and grievance criteria are in oecd-status.management.spec.ts.
    expect(status.steps.map((step) => step.status)).toEqual(['in-progress', 'met', 'in-progress', 'not-started', 'not-started']);

    expect(criterion(status, 'supply-chain-mapped')).toEqual({
      id: 'supply-chain-mapped',
      description: expect.any(String),
      met: true,
      evidence: [seeded.suppliers.acme.eventId, seeded.suppliers.bolt.eventId, seeded.suppliers.cobra.eventId],
      evidenceCount: 3,
    });
    expect(criterion(status, 'suppliers-surveyed').evidence).toEqual([
      seeded.surveys.acme.eventId,
      seeded.surveys.bolt.eventId,
      seeded.surveys.cobra.eventId,
      seeded.cobraResurvey.eventId,
    ]);
    expect(criterion(status, 'responses-reviewed').evidenceCount).toBe(3);
    expect(criterion(status, 'non-responders-chased')).toMatchObject({ met: true, evidence: [seeded.reminder.eventId] });
    expect(criterion(status, 'smelters-identified').met).toBe(true);
    expect(criterion(status, 'risks-recorded')).toMatchObject({ met: true, evidence: [seeded.cobraRisk.eventId, seeded.acmeFlag.eventId] });

    const step3 = status.steps[2];
    expect(step3.missing).toEqual([
      criterion(status, 'risks-reported-to-management').description,
      criterion(status, 'risk-strategy-decided').description,
    ]);
    // Both risks (cobra high, acme medium) are open without a plan.
    expect(criterion(status, 'risk-strategy-decided')).toMatchObject({
      met: false,
      missing: '2 open high/medium risks have no mitigation decision (DecideMitigation) and are not closed',
    });
    expect(criterion(status, 'risks-reported-to-management').missing).toMatch(/management risk report/);
    expect(criterion(status, 'smelters-checked-against-audit-programme').missing).toMatch(/RMAP/);
    expect(criterion(status, 'report-published').missing).toMatch(/publication/);

    // Suppliers are not period-bound: the next year's step 1 stands on the same registrations.
    const next = queries.forPeriod(2025, { today: '2025-01-10' });
    expect(next.steps.map((step) => step.status)).toEqual(['in-progress', 'not-started', 'not-started', 'not-started', 'not-started']);
    expect(next.steps[0].criteria.find((entry) => entry.id === 'supply-chain-mapped')?.met).toBe(true);
    expect(queries.periods()).toEqual([2024]);
  });

  it('judges overdue requests against the given day', async () => {
    await log.registerSupplier({ supplierId: 'acme' });
    await log.registerSupplier({ supplierId: 'bolt' });
    await log.sendCmrt({ supplierId: 'acme', period: 2024, dueDate: '2024-05-31' });
    await log.sendCmrt({ supplierId: 'bolt', period: 2024, dueDate: '2024-06-30' });
    await projectAll(store, db, [oecdStatusProjection]);

    expect(criterion(queries.forPeriod(2024, { today: '2024-05-31' }), 'non-responders-chased').met).toBe(true);
    const june = criterion(queries.forPeriod(2024, { today: '2024-06-15' }), 'non-responders-chased');
    expect(june).toMatchObject({
      met: false,
      missing: '1 supplier is past the due date without a response and without a reminder (as of 2024-06-15)',
    });
    expect(criterion(queries.forPeriod(2024, { today: '2024-07-01' }), 'non-responders-chased').missing).toMatch(/^2 suppliers are past/);

    const reminder = await log.sendReminder({ supplierId: 'acme', period: 2024, overdue: true });
    await log.recordResponse({ supplierId: 'bolt', period: 2024, receivedAt: '2024-07-01T00:00:00.000Z' });
    await projectAll(store, db, [oecdStatusProjection]);
    expect(criterion(queries.forPeriod(2024, { today: '2024-07-15' }), 'non-responders-chased')).toMatchObject({
      met: true,
      evidence: [reminder.eventId],
    });
    expect(() => queries.forPeriod(2024, { today: '15.07.2024' })).toThrow(RangeError);
  });

  it('wants a risk in the register for every supplier whose latest response has red flags', async () => {
    await log.registerSupplier({ supplierId: 'cobra' });
    await log.sendCmrt({ supplierId: 'cobra', period: 2024, dueDate: '2024-05-31' });
    await log.recordResponse({ supplierId: 'cobra', period: 2024, declaration: coveredCountryDeclaration() });
    await projectAll(store, db, [oecdStatusProjection]);
    expect(criterion(queries.forPeriod(2024, { today: '2024-06-01' }), 'risks-recorded')).toMatchObject({
      met: false,
      missing: '1 supplier has red-flag findings but no risk in the register',
    });

    const risk = await log.raiseRisk({ supplierId: 'cobra', period: 2024, category: 'covered-country-sourcing', metal: 'tungsten' });
    await projectAll(store, db, [oecdStatusProjection]);
    expect(criterion(queries.forPeriod(2024, { today: '2024-06-01' }), 'risks-recorded')).toMatchObject({
      met: true,
      evidence: [risk.eventId],
    });
  });

  it('counts a period without red flags as having recorded its risks, once responses were reviewed', async () => {
    await log.registerSupplier({ supplierId: 'acme' });
    await log.sendCmrt({ supplierId: 'acme', period: 2024, dueDate: '2024-05-31' });
    await projectAll(store, db, [oecdStatusProjection]);
    expect(criterion(queries.forPeriod(2024, { today: '2024-05-01' }), 'risks-recorded')).toMatchObject({
      met: false,
      missing: expect.stringMatching(/No response recorded/),
    });
    await log.recordResponse({ supplierId: 'acme', period: 2024 });
    await projectAll(store, db, [oecdStatusProjection]);
    expect(criterion(queries.forPeriod(2024, { today: '2024-05-01' }), 'risks-recorded')).toMatchObject({ met: true, evidence: [] });
  });

  it('caps evidence lists at 50 ids and gives the full count', async () => {
    for (let n = 0; n < 60; n++) await log.registerSupplier({ supplierId: `s${n}` });
    await projectAll(store, db, [oecdStatusProjection]);
    const mapped = criterion(queries.forPeriod(2024), 'supply-chain-mapped');
    expect(mapped.evidence).toHaveLength(50);
    expect(mapped.evidenceCount).toBe(60);
  });

  it('keeps only the evidence it shows, and counts each event once when the log is applied again', async () => {
    for (let n = 0; n < 60; n++) await log.registerSupplier({ supplierId: `s${n}` });
    await projectAll(store, db, [oecdStatusProjection]);
    const { once, twice, db: twiceDb } = await projectTwice(store, [oecdStatusProjection]);
    try {
      expect(once.oecd_facts).toHaveLength(50);
      expect(twice).toEqual(once);
      const mapped = criterion(new OecdStatusQueries(twiceDb).forPeriod(2024), 'supply-chain-mapped');
      expect(mapped.evidence).toEqual(criterion(queries.forPeriod(2024), 'supply-chain-mapped').evidence);
      expect(mapped.evidenceCount).toBe(60);
    } finally {
      twiceDb.close();
    }
  });

  it('applied twice gives the same read model', async () => {
    await seedScenario(log);
    const { once, twice, db: twiceDb } = await projectTwice(store, [oecdStatusProjection]);
    try {
      expect(once.oecd_facts.length).toBeGreaterThan(10);
      expect(twice).toEqual(once);
      const status = new OecdStatusQueries(twiceDb).forPeriod(2024, { today: '2024-06-15' });
      expect(criterion(status, 'responses-reviewed').evidenceCount).toBe(3);
      expect(criterion(status, 'non-responders-chased').evidenceCount).toBe(1);
    } finally {
      twiceDb.close();
    }
  });
});
