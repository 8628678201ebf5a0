import { MemoryEventStore } from '@dd/event-store';
import { canonicalDump } from '../core/canonical-dump';
import { ProjectionRunner } from '../core/projection-runner';
import { openReadModelDb, type ReadModelDb } from '../core/read-model-db';
import { WHOLE_LIST } from '../keyset-page';
import { projectAll, projectTwice } from '../test-support/apply-twice.fixture';
import { DomainLog } from '../test-support/domain-log.fixture';
import { ACME_ROWS, REFERENCE_ROWS, SmelterLog, tinDeclaration } from './smelter-register.fixture';
import { smelterRegisterProjection } from './smelter-register.projection';
import { SmelterRegisterQueries } from './smelter-register.queries';

describe('smelter register', () => {
  let store: MemoryEventStore;
  let log: SmelterLog;
  let db: ReadModelDb;
  let queries: SmelterRegisterQueries;

  beforeEach(() => {
    store = new MemoryEventStore();
    log = new SmelterLog(new DomainLog(store));
    db = openReadModelDb(':memory:');
    queries = new SmelterRegisterQueries(db);
  });

  afterEach(async () => {
    await store.close();
    db.close();
  });

  /** Reference list, a first status list, acme naming ACME_ROWS and bolt naming Beta; then Alpha becomes conformant. */
  async function scenario() {
    await log.importReferenceList();
    const [firstList] = await log.importStatusList(
      [
        { metal: 'tin', smelterId: 'CID000001', status: 'non-conformant' },
        { metal: 'tin', smelterId: 'CID000002', status: 'conformant' },
      ],
      '2025-03-05',
      'b',
    );
    await log.register('acme', 2025);
    await log.register('bolt', 2025);
    const acme = await log.respond('acme', 2025, tinDeclaration(ACME_ROWS));
    const bolt = await log.respond('bolt', 2025, tinDeclaration([{ row: 5, metal: 'tin', smelterId: 'CID000002' }]));
    const [secondList] = await log.importStatusList(
      [
        { metal: 'tin', smelterId: 'CID000001', status: 'conformant' },
        { metal: 'tin', smelterId: 'CID000002', status: 'conformant' },
      ],
      '2025-06-01',
      'c',
    );
    return { firstList, secondList, acme, bolt };
  }

  it('lists each smelter our suppliers name, with current and past RMAP status and who names it', async () => {
    const ids = await scenario();
    await projectAll(store, db, [smelterRegisterProjection]);
    const smelters = queries.list({ period: 2025 });
    expect(smelters.map((s) => [s.smelterId, s.metal, s.rmapStatus])).toEqual([
      ['CID000003', 'gold', null],
      ['CID000001', 'tin', 'conformant'],
      ['CID000002', 'tin', 'conformant'],
    ]);
    expect(queries.get('CID000001')).toEqual({
      smelterId: 'CID000001',
      metal: 'tin',
      standardName: 'Alpha Tin Smelting',
      country: 'INDONESIA',
      onReferenceList: true,
      rmapStatus: 'conformant',
      statusAsOf: '2025-06-01',
      statusListAsOf: '2025-06-01',
      statusHistory: [
        { status: 'non-conformant', asOf: '2025-03-05', eventId: ids.firstList.eventId },
        { status: 'conformant', asOf: '2025-06-01', eventId: ids.secondList.eventId },
      ],
      namedBy: [
        {
          supplierId: 'acme',
          period: 2025,
          responseNumber: 1,
          row: 5,
          eventId: ids.acme.eventId,
          method: 'cid',
          inScope: true,
          confirmationEventId: null,
        },
      ],
      namings: 1,
      namedInScope: true,
    });
    expect(queries.get('CID000002')?.namedBy.map((n) => [n.supplierId, n.row, n.method])).toEqual([
      ['acme', 6, 'alias'],
      ['bolt', 5, 'cid'],
    ]);
    // Gold is not in scope of acme's declaration: named, but marked so.
    expect(queries.get('CID000003')?.namedBy).toEqual([expect.objectContaining({ supplierId: 'acme', row: 10, inScope: false })]);
    expect(queries.get('CID000003')).toMatchObject({ namings: 1, namedInScope: false });
    // On the reference list but named by nobody: found by id, not listed.
    expect(queries.get('CID000004')).toMatchObject({
      standardName: 'Metallo Belgium N.V.',
      namedBy: [],
      namings: 0,
      namedInScope: false,
      rmapStatus: null,
    });
    expect(queries.get('CID999999')).toBeNull();
  });

  it('filters by period, metal and RMAP status (not-enrolled: not on the status list)', async () => {
    await scenario();
    await projectAll(store, db, [smelterRegisterProjection]);
    expect(queries.list({ metal: 'tin' }).map((s) => s.smelterId)).toEqual(['CID000001', 'CID000002']);
    expect(queries.list({ status: 'conformant' }).map((s) => s.smelterId)).toEqual(['CID000001', 'CID000002']);
    expect(queries.list({ status: 'not-enrolled' }).map((s) => s.smelterId)).toEqual(['CID000003']);
    expect(queries.list({ status: 'non-conformant' })).toEqual([]);
    expect(queries.list({ period: 2024 })).toEqual([]);
  });

  it('keeps the rows nobody could place visible, per supplier and period', async () => {
    const ids = await scenario();
    await projectAll(store, db, [smelterRegisterProjection]);
    expect(queries.unresolved({ period: 2025 })).toEqual([
      {
        supplierId: 'acme',
        period: 2025,
        responseNumber: 1,
        row: 7,
        metal: 'tin',
        name: 'Mystery Tin Works',
        status: 'unresolved',
        candidates: [],
        inScope: true,
        eventId: ids.acme.eventId,
      },
      {
        supplierId: 'acme',
        period: 2025,
        responseNumber: 1,
        row: 8,
        metal: 'tin',
        name: 'Metallo Belgium',
        status: 'needs-confirmation',
        candidates: [expect.objectContaining({ smelterId: 'CID000004' })],
        inScope: true,
        eventId: ids.acme.eventId,
      },
      {
        supplierId: 'acme',
        period: 2025,
        responseNumber: 1,
        row: 9,
        metal: 'tin',
        name: 'Smelter not yet identified',
        status: 'unidentified',
        candidates: [],
        inScope: true,
        eventId: ids.acme.eventId,
      },
    ]);
    expect(queries.unresolved({ period: 2025, supplierId: 'bolt' })).toEqual([]);
  });

  it('gives the step-4 share of identified in-scope smelters that are RMAP conformant, per metal', async () => {
    await log.importReferenceList();
    await log.importStatusList(
      [
        { metal: 'tin', smelterId: 'CID000001', status: 'non-conformant' },
        { metal: 'tin', smelterId: 'CID000002', status: 'conformant' },
      ],
      '2025-03-05',
      'b',
    );
    await log.register('acme', 2025);
    await log.respond('acme', 2025, tinDeclaration(ACME_ROWS));
    await projectAll(store, db, [smelterRegisterProjection]);
    const [tantalum, tin, gold, tungsten] = queries.conformanceByMetal(2025);
    expect(tin).toEqual({ metal: 'tin', identified: 2, conformant: 1, active: 0, other: 1, share: 0.5 });
    // Gold is named but not in scope: it does not count.
    expect([tantalum, gold, tungsten].map((m) => [m.metal, m.identified, m.share])).toEqual([
      ['tantalum', 0, null],
      ['gold', 0, null],
      ['tungsten', 0, null],
    ]);
  });

  it('replaces a supplier’s rows with those of its latest response, and applies a confirmation to that response', async () => {
    await scenario();
    await log.resurvey('acme', 2025);
    const second = await log.respond('acme', 2025, tinDeclaration([ACME_ROWS[3]]));
    const confirmed = await log.confirm('acme', 2025, 8, 'CID000004');
    await projectAll(store, db, [smelterRegisterProjection]);
    expect(queries.list({ period: 2025 }).map((s) => s.smelterId)).toEqual(['CID000002', 'CID000004']);
    expect(queries.get('CID000004')?.namedBy).toEqual([
      {
        supplierId: 'acme',
        period: 2025,
        responseNumber: 2,
        row: 8,
        eventId: second.eventId,
        method: 'confirmed',
        inScope: true,
        confirmationEventId: confirmed.eventId,
      },
    ]);
    expect(queries.unresolved({ period: 2025 })).toEqual([]);
    expect(queries.get('CID000001')?.namedBy).toEqual([]);
  });

  it('given a mistaken status list, when it is withdrawn, then every status reverts to the list before, and the history says so', async () => {
    const ids = await scenario();
    const [mistaken] = await log.importStatusList([{ metal: 'tin', smelterId: 'CID000001', status: 'suspended' }], '2025-07-01', 'd');
    await projectAll(store, db, [smelterRegisterProjection]);
    expect(queries.get('CID000002')).toMatchObject({ rmapStatus: null, statusAsOf: '2025-07-01' });
    const [withdrawn] = await log.withdrawStatusList('2025-07-01', 'the file of another programme');
    await projectAll(store, db, [smelterRegisterProjection]);
    expect(queries.statusListAsOf()).toBe('2025-06-01');
    expect(queries.get('CID000001')).toMatchObject({ rmapStatus: 'conformant', statusAsOf: '2025-06-01', statusListAsOf: '2025-06-01' });
    expect(queries.get('CID000001')?.statusHistory).toEqual([
      { status: 'non-conformant', asOf: '2025-03-05', eventId: ids.firstList.eventId },
      { status: 'conformant', asOf: '2025-06-01', eventId: ids.secondList.eventId },
      { status: 'suspended', asOf: '2025-07-01', eventId: mistaken.eventId },
      { status: 'conformant', asOf: '2025-06-01', eventId: withdrawn.eventId, withdrawnListAsOf: '2025-07-01' },
    ]);
    expect(queries.get('CID000002')).toMatchObject({ rmapStatus: 'conformant', statusAsOf: '2025-06-01' });
    expect(queries.list({ period: 2025, status: 'suspended' })).toEqual([]);
  });

  it('given the only status list withdrawn, then no status is known any more', async () => {
    await log.importReferenceList();
    await log.importStatusList([{ metal: 'tin', smelterId: 'CID000001', status: 'non-conformant' }], '2025-03-05', 'b');
    await log.withdrawStatusList('2025-03-05');
    await projectAll(store, db, [smelterRegisterProjection]);
    expect(queries.statusListAsOf()).toBeNull();
    expect(queries.get('CID000001')).toMatchObject({ rmapStatus: null, statusListAsOf: null });
  });

  it('given a mistaken reference list, when it is withdrawn, then the smelters it dropped or renamed are back as they were', async () => {
    await log.importReferenceList();
    await log.importReferenceList(
      [{ metal: 'tin', lookupName: 'Alpha', standardName: 'Alpha Renamed', country: 'INDONESIA', smelterId: 'CID000001' }],
      '2025-04-01',
      'e',
    );
    await projectAll(store, db, [smelterRegisterProjection]);
    expect(queries.get('CID000002')).toMatchObject({ onReferenceList: false });
    expect(queries.get('CID000001')).toMatchObject({ standardName: 'Alpha Renamed' });
    await log.withdrawReferenceList('2025-04-01');
    await projectAll(store, db, [smelterRegisterProjection]);
    expect(queries.get('CID000002')).toMatchObject({ onReferenceList: true, standardName: 'Beta Metals Ltd.' });
    expect(queries.get('CID000001')).toMatchObject({ onReferenceList: true, standardName: 'Alpha Tin Smelting' });
  });

  it('applied twice gives the same read model, withdrawals included', async () => {
    await scenario();
    await log.importStatusList([{ metal: 'tin', smelterId: 'CID000001', status: 'suspended' }], '2025-07-01', 'd');
    await log.withdrawStatusList('2025-07-01');
    await log.importReferenceList(REFERENCE_ROWS.slice(1), '2025-07-02', 'f');
    await log.withdrawReferenceList('2025-07-02');
    await log.resurvey('acme', 2025);
    await log.respond('acme', 2025, tinDeclaration(ACME_ROWS));
    await log.confirm('acme', 2025, 8, 'CID000004');
    const { once, twice, db: twiceDb } = await projectTwice(store, [smelterRegisterProjection]);
    try {
      expect(once.smelter_register_sightings).toHaveLength(7);
      expect(twice).toEqual(once);
    } finally {
      twiceDb.close();
    }
  });

  it('live equals rebuilt', async () => {
    const runner = new ProjectionRunner(store, db, [smelterRegisterProjection]);
    await runner.start();
    await scenario();
    await log.resurvey('acme', 2025);
    await log.respond('acme', 2025, tinDeclaration(ACME_ROWS));
    await log.confirm('acme', 2025, 8, 'CID000004');
    await runner.caughtUp();
    await runner.stop();
    const rebuilt = openReadModelDb(':memory:');
    try {
      await projectAll(store, rebuilt, [smelterRegisterProjection]);
      expect(canonicalDump(rebuilt, [smelterRegisterProjection])).toEqual(canonicalDump(db, [smelterRegisterProjection]));
    } finally {
      rebuilt.close();
    }
  });

  it('given a smelter many suppliers name, shows the first namings with how many there are, and pages through all of them in order', async () => {
    await log.importReferenceList();
    const suppliers = ['s05', 's01', 's04', 's02', 's03'];
    for (const supplierId of suppliers) {
      await log.register(supplierId, 2025);
      // Alpha twice (by CID and by alias on another row), Beta once.
      await log.respond(
        supplierId,
        2025,
        tinDeclaration([ACME_ROWS[0], { ...ACME_ROWS[1], row: 6 }, { row: 7, metal: 'tin', lookupName: 'Alpha Tin Smelting' }]),
      );
    }
    await projectAll(store, db, [smelterRegisterProjection]);
    const alpha = queries.get('CID000001', { namedByLimit: 3 })!;
    expect(alpha.namings).toBe(10);
    expect(alpha.namedBy.map((n) => [n.supplierId, n.row])).toEqual([
      ['s01', 5],
      ['s01', 7],
      ['s02', 5],
    ]);
    const pages: string[][] = [];
    let after: Array<string | number> | null = null;
    for (;;) {
      const page = queries.namingsOf('CID000001', { period: 2025 }, { limit: 4, after });
      if (page.length === 0) break;
      pages.push(page.map((n) => `${n.supplierId}:${n.row}`));
      const last = page[page.length - 1];
      after = [last.period, last.supplierId, last.row];
    }
    expect(pages).toEqual([
      ['s01:5', 's01:7', 's02:5', 's02:7'],
      ['s03:5', 's03:7', 's04:5', 's04:7'],
      ['s05:5', 's05:7'],
    ]);
    expect(queries.namingCount('CID000001', { period: 2024 })).toBe(0);
    // The list's entries carry the count and, asked for, the first namings only.
    const listed = queries.list({ period: 2025 }, WHOLE_LIST, { namedByLimit: 1 });
    expect(listed.map((smelter) => [smelter.smelterId, smelter.namings, smelter.namedBy.length, smelter.namedInScope])).toEqual([
      ['CID000001', 10, 1, true],
      ['CID000002', 5, 1, true],
    ]);
  });
});
