import { streams, surveyDecider, type SupplierState, type SurveyCommand } from '@dd/domain';
import { completeDeclaration, completeEmrtDeclaration } from '@dd/domain/testing';
import { MemoryEventStore } from '@dd/event-store';
import { openReadModelDb, type ReadModelDb } from '../core/read-model-db';
import { projectAll, projectTwice } from '../test-support/apply-twice.fixture';
import { DomainLog } from '../test-support/domain-log.fixture';
import { smelterRegisterProjection } from './smelter-register.projection';
import { SmelterRegisterQueries } from './smelter-register.queries';

/**
 * EMRT Smelter Lists in the register: given a supplier's CMRT and EMRT answers for one year (decided by
 * the real survey decider), then each family's rows stand apart: the EMRT's cobalt refiner, named by
 * the CID its Look-up gave, is in the register, and the CMRT's rows are not replaced by it.
 */
describe('smelter register with EMRT answers', () => {
  const period = 2024;
  const now = '2025-01-20T09:00:00.000Z';
  const acme: SupplierState = { status: 'registered', supplierId: 'acme', name: 'Cobalt Components GmbH', tier: 'direct' };
  let store: MemoryEventStore;
  let log: DomainLog;
  let db: ReadModelDb;

  const survey = (family: 'cmrt' | 'emrt', command: SurveyCommand) =>
    log.decide(streams.survey(period, 'acme', family), surveyDecider, command, { supplier: acme, now });

  beforeEach(async () => {
    store = new MemoryEventStore();
    log = new DomainLog(store);
    db = openReadModelDb(':memory:');
    await survey('cmrt', { type: 'SendCMRT', data: { supplierId: 'acme', period, dueDate: '2025-03-31' } });
    await survey('emrt', { type: 'SendCMRT', data: { supplierId: 'acme', period, dueDate: '2025-03-31', family: 'emrt' } });
    const cmrt = completeDeclaration();
    cmrt.company.name = acme.name;
    await survey('cmrt', { type: 'RecordResponse', data: { supplierId: 'acme', period, declaration: cmrt } });
    await survey('emrt', { type: 'RecordEmrtResponse', data: { supplierId: 'acme', period, declaration: completeEmrtDeclaration() } });
  });

  afterEach(async () => {
    await store.close();
    db.close();
  });

  it("lists the EMRT's cobalt refiner by its CID and keeps the CMRT's rows beside the EMRT's", async () => {
    await projectAll(store, db, [smelterRegisterProjection]);
    const queries = new SmelterRegisterQueries(db);
    expect(queries.list({ period, metal: 'cobalt' })).toEqual([
      expect.objectContaining({
        smelterId: 'CID003927',
        metal: 'cobalt',
        standardName: 'Anhui Hanrui New Material Co., Ltd.',
        onReferenceList: false,
        namedBy: [expect.objectContaining({ supplierId: 'acme', method: 'cid', inScope: true, row: 5 })],
      }),
    ]);
    const unresolved = queries.unresolved({ period });
    // No reference list was imported: the CMRT's rows stay unplaced; the EMRT's "Smelter not listed" mica row is unidentified.
    expect(unresolved.filter((row) => row.metal === 'mica')).toEqual([
      expect.objectContaining({ row: 6, status: 'unidentified', name: 'Mica Mill', inScope: true }),
    ]);
    // ... and every row of the CMRT is still there after the EMRT was recorded (each family's latest response stands apart).
    expect(unresolved.filter((row) => row.metal !== 'mica').length).toBe(completeDeclaration().smelters.length);
  });

  it('counts the cobalt refiner in the conformance by metal, after the four 3TG metals, and no EMRT mineral without a smelter', async () => {
    await projectAll(store, db, [smelterRegisterProjection]);
    const conformance = new SmelterRegisterQueries(db).conformanceByMetal(period);
    expect(conformance.map((row) => row.metal)).toEqual(['tantalum', 'tin', 'gold', 'tungsten', 'cobalt']);
    expect(conformance[4]).toEqual({ metal: 'cobalt', identified: 1, conformant: 0, active: 0, other: 1, share: 0 });
  });

  it('applied twice, and rebuilt from the log, equals the live read model', async () => {
    const { once, twice, db: rebuilt } = await projectTwice(store, [smelterRegisterProjection]);
    rebuilt.close();
    expect(twice).toEqual(once);
  });
});
