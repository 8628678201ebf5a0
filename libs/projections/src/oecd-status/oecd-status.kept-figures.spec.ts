import { riskDecider, riskIdFor, streams, type RiskCategory, type SupplierState } from '@dd/domain';
import { MemoryEventStore } from '@dd/event-store';
import { canonicalDump } from '../core/canonical-dump';
import { openReadModelDb, type ReadModelDb } from '../core/read-model-db';
import { ACME_ROWS, SmelterLog, tinDeclaration } from '../smelter-register/smelter-register.fixture';
import { projectAll, projectTwice } from '../test-support/apply-twice.fixture';
import { coveredCountryDeclaration, DomainLog } from '../test-support/domain-log.fixture';
import { oecdStatusProjection } from './oecd-status.projection';
import { OecdStatusQueries, type OecdPeriodStatus } from './oecd-status.queries';

const missingOf = (status: OecdPeriodStatus, id: string) =>
  status.steps.flatMap((step) => step.criteria).find((criterion) => criterion.id === id)?.missing;

/**
 * GET /oecd-status reads counts and sets the projection keeps (risks per severity, plan and closure;
 * the smelters of each period; the suppliers with red flags and no risk and how many; per supplier the
 * earliest due date of its unchased requests and how many suppliers have each), instead of every request, response and risk of the period. What it reads must
 * equal the same figures counted afresh from the rows, however the rows moved.
 */
