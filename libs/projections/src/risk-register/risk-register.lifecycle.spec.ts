import { riskDecider, riskIdFor, streams, type RaiseRisk, type RiskCommand, type SupplierState } from '@dd/domain';
import { MemoryEventStore } from '@dd/event-store';
import { canonicalDump } from '../core/canonical-dump';
import { ProjectionRunner } from '../core/projection-runner';
import { openReadModelDb, type ReadModelDb } from '../core/read-model-db';
import { projectAll, projectTwice } from '../test-support/apply-twice.fixture';
import { DomainLog } from '../test-support/domain-log.fixture';
import { RISK_STATUSES, riskRegisterProjection } from './risk-register.projection';

const RISK_STATUSES_AND_UNDEFINED = [...RISK_STATUSES, undefined] as const;
import { RiskRegisterQueries } from './risk-register.queries';

const acme: SupplierState = { status: 'registered', supplierId: 'acme', name: 'Acme', tier: 'direct' };
const raise: RaiseRisk = {
  supplierId: 'acme',
  period: 2025,
  metal: 'tin',
  smelterId: 'CID000001',
  category: 'non-conformant-smelter',
  severity: 'high',
  reason: 'Tin smelter CID000001 is non-conformant',
  source: {
    kind: 'smelter-status',
    eventId: 'evt-status-1',
    rmapStatus: 'non-conformant',
    statusListAsOf: '2025-03-05',
    referenceListAsOf: '2025-03-05',
  },
};
const riskId = riskIdFor(raise);
const statusSource = (eventId: string) =>
  ({ kind: 'smelter-status', eventId, rmapStatus: 'conformant', statusListAsOf: '2025-05-01', referenceListAsOf: null }) as const;

