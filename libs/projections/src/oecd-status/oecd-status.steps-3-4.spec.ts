import { riskDecider, riskIdFor, streams, type SupplierState } from '@dd/domain';
import { MemoryEventStore } from '@dd/event-store';
import { openReadModelDb, type ReadModelDb } from '../core/read-model-db';
import { projectAll, projectTwice } from '../test-support/apply-twice.fixture';
import { DomainLog } from '../test-support/domain-log.fixture';
import { ACME_ROWS, SmelterLog, tinDeclaration } from '../smelter-register/smelter-register.fixture';
import { oecdStatusProjection } from './oecd-status.projection';
import { OecdStatusQueries, type OecdPeriodStatus } from './oecd-status.queries';

function criterion(status: OecdPeriodStatus, id: string) {
  const found = status.steps.flatMap((step) => step.criteria).find((entry) => entry.id === id);
  if (!found) throw new Error(`no criterion ${id}`);
  return found;
}

const acme: SupplierState = { status: 'registered', supplierId: 'acme', name: 'Supplier acme', tier: 'direct' };
const today = { today: '2025-04-15' };

describe('OECD step 3: a strategy for every open high/medium risk', () => {
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

  const raise = (category: 'cahra-sourcing' | 'incomplete-supplier-data', severity: 'high' | 'low') =>
    log.decide(
      streams.risk(riskIdFor({ period: 2025, supplierId: 'acme', category })),
      riskDecider,
      { type: 'RaiseRisk', data: { supplierId: 'acme', period: 2025, category, severity, reason: category, source: { kind: 'flag' } } },
      { now: '2025-04-01T00:00:00Z', supplier: acme },
    );
  const on = (category: 'cahra-sourcing', command: Parameters<typeof riskDecider.decide>[0]) =>
    log.decide(streams.risk(riskIdFor({ period: 2025, supplierId: 'acme', category })), riskDecider, command, {
      now: '2025-04-01T00:00:00Z',
    });

  it('is not met before any response or risk, nor while a high risk has no plan; met with a plan or when closed; low risks need none', async () => {
    const status = async () => {
      await projectAll(store, db, [oecdStatusProjection]);
      return criterion(new OecdStatusQueries(db).forPeriod(2025, today), 'risk-strategy-decided');
    };
    expect(await status()).toMatchObject({
      met: false,
      missing: 'No response recorded for 2025, so no risk has been identified to respond to yet',
    });

    await raise('incomplete-supplier-data', 'low');
    expect(await status()).toMatchObject({ met: true, evidence: [] });

    await raise('cahra-sourcing', 'high');
    expect(await status()).toMatchObject({
      met: false,
      missing: '1 open high/medium risk has no mitigation decision (DecideMitigation) and is not closed',
    });

    const riskId = riskIdFor({ period: 2025, supplierId: 'acme', category: 'cahra-sourcing' });
    await on('cahra-sourcing', { type: 'AssessRisk', data: { riskId, likelihood: 'likely', impact: 'severe', rationale: 'x' } });
    const [decided] = await on('cahra-sourcing', {
      type: 'DecideMitigation',
      data: { riskId, strategy: 'disengage', plan: 'stop buying', dueDate: '2025-09-30' },
    });
    expect(await status()).toMatchObject({ met: true, evidence: [decided.eventId] });

    const [closed] = await on('cahra-sourcing', {
      type: 'CloseRisk',
      data: { riskId, resolution: 'moved-to-conflict-free-sources', note: 'done' },
    });
    expect(await status()).toMatchObject({ met: true, evidence: [decided.eventId, closed.eventId] });

    // Raised again: a new episode without a plan.
    await raise('cahra-sourcing', 'high');
    expect(await status()).toMatchObject({ met: false });
  });

  it('applied twice gives the same read model', async () => {
    await raise('cahra-sourcing', 'high');
    const riskId = riskIdFor({ period: 2025, supplierId: 'acme', category: 'cahra-sourcing' });
    await on('cahra-sourcing', { type: 'AssessRisk', data: { riskId, likelihood: 'rare', impact: 'minor', rationale: 'x' } });
    await on('cahra-sourcing', { type: 'DecideMitigation', data: { riskId, strategy: 'disengage', plan: 'stop', dueDate: '2025-09-30' } });
    const { once, twice, db: twiceDb } = await projectTwice(store, [oecdStatusProjection]);
    try {
      expect(once.oecd_risks).toHaveLength(1);
      expect(twice).toEqual(once);
    } finally {
      twiceDb.close();
    }
  });
});