describe('OECD status: the figures kept for the status read', () => {
  let store: MemoryEventStore;
  let domain: DomainLog;
  let smelters: SmelterLog;
  let db: ReadModelDb;

  beforeEach(() => {
    store = new MemoryEventStore();
    domain = new DomainLog(store);
    smelters = new SmelterLog(domain);
    db = openReadModelDb(':memory:');
  });
  afterEach(async () => {
    await store.close();
    db.close();
  });

  const supplier = (supplierId: string): SupplierState => ({ status: 'registered', supplierId, name: supplierId, tier: 'direct' });
  const onRisk = (supplierId: string, category: RiskCategory, command: Parameters<typeof riskDecider.decide>[0]) =>
    domain.decide(streams.risk(riskIdFor({ period: 2025, supplierId, category })), riskDecider, command, {
      now: '2025-04-01T00:00:00Z',
      supplier: supplier(supplierId),
    });
  const riskIdOf = (supplierId: string, category: RiskCategory) => riskIdFor({ period: 2025, supplierId, category });
  const raise = (supplierId: string, category: RiskCategory, severity: 'high' | 'medium' | 'low') =>
    onRisk(supplierId, category, {
      type: 'RaiseRisk',
      data: { supplierId, period: 2025, category, severity, reason: category, source: { kind: 'flag' } },
    });

  /** A year of surveys: re-surveys, reminders, red flags with and without risks, smelter lists that shrink and are confirmed, risks that move. */
  async function seedYear(): Promise<void> {
    await smelters.importReferenceList();
    await smelters.importStatusList([{ metal: 'tin', smelterId: 'CID000001', status: 'conformant' }], '2025-03-05', 'b');
    for (const id of ['acme', 'bolt', 'cobra', 'dune', 'foxy']) await smelters.register(id, 2025);
    // Re-surveyed: dune answers its second request only, foxy neither (one supplier, counted once).
    await domain.sendCmrt({ supplierId: 'dune', period: 2025, dueDate: '2025-02-01', requestNumber: 2 });
    await domain.sendCmrt({ supplierId: 'foxy', period: 2025, dueDate: '2025-02-01', requestNumber: 2 });
    await domain.sendCmrt({ supplierId: 'dune', period: 2024, dueDate: '2024-02-01' });
    await domain.sendReminder({ supplierId: 'cobra', period: 2025 });
    // gale's earliest unchased due date moves: its first request reminded, its second sent again with a new date.
    await domain.sendCmrt({ supplierId: 'gale', period: 2026, dueDate: '2026-02-01' });
    await domain.sendCmrt({ supplierId: 'gale', period: 2026, dueDate: '2026-05-01', requestNumber: 2 });
    await domain.sendReminder({ supplierId: 'gale', period: 2026 });
    await domain.sendCmrt({ supplierId: 'gale', period: 2026, dueDate: '2026-06-01', requestNumber: 2 });
    // acme names Alpha and Beta, then answers again naming Alpha only (Beta leaves the period's smelters,
    // Alpha stays: echo names it too), then Metallo is confirmed for its row 8.
    await smelters.respond('acme', 2025, tinDeclaration(ACME_ROWS));
    await smelters.register('echo', 2025);
    await smelters.respond('echo', 2025, tinDeclaration(ACME_ROWS.slice(0, 1)));
    await smelters.respond('acme', 2025, tinDeclaration(ACME_ROWS.filter((row) => row.row !== 6)));
    await smelters.confirm('acme', 2025, 8, 'CID000004');
    // bolt and cobra answer with red flags; only cobra gets a risk, one before its answer for dune.
    await raise('dune', 'due-diligence-gap', 'medium');
    await domain.recordResponse({ supplierId: 'bolt', period: 2025, declaration: coveredCountryDeclaration() });
    await domain.recordResponse({ supplierId: 'cobra', period: 2025, declaration: coveredCountryDeclaration() });
    await domain.recordResponse({ supplierId: 'dune', period: 2025, requestNumber: 2, declaration: coveredCountryDeclaration() });
    await raise('cobra', 'covered-country-sourcing', 'high');
    await raise('cobra', 'incomplete-supplier-data', 'low');
    await raise('acme', 'cahra-sourcing', 'high');
    // Assessed down to low: it needs no strategy any more.
    await raise('acme', 'incomplete-supplier-data', 'high');
    await onRisk('acme', 'incomplete-supplier-data', {
      type: 'AssessRisk',
      data: { riskId: riskIdOf('acme', 'incomplete-supplier-data'), likelihood: 'rare', impact: 'minor', rationale: 'x' },
    });
    await onRisk('cobra', 'covered-country-sourcing', {
      type: 'AssessRisk',
      data: { riskId: riskIdOf('cobra', 'covered-country-sourcing'), likelihood: 'likely', impact: 'major', rationale: 'x' },
    });
    await onRisk('cobra', 'covered-country-sourcing', {
      type: 'DecideMitigation',
      data: {
        riskId: riskIdOf('cobra', 'covered-country-sourcing'),
        strategy: 'temporarily-suspend',
        plan: 'pause',
        dueDate: '2025-06-30',
      },
    });
    await onRisk('dune', 'due-diligence-gap', {
      type: 'CloseRisk',
      data: { riskId: riskIdOf('dune', 'due-diligence-gap'), resolution: 'moved-to-conflict-free-sources', note: 'x' },
    });
  }

  function expectKeptToEqualAfresh(): void {
    const rows = (sql: string) => db.prepare(sql).all();
    expect(rows('SELECT period, severity, has_plan, closed, risks FROM oecd_risk_counts WHERE risks <> 0 ORDER BY 1, 2, 3, 4')).toEqual(
      rows(
        'SELECT period, severity, has_plan, closed, count(*) AS risks FROM oecd_risks GROUP BY period, severity, has_plan, closed ORDER BY 1, 2, 3, 4',
      ),
    );
    // Every smelter named now is in the period's set (which may keep ones no longer named: the read checks).
    expect(
      rows(`SELECT DISTINCT period, metal, smelter_id FROM oecd_smelters n WHERE NOT EXISTS (SELECT 1 FROM oecd_period_smelters m
        WHERE m.period = n.period AND m.metal = n.metal AND m.smelter_id = n.smelter_id)`),
    ).toEqual([]);
    expect(rows('SELECT period, supplier_id FROM oecd_uncovered_red_flags ORDER BY 1, 2')).toEqual(
      rows(
        `SELECT period, supplier_id FROM oecd_latest_responses r WHERE red_flags > 0 AND NOT EXISTS (SELECT 1 FROM oecd_facts f
          WHERE f.period = r.period AND f.criterion = 'risks-recorded' AND f.supplier_id = r.supplier_id) ORDER BY 1, 2`,
      ),
    );
    expect(rows('SELECT period, suppliers FROM oecd_uncovered_counts WHERE suppliers <> 0 ORDER BY 1')).toEqual(
      rows('SELECT period, count(*) AS suppliers FROM oecd_uncovered_red_flags GROUP BY period ORDER BY 1'),
    );
    const unchasedAfresh = `SELECT period, supplier_id, min(due_date) AS earliest_due FROM oecd_requests
      WHERE response_event_id IS NULL AND first_reminder_event_id IS NULL GROUP BY period, supplier_id`;
    expect(
      rows('SELECT period, supplier_id, earliest_due FROM oecd_unchased_suppliers WHERE earliest_due IS NOT NULL ORDER BY 1, 2'),
    ).toEqual(rows(`${unchasedAfresh} ORDER BY 1, 2`));
    expect(rows('SELECT period, earliest_due, suppliers FROM oecd_unchased_counts WHERE suppliers <> 0 ORDER BY 1, 2')).toEqual(
      rows(`SELECT period, earliest_due, count(*) AS suppliers FROM (${unchasedAfresh}) GROUP BY period, earliest_due ORDER BY 1, 2`),
    );
  }

  it('given surveys, answers, smelter lists and risks that move, when projected, then each kept figure equals the rows counted afresh', async () => {
    await seedYear();
    await projectAll(store, db, [oecdStatusProjection]);

    expectKeptToEqualAfresh();
    // Beta was named, then no more: still in the set, no longer identified.
    expect(db.prepare('SELECT smelter_id FROM oecd_period_smelters WHERE period = 2025 ORDER BY 1').pluck().all()).toEqual([
      'CID000001',
      'CID000002',
      'CID000004',
    ]);
    const status = new OecdStatusQueries(db).forPeriod(2025, { today: '2026-01-15' });
    // bolt: cobra and dune have risks (dune's raised before its answer).
    expect(missingOf(status, 'risks-recorded')).toBe('1 supplier has red-flag findings but no risk in the register');
    expect(missingOf(status, 'risk-strategy-decided')).toBe(
      '1 open high/medium risk has no mitigation decision (DecideMitigation) and is not closed',
    );
    // dune (its first request, unanswered) and foxy (both requests).
    expect(missingOf(status, 'non-responders-chased')).toBe(
      '2 suppliers are past the due date without a response and without a reminder (as of 2026-01-15)',
    );
    const conformance = status.steps[3].criteria[0].detail as { conformance: Array<{ metal: string; identified: number }> };
    expect(conformance.conformance.find((metal) => metal.metal === 'tin')?.identified).toBe(2);
    expect(missingOf(new OecdStatusQueries(db).forPeriod(2023, { today: '2026-01-15' }), 'non-responders-chased')).toBe(
      'No CMRT request for 2023 to follow up yet',
    );
    expect(missingOf(new OecdStatusQueries(db).forPeriod(2024, { today: '2026-01-15' }), 'non-responders-chased')).toBe(
      '1 supplier is past the due date without a response and without a reminder (as of 2026-01-15)',
    );
    // gale is overdue once its second request's latest due date has passed, not its reminded first one's.
    const galeOverdueOn = (today: string) => missingOf(new OecdStatusQueries(db).forPeriod(2026, { today }), 'non-responders-chased');
    expect(galeOverdueOn('2026-05-15')).toBeUndefined();
    expect(galeOverdueOn('2026-06-02')).toBe(
      '1 supplier is past the due date without a response and without a reminder (as of 2026-06-02)',
    );
  });

  it('given the log applied twice over the same tables, and rebuilt, then the kept figures are the live ones', async () => {
    await projectAll(store, db, [oecdStatusProjection]);
    await seedYear();
    await projectAll(store, db, [oecdStatusProjection]);
    const { once, twice, db: twiceDb } = await projectTwice(store, [oecdStatusProjection]);
    try {
      expect(twice).toEqual(once);
      expect(canonicalDump(db, [oecdStatusProjection])).toEqual(once);
      expectKeptToEqualAfresh();
    } finally {
      twiceDb.close();
    }
  });
});
