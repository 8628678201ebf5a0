import { completeDeclaration } from '@dd/domain/testing';
import { MemoryEventStore } from '@dd/event-store';
import { ProjectionRunner } from '../core/projection-runner';
import { openReadModelDb, type ReadModelDb } from '../core/read-model-db';
import { projectAll, projectTwice } from '../test-support/apply-twice.fixture';
import { DomainLog, seedScenario } from '../test-support/domain-log.fixture';
import { riskRegisterProjection } from './risk-register.projection';
import { RiskRegisterQueries } from './risk-register.queries';

describe('risk register', () => {
  let store: MemoryEventStore;
  let log: DomainLog;
  let db: ReadModelDb;

  beforeEach(() => {
    store = new MemoryEventStore();
    log = new DomainLog(store);
    db = openReadModelDb(':memory:');
  });

  afterEach(async () => {
    await store.close();
    db.close();
  });

  it('lists the risks of a period, most severe first, with who raised them, when, and from what', async () => {
    const seeded = await seedScenario(log);
    await projectAll(store, db, [riskRegisterProjection]);
    const risks = new RiskRegisterQueries(db).list({ period: 2024 });

    expect(risks.map((risk) => [risk.supplierId, risk.severity])).toEqual([
      ['cobra', 'high'],
      ['acme', 'medium'],
    ]);
    const [cobra, acme] = risks;
    expect(cobra).toMatchObject({
      riskId: seeded.cobraRisk.riskId,
      period: 2024,
      metal: 'tungsten',
      smelterId: null,
      category: 'covered-country-sourcing',
      status: 'open',
      raisedBy: 'engine',
      source: 'response-finding',
      evidence: null,
      sourceEventIds: [seeded.cobraRisk.eventId, seeded.cobraResponse.eventId],
    });
    expect(cobra.ruleIds.length).toBeGreaterThan(0);
    expect(acme).toEqual({
      riskId: seeded.acmeFlag.riskId,
      supplierId: 'acme',
      period: 2024,
      metal: 'tungsten',
      smelterId: 'CID002494',
      category: 'non-conflict-free-smelter',
      severity: 'medium',
      raisedSeverity: 'medium',
      status: 'open',
      reason: 'Smelter lost its RMAP conformance',
      evidence: 'RMI notice 2024-07',
      raisedAt: '2024-07-02T10:00:00.000Z',
      raisedBy: 'auditor@example.com',
      source: 'flag',
      ruleIds: [],
      sourceEventIds: [seeded.acmeFlag.eventId],
      owner: null,
      assessment: null,
      mitigation: null,
      escalations: [],
      closure: null,
      updatedAt: '2024-07-02T10:00:00.000Z',
    });
  });

  it('filters by status, supplier, category and severity', async () => {
    await seedScenario(log);
    await projectAll(store, db, [riskRegisterProjection]);
    const queries = new RiskRegisterQueries(db);
    expect(queries.list({ period: 2024, supplierId: 'acme' }).map((risk) => risk.supplierId)).toEqual(['acme']);
    expect(queries.list({ period: 2024, severity: 'high' }).map((risk) => risk.supplierId)).toEqual(['cobra']);
    expect(queries.list({ period: 2024, category: 'non-conflict-free-smelter' })).toHaveLength(1);
    expect(queries.list({ period: 2024, status: 'open' })).toHaveLength(2);
    expect(queries.list({ period: 2023 })).toEqual([]);
    expect(queries.list({ period: 2024, supplierId: 'bolt' })).toEqual([]);
  });

  it('orders risks of equal severity by when they were raised', async () => {
    const late = await log.raiseRisk(
      { supplierId: 's1', period: 2024, category: 'due-diligence-gap', severity: 'low' },
      { occurredAt: '2024-03-01T00:00:00.000Z' },
    );
    const early = await log.raiseRisk(
      { supplierId: 's2', period: 2024, category: 'due-diligence-gap', severity: 'low' },
      { occurredAt: '2024-01-01T00:00:00.000Z' },
    );
    const high = await log.raiseRisk(
      { supplierId: 's3', period: 2024, category: 'cahra-sourcing', severity: 'high' },
      { occurredAt: '2024-06-01T00:00:00.000Z' },
    );
    await projectAll(store, db, [riskRegisterProjection]);
    expect(new RiskRegisterQueries(db).list({ period: 2024 }).map((risk) => risk.riskId)).toEqual([high.riskId, early.riskId, late.riskId]);
  });

  it("keeps the red flags of each supplier's latest response and shows them behind the risk", async () => {
    const seeded = await seedScenario(log);
    await projectAll(store, db, [riskRegisterProjection]);
    const queries = new RiskRegisterQueries(db);
    const expected = seeded.cobraFindings.filter((finding) => finding.severity === 'red-flag');
    expect(expected.length).toBeGreaterThan(0);

    const redFlags = queries.redFlags({ period: 2024 });
    expect(redFlags).toEqual(
      expected.map((finding) => ({
        supplierId: 'cobra',
        period: 2024,
        ruleId: finding.ruleId,
        metal: finding.metal ?? null,
        smelterId: finding.smelterId ?? null,
        field: finding.field,
        cell: finding.cell ?? null,
        message: finding.message,
        // Replaced by the second response, which repeats the red flags.
        eventId: seeded.cobraSecondResponse.eventId,
      })),
    );
    expect(queries.redFlags({ period: 2024, supplierId: 'acme' })).toEqual([]);

    const risk = queries.get(seeded.cobraRisk.riskId);
    expect(risk?.findings.map((finding) => finding.ruleId).sort()).toEqual(
      expected
        .filter((finding) => !finding.metal || finding.metal === 'tungsten')
        .map((finding) => finding.ruleId)
        .sort(),
    );
    expect(queries.get(seeded.acmeFlag.riskId)?.findings).toEqual([]);
    expect(queries.get('no-such-risk')).toBeNull();
  });

  it('clears the red flags when a newer response has none', async () => {
    await seedScenario(log);
    await log.sendCmrt({ supplierId: 'cobra', period: 2024, dueDate: '2024-12-31', requestNumber: 3 });
    const clean = await log.recordResponse({
      supplierId: 'cobra',
      period: 2024,
      requestNumber: 3,
      responseNumber: 3,
      declaration: completeDeclaration(),
    });
    await projectAll(store, db, [riskRegisterProjection]);
    const queries = new RiskRegisterQueries(db);
    expect(queries.redFlags({ period: 2024, supplierId: 'cobra' })).toEqual([]);
    expect(db.prepare('SELECT event_id FROM risk_latest_responses WHERE supplier_id = ?').pluck().get('cobra')).toBe(clean.eventId);
    // The risk stays in the register: closing it is a decision, not a side effect of a new answer.
    expect(queries.list({ period: 2024, supplierId: 'cobra' })).toHaveLength(1);
  });

  it('does not let an older response brought again replace the red flags of a newer one', async () => {
    await seedScenario(log);
    await log.sendCmrt({ supplierId: 'cobra', period: 2024, dueDate: '2024-12-31', requestNumber: 3 });
    await log.recordResponse({
      supplierId: 'cobra',
      period: 2024,
      requestNumber: 3,
      responseNumber: 3,
      declaration: completeDeclaration(),
    });
    await projectAll(store, db, [riskRegisterProjection]);
    const responses = (await store.readAll()).filter(
      (event) => event.type === 'ResponseRecorded' && event.streamId === 'survey-2024-cobra',
    );
    const applier = riskRegisterProjection.create(db);
    db.transaction(() => responses.slice(0, 2).forEach((event) => applier.apply(event)))();
    expect(new RiskRegisterQueries(db).redFlags({ period: 2024, supplierId: 'cobra' })).toEqual([]);
  });

  it('applied twice gives the same read model', async () => {
    await seedScenario(log);
    const { once, twice, db: twiceDb } = await projectTwice(store, [riskRegisterProjection]);
    try {
      expect(once.risk_register).toHaveLength(2);
      expect(twice).toEqual(once);
    } finally {
      twiceDb.close();
    }
  });

  it('follows live appends', async () => {
    const runner = new ProjectionRunner(store, db, [riskRegisterProjection]);
    await runner.start();
    const queries = new RiskRegisterQueries(db);
    expect(queries.list({ period: 2024 })).toEqual([]);
    await log.raiseRisk({ supplierId: 'acme', period: 2024, category: 'smelters-not-identified', severity: 'medium' });
    await runner.caughtUp();
    expect(queries.list({ period: 2024 })).toHaveLength(1);
    await runner.stop();
  });
});
