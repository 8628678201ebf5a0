import { seededRandom, type Mineral, type RmapStatus, type SmelterRow } from '@dd/domain';
import { MemoryEventStore } from '@dd/event-store';
import { openReadModelDb, type ReadModelDb } from '../core/read-model-db';
import { projectAll } from '../test-support/apply-twice.fixture';
import { DomainLog } from '../test-support/domain-log.fixture';
import { conformanceByMetal } from './conformance';
import { SmelterLog, tinDeclaration } from './smelter-register.fixture';
import { smelterRegisterProjection } from './smelter-register.projection';
import { SmelterRegisterQueries } from './smelter-register.queries';

/**
 * Step 4's conformance reads the smelters kept per period (smelter_register_period_smelters) and keeps
 * those a matched in-scope row still names; each smelter's entry says how often it is named from the
 * counts kept beside the rows (smelter_register_namings). Both must say what counting every matched row
 * says, however responses replace one another, rows are confirmed and scopes change.
 */
describe('smelter register: conformance from the smelters kept per period', () => {
  /** Rows a supplier may name: by CID, by alias, a near miss to confirm, out of scope (gold), unknown, unidentified. */
  const POOL: SmelterRow[] = [
    { row: 0, metal: 'tin', lookupName: 'Alpha Tin Smelting', smelterId: 'CID000001' },
    { row: 0, metal: 'tin', lookupName: 'Beta Metals' },
    { row: 0, metal: 'tin', lookupName: 'Smelter not listed', name: 'Metallo Belgium' },
    { row: 0, metal: 'gold', lookupName: 'Gamma Gold Refinery' },
    { row: 0, metal: 'tin', lookupName: 'Smelter not listed', name: 'Mystery Tin Works', country: 'PERU' },
    { row: 0, metal: 'tin', lookupName: 'Smelter not yet identified' },
  ];
  const PERIODS = [2024, 2025];

  /** What the query answered before the kept set: every matched in-scope row of the period, distinct. */
  function fromEveryRow(db: ReadModelDb, period: number) {
    const smelters = db
      .prepare(
        `SELECT DISTINCT g.metal AS metal, g.smelter_id AS smelterId, s.rmap_status AS status
        FROM smelter_register_sightings g LEFT JOIN smelter_register_smelters s ON s.smelter_id = g.smelter_id
        WHERE g.period = ? AND g.status = 'matched' AND g.in_scope = 1 AND g.smelter_id IS NOT NULL`,
      )
      .all(period) as Array<{ metal: Mineral; smelterId: string; status: RmapStatus | null }>;
    return conformanceByMetal(smelters);
  }

  for (const seed of [1, 2, 3, 4, 5]) {
    it(`answers as a count of every matched row would (seed ${seed})`, async () => {
      const next = seededRandom(seed);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
      const store = new MemoryEventStore();
      const db = openReadModelDb(':memory:');
      const log = new SmelterLog(new DomainLog(store));
      const queries = new SmelterRegisterQueries(db);
      try {
        await log.importReferenceList();
        await log.importStatusList(
          [
            { metal: 'tin', smelterId: 'CID000001', status: 'conformant' },
            { metal: 'tin', smelterId: 'CID000002', status: 'active' },
          ],
          '2025-03-05',
          'b',
        );
        const suppliers = ['acme', 'bolt', 'core'];
        const answered = new Map<string, SmelterRow[]>();
        for (const supplier of suppliers) for (const period of PERIODS) await log.register(supplier, period);
        let compared = 0;
        for (let step = 0; step < 25; step++) {
          const supplierId = pick(suppliers);
          const period = pick(PERIODS);
          const key = `${supplierId}/${period}`;
          const rows = answered.get(key);
          const confirmable = rows?.findIndex((row) => row.name === 'Metallo Belgium') ?? -1;
          if (rows && confirmable >= 0 && next() < 0.3) {
            await log.confirm(supplierId, period, rows[confirmable].row!, 'CID000004');
          } else {
            if (rows) await log.resurvey(supplierId, period);
            const chosen = POOL.filter(() => next() < 0.5).map((row, index) => ({ ...row, row: 5 + index }));
            answered.set(key, chosen);
            await log.respond(supplierId, period, tinDeclaration(chosen));
          }
          await projectAll(store, db, [smelterRegisterProjection]);
          for (const each of PERIODS) {
            expect(queries.conformanceByMetal(each)).toEqual(fromEveryRow(db, each));
            compared++;
          }
          // Each smelter's kept count of namings is the count of its matched rows, per period and in all.
          for (const { smelterId, namedBy, namings } of queries.list()) {
            expect(namings).toBe(namedBy.length);
            for (const each of PERIODS)
              expect(queries.namingCount(smelterId, { period: each })).toBe(namedBy.filter((n) => n.period === each).length);
          }
        }
        expect(compared).toBe(50);
        // The answers were not all empty: something was identified in some period.
        const identified = PERIODS.flatMap((period) => queries.conformanceByMetal(period)).reduce((sum, row) => sum + row.identified, 0);
        expect(identified).toBeGreaterThan(0);
      } finally {
        await store.close();
        db.close();
      }
    });
  }
});