describe('risk register: the lifecycle of a risk', () => {
  let store: MemoryEventStore;
  let log: DomainLog;
  let db: ReadModelDb;

  /** A command on the risk, decided by the real decider at `now` (which is also the events' business time). */
  const on = (command: RiskCommand, now: string, actor = 'maria') =>
    log.decide(streams.risk(riskId), riskDecider, command, { now, supplier: acme }, { actor, occurredAt: now });

  async function lifeSoFar() {
    const raised = await on({ type: 'RaiseRisk', data: raise }, '2025-04-01T08:00:00.000Z', 'system:smelter-status');
    const assessed = await on(
      { type: 'AssessRisk', data: { riskId, likelihood: 'likely', impact: 'major', rationale: 'one shipment a month' } },
      '2025-04-02T09:00:00.000Z',
    );
    const owned = await on({ type: 'AssignRiskOwner', data: { riskId, owner: 'jonas' } }, '2025-04-02T09:05:00.000Z');
    const decided = await on(
      {
        type: 'DecideMitigation',
        data: {
          riskId,
          strategy: 'continue-trade-during-mitigation',
          plan: 'Move tin to conformant smelters',
          dueDate: '2025-06-30',
          actions: [
            { description: 'Letter to supplier', dueDate: '2025-04-30' },
            { description: 'Supplier confirms', dueDate: '2025-06-15' },
          ],
        },
      },
      '2025-04-03T10:00:00.000Z',
    );
    const progress = await on(
      { type: 'RecordMitigationProgress', data: { riskId, note: 'Letter sent', actionIndex: 0, completed: true } },
      '2025-04-20T10:00:00.000Z',
    );
    return { raised, assessed, owned, decided, progress };
  }

  beforeEach(() => {
    store = new MemoryEventStore();
    log = new DomainLog(store);
    db = openReadModelDb(':memory:');
  });

  afterEach(async () => {
    await store.close();
    db.close();
  });

  it('shows status, owner, assessment, plan with done flags, and the whole history with actor and time', async () => {
    const ids = await lifeSoFar();
    await projectAll(store, db, [riskRegisterProjection]);
    const queries = new RiskRegisterQueries(db);
    const risk = queries.get(riskId)!;
    expect(risk).toMatchObject({
      riskId,
      status: 'mitigating',
      severity: 'high',
      raisedSeverity: 'high',
      owner: 'jonas',
      source: 'smelter-status',
      sourceEventIds: [ids.raised[0].eventId, 'evt-status-1'],
      assessment: {
        likelihood: 'likely',
        impact: 'major',
        severity: 'high',
        rationale: 'one shipment a month',
        at: '2025-04-02T09:00:00.000Z',
        by: 'maria',
        eventId: ids.assessed[0].eventId,
      },
      mitigation: {
        revision: 1,
        strategy: 'continue-trade-during-mitigation',
        plan: 'Move tin to conformant smelters',
        dueDate: '2025-06-30',
        completed: false,
        actions: [
          { description: 'Letter to supplier', dueDate: '2025-04-30', completed: true },
          { description: 'Supplier confirms', dueDate: '2025-06-15', completed: false },
        ],
        eventId: ids.decided[0].eventId,
      },
      escalations: [],
      closure: null,
      updatedAt: '2025-04-20T10:00:00.000Z',
    });
    expect(risk.history.map(({ type, at, by, eventId }) => [type, at, by, eventId])).toEqual([
      ['RiskRaised', '2025-04-01T08:00:00.000Z', 'system:smelter-status', ids.raised[0].eventId],
      ['RiskAssessed', '2025-04-02T09:00:00.000Z', 'maria', ids.assessed[0].eventId],
      ['RiskOwnerAssigned', '2025-04-02T09:05:00.000Z', 'maria', ids.owned[0].eventId],
      ['MitigationDecided', '2025-04-03T10:00:00.000Z', 'maria', ids.decided[0].eventId],
      ['MitigationProgressRecorded', '2025-04-20T10:00:00.000Z', 'maria', ids.progress[0].eventId],
    ]);
    expect(risk.history.map((item) => item.summary)).toEqual([
      'Raised (high): Tin smelter CID000001 is non-conformant',
      'Assessed: likelihood likely, impact major, severity high. one shipment a month',
      'Owner assigned: jonas',
      'Mitigation decided: continue-trade-during-mitigation, due 2025-06-30, 2 actions. Move tin to conformant smelters',
      'Progress (action 0 done): Letter sent',
    ]);
  });

  it('walks the statuses open → assessed → mitigating → escalated → closed, and filters by them', async () => {
    const queries = new RiskRegisterQueries(db);
    const status = async () => {
      await projectAll(store, db, [riskRegisterProjection]);
      return queries.get(riskId)?.status;
    };
    await on({ type: 'RaiseRisk', data: raise }, '2025-04-01T08:00:00.000Z');
    expect(await status()).toBe('open');
    await on({ type: 'AssessRisk', data: { riskId, likelihood: 'rare', impact: 'minor', rationale: 'x' } }, '2025-04-02T00:00:00.000Z');
    expect(await status()).toBe('assessed');
    expect(queries.get(riskId)?.severity).toBe('low');
    await on(
      { type: 'DecideMitigation', data: { riskId, strategy: 'temporarily-suspend', plan: 'pause orders', dueDate: '2025-05-31' } },
      '2025-04-03T00:00:00.000Z',
    );
    expect(await status()).toBe('mitigating');
    expect(queries.list({ period: 2025, status: 'mitigating' }).map((r) => r.riskId)).toEqual([riskId]);
    await on(
      { type: 'EscalateOverdueMitigation', data: { riskId, revision: 1 } },
      '2025-06-01T06:00:00.000Z',
      'system:mitigation-escalation',
    );
    expect(await status()).toBe('escalated');
    expect(queries.get(riskId)?.escalations).toEqual([
      expect.objectContaining({
        revision: 1,
        actionIndex: null,
        dueDate: '2025-05-31',
        escalatedTo: 'senior-management',
        by: 'system:mitigation-escalation',
        at: '2025-06-01T06:00:00.000Z',
      }),
    ]);
    // The plan done: no longer overdue, so back to mitigating.
    await on({ type: 'RecordMitigationProgress', data: { riskId, note: 'orders paused', completed: true } }, '2025-06-02T00:00:00.000Z');
    expect(await status()).toBe('mitigating');
    await on({ type: 'CloseRisk', data: { riskId, resolution: 'mitigated', note: 'supplier switched' } }, '2025-06-03T00:00:00.000Z');
    expect(await status()).toBe('closed');
    expect(queries.get(riskId)?.closure).toMatchObject({
      resolution: 'mitigated',
      note: 'supplier switched',
      at: '2025-06-03T00:00:00.000Z',
    });
    expect(queries.list({ period: 2025, status: 'closed' })).toHaveLength(1);
    expect(queries.list({ period: 2025, status: 'open' })).toEqual([]);
  });

  it('keeps the totals of every filter as risks move: each equals the risks the filter lists', async () => {
    const queries = new RiskRegisterQueries(db);
    await log.raiseRisk({ supplierId: 'bolt', period: 2025, category: 'grievance', severity: 'low' });
    await log.raiseRisk({ supplierId: 'acme', period: 2024, category: 'non-conformant-smelter', severity: 'high' });
    const filters = RISK_STATUSES_AND_UNDEFINED.flatMap((status) =>
      (['high', 'medium', 'low', undefined] as const).flatMap((severity) =>
        (['non-conformant-smelter', 'grievance', undefined] as const).flatMap((category) =>
          (['acme', undefined] as const).map((supplierId) => ({ period: 2025, status, severity, category, supplierId })),
        ),
      ),
    );
    const expectTotalsToMatchTheRows = async () => {
      await projectAll(store, db, [riskRegisterProjection]);
      for (const filter of filters)
        expect({ filter, total: queries.count(filter) }).toEqual({ filter, total: queries.list(filter).length });
    };
    await on({ type: 'RaiseRisk', data: raise }, '2025-04-01T08:00:00.000Z');
    await expectTotalsToMatchTheRows();
    expect(queries.count({ period: 2025 })).toBe(2);
    await on({ type: 'AssessRisk', data: { riskId, likelihood: 'rare', impact: 'minor', rationale: 'x' } }, '2025-04-02T00:00:00.000Z');
    await expectTotalsToMatchTheRows();
    expect(queries.count({ period: 2025, severity: 'low' })).toBe(2);
    await on(
      { type: 'DecideMitigation', data: { riskId, strategy: 'temporarily-suspend', plan: 'pause orders', dueDate: '2025-05-31' } },
      '2025-04-03T00:00:00.000Z',
    );
    await expectTotalsToMatchTheRows();
    await on({ type: 'CloseRisk', data: { riskId, resolution: 'mitigated', note: 'supplier switched' } }, '2025-06-03T00:00:00.000Z');
    await expectTotalsToMatchTheRows();
    expect(queries.count({ period: 2025, status: 'closed' })).toBe(1);
    await on(
      { type: 'RaiseRisk', data: { ...raise, reason: 'again', source: { ...statusSource('evt-status-3'), rmapStatus: 'non-conformant' } } },
      '2025-08-01T00:00:00.000Z',
    );
    await expectTotalsToMatchTheRows();
    expect(queries.count({ period: 2025, status: 'open', severity: 'high' })).toBe(1);

    // Applied again over the same tables (a replay after a crash): nothing counted twice.
    db.prepare('UPDATE checkpoints SET position = 0').run();
    await expectTotalsToMatchTheRows();
    expect(queries.count({ period: 2025 })).toBe(2);
  });

  it('reopens a closed risk as a new episode: assessment and plan cleared, history kept', async () => {
    await lifeSoFar();
    await on(
      { type: 'CloseRiskAutomatically', data: { riskId, reason: 'now conformant', source: statusSource('evt-status-2') } },
      '2025-05-01T00:00:00.000Z',
      'system:smelter-status',
    );
    const reopened = await on(
      {
        type: 'RaiseRisk',
        data: { ...raise, reason: 'non-conformant again', source: { ...statusSource('evt-status-3'), rmapStatus: 'non-conformant' } },
      },
      '2025-08-01T00:00:00.000Z',
      'system:smelter-status',
    );
    await projectAll(store, db, [riskRegisterProjection]);
    const risk = new RiskRegisterQueries(db).get(riskId)!;
    expect(risk).toMatchObject({ status: 'open', assessment: null, mitigation: null, closure: null, owner: 'jonas', severity: 'high' });
    expect(risk.sourceEventIds).toEqual([expect.any(String), 'evt-status-1', reopened[0].eventId, 'evt-status-3']);
    expect(risk.history.map((item) => item.type).slice(-2)).toEqual(['RiskClosed', 'RiskReopened']);
    expect(risk.history.at(-2)?.summary).toBe('Closed (resolved-by-status-change): now conformant');
    expect(risk.history.at(-1)?.summary).toBe('Reopened (high): non-conformant again');
  });

  it('lists the dates past due that are neither done nor escalated, for the escalation process manager', async () => {
    await lifeSoFar();
    await projectAll(store, db, [riskRegisterProjection]);
    const queries = new RiskRegisterQueries(db);
    // Action 0 is done; action 1 is due 2025-06-15, the plan 2025-06-30.
    expect(queries.overdueMitigations('2025-06-15')).toEqual([]);
    expect(queries.overdueMitigations('2025-06-16')).toEqual([{ riskId, revision: 1, actionIndex: 1, dueDate: '2025-06-15' }]);
    expect(queries.overdueMitigations('2025-07-01')).toEqual([
      { riskId, revision: 1, dueDate: '2025-06-30' },
      { riskId, revision: 1, actionIndex: 1, dueDate: '2025-06-15' },
    ]);
    // A scan goes a slice of risks at a time, each slice after the (due date, risk id) the last one ended on.
    const first = queries.overdueSlice('2025-07-01', { limit: 1, after: null });
    expect(first.overdue).toEqual(queries.overdueMitigations('2025-07-01'));
    expect(first.last).toEqual([expect.any(String), riskId]);
    expect(queries.overdueSlice('2025-07-01', { limit: 1, after: first.last })).toEqual({ overdue: [], last: null });
    await on({ type: 'EscalateOverdueMitigation', data: { riskId, revision: 1, actionIndex: 1 } }, '2025-06-16T00:00:00.000Z');
    await projectAll(store, db, [riskRegisterProjection]);
    expect(queries.overdueMitigations('2025-07-01')).toEqual([{ riskId, revision: 1, dueDate: '2025-06-30' }]);
    await on({ type: 'CloseRisk', data: { riskId, resolution: 'accepted', note: 'x' } }, '2025-06-20T00:00:00.000Z');
    await projectAll(store, db, [riskRegisterProjection]);
    expect(queries.overdueMitigations('2025-07-01')).toEqual([]);
  });

  it('applied twice gives the same read model', async () => {
    await lifeSoFar();
    await on({ type: 'EscalateOverdueMitigation', data: { riskId, revision: 1, actionIndex: 1 } }, '2025-06-16T00:00:00.000Z');
    await on({ type: 'CloseRisk', data: { riskId, resolution: 'mitigated', note: 'x' } }, '2025-06-20T00:00:00.000Z');
    const { once, twice, db: twiceDb } = await projectTwice(store, [riskRegisterProjection]);
    try {
      expect(once.risk_history).toHaveLength(7);
      expect(twice).toEqual(once);
    } finally {
      twiceDb.close();
    }
  });

  it('ignores an older event of a risk applied again after newer ones', async () => {
    const ids = await lifeSoFar();
    await projectAll(store, db, [riskRegisterProjection]);
    const before = canonicalDump(db, [riskRegisterProjection]);
    const assessed = (await store.readAll()).find((event) => event.metadata.eventId === ids.assessed[0].eventId)!;
    const applier = riskRegisterProjection.create(db);
    db.transaction(() => applier.apply(assessed))();
    expect(canonicalDump(db, [riskRegisterProjection])).toEqual(before);
  });

  it('live equals rebuilt', async () => {
    const runner = new ProjectionRunner(store, db, [riskRegisterProjection]);
    await runner.start();
    await lifeSoFar();
    await on({ type: 'CloseRisk', data: { riskId, resolution: 'mitigated', note: 'x' } }, '2025-06-20T00:00:00.000Z');
    await runner.caughtUp();
    await runner.stop();
    const rebuilt = openReadModelDb(':memory:');
    try {
      await projectAll(store, rebuilt, [riskRegisterProjection]);
      expect(canonicalDump(rebuilt, [riskRegisterProjection])).toEqual(canonicalDump(db, [riskRegisterProjection]));
    } finally {
      rebuilt.close();
    }
  });
});