describe('OECD step 4: identified smelters checked against the RMAP status list', () => {
  let store: MemoryEventStore;
  let log: SmelterLog;
  let db: ReadModelDb;

  beforeEach(() => {
    store = new MemoryEventStore();
    log = new SmelterLog(new DomainLog(store));
    db = openReadModelDb(':memory:');
  });
  afterEach(async () => {
    await store.close();
    db.close();
  });

  const status = async () => {
    await projectAll(store, db, [oecdStatusProjection]);
    return criterion(new OecdStatusQueries(db).forPeriod(2025, today), 'smelters-checked-against-audit-programme');
  };

  it('needs a status list and identified smelters, and gives the conformance share per metal', async () => {
    await log.importReferenceList();
    expect(await status()).toMatchObject({ met: false, missing: expect.stringMatching(/No RMAP smelter status list/) });

    const [list] = await log.importStatusList(
      [
        { metal: 'tin', smelterId: 'CID000001', status: 'non-conformant' },
        { metal: 'tin', smelterId: 'CID000002', status: 'conformant' },
      ],
      '2025-03-05',
      'b',
    );
    expect(await status()).toMatchObject({
      met: false,
      evidence: [list.eventId],
      missing: expect.stringMatching(/No smelter of the 2025 responses is identified/),
    });

    await log.register('acme', 2025);
    await log.respond('acme', 2025, tinDeclaration(ACME_ROWS));
    const checked = await status();
    expect(checked).toMatchObject({ met: true, evidence: [list.eventId], evidenceCount: 1 });
    expect(checked.detail).toEqual({
      statusListAsOf: '2025-03-05',
      conformance: [
        { metal: 'tantalum', identified: 0, conformant: 0, active: 0, other: 0, share: null },
        { metal: 'tin', identified: 2, conformant: 1, active: 0, other: 1, share: 0.5 },
        { metal: 'gold', identified: 0, conformant: 0, active: 0, other: 0, share: null },
        { metal: 'tungsten', identified: 0, conformant: 0, active: 0, other: 0, share: null },
      ],
    });

    // A confirmed row counts; a new list moves the share.
    await log.confirm('acme', 2025, 8, 'CID000004');
    const [next] = await log.importStatusList(
      [
        { metal: 'tin', smelterId: 'CID000001', status: 'conformant' },
        { metal: 'tin', smelterId: 'CID000002', status: 'conformant' },
        { metal: 'tin', smelterId: 'CID000004', status: 'active' },
      ],
      '2025-06-01',
      'c',
    );
    const later = await status();
    expect(later.evidence).toEqual([list.eventId, next.eventId]);
    expect((later.detail as { conformance: unknown[] }).conformance[1]).toEqual({
      metal: 'tin',
      identified: 3,
      conformant: 2,
      active: 1,
      other: 0,
      share: 2 / 3,
    });
  });

  it('given a withdrawn status list, then its check no longer counts: the list before is in force again, with the withdrawal as evidence', async () => {
    await log.importReferenceList();
    await log.register('acme', 2025);
    await log.respond('acme', 2025, tinDeclaration(ACME_ROWS));
    const [real] = await log.importStatusList([{ metal: 'tin', smelterId: 'CID000001', status: 'non-conformant' }], '2025-03-05', 'b');
    const [mistaken] = await log.importStatusList(
      [
        { metal: 'tin', smelterId: 'CID000001', status: 'conformant' },
        { metal: 'tin', smelterId: 'CID000002', status: 'conformant' },
      ],
      '2025-06-01',
      'c',
    );
    expect(await status()).toMatchObject({ evidence: [real.eventId, mistaken.eventId], detail: { statusListAsOf: '2025-06-01' } });
    const [withdrawn] = await log.withdrawStatusList('2025-06-01');
    const checked = await status();
    expect(checked).toMatchObject({ met: true, evidence: [real.eventId, withdrawn.eventId], detail: { statusListAsOf: '2025-03-05' } });
    expect((checked.detail as { conformance: unknown[] }).conformance[1]).toEqual({
      metal: 'tin',
      identified: 2,
      conformant: 0,
      active: 0,
      other: 2,
      share: 0,
    });

    await log.withdrawStatusList('2025-03-05');
    expect(await status()).toMatchObject({ met: false, missing: expect.stringMatching(/No RMAP smelter status list/) });
  });

  it('applied twice gives the same read model', async () => {
    await log.importReferenceList();
    await log.importStatusList([{ metal: 'tin', smelterId: 'CID000005', status: 'conformant' }], '2025-03-01', 'a');
    await log.importStatusList([{ metal: 'tin', smelterId: 'CID000006', status: 'conformant' }], '2025-03-02', 'd');
    await log.withdrawStatusList('2025-03-02');
    await log.importStatusList([{ metal: 'tin', smelterId: 'CID000001', status: 'non-conformant' }], '2025-03-05', 'b');
    await log.register('acme', 2025);
    await log.respond('acme', 2025, tinDeclaration(ACME_ROWS));
    await log.confirm('acme', 2025, 8, 'CID000004');
    await log.importStatusList([{ metal: 'tin', smelterId: 'CID000002', status: 'conformant' }], '2025-06-01', 'c');
    const { once, twice, db: twiceDb } = await projectTwice(store, [oecdStatusProjection]);
    try {
      expect(once.oecd_smelters).toHaveLength(3);
      expect(once.oecd_rmap_statuses).toHaveLength(1);
      expect(twice).toEqual(once);
    } finally {
      twiceDb.close();
    }
  });
});
