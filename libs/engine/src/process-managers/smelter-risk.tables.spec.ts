import Database from 'better-sqlite3';
import { SmelterRiskTables } from './smelter-risk.tables';

/** The smelter-risk state written before the EMRT was judged (rows keyed without their template family). */
const BEFORE_FAMILY = `
  CREATE TABLE pm_smelter_risk_sightings (
    supplier_id TEXT NOT NULL, period INTEGER NOT NULL, idx INTEGER NOT NULL, response_number INTEGER NOT NULL, row INTEGER NOT NULL,
    metal TEXT, in_scope INTEGER NOT NULL, status TEXT NOT NULL, method TEXT, smelter_id TEXT, standard_name TEXT, name TEXT,
    reference_as_of TEXT, PRIMARY KEY (supplier_id, period, idx)
  ) WITHOUT ROWID;
  CREATE INDEX pm_smelter_risk_sightings_by_smelter ON pm_smelter_risk_sightings (smelter_id);
  CREATE TABLE pm_smelter_risk_scopes (
    supplier_id TEXT NOT NULL, period INTEGER NOT NULL, in_scope_metals TEXT NOT NULL, PRIMARY KEY (supplier_id, period)
  ) WITHOUT ROWID;
  CREATE TABLE pm_smelter_risk_judged (
    supplier_id TEXT NOT NULL, period INTEGER NOT NULL, idx INTEGER NOT NULL, list_key TEXT NOT NULL, PRIMARY KEY (supplier_id, period, idx)
  ) WITHOUT ROWID;
  CREATE INDEX pm_smelter_risk_judged_by_list ON pm_smelter_risk_judged (list_key);
  INSERT INTO pm_smelter_risk_sightings VALUES ('acme', 2025, 0, 1, 5, 'tin', 1, 'matched', 'cid', 'CID000001', 'Alpha Tin', 'Alpha Tin', '2025-01-01');
  INSERT INTO pm_smelter_risk_scopes VALUES ('acme', 2025, '["tin"]');
  INSERT INTO pm_smelter_risk_judged VALUES ('acme', 2025, 0, '2025-03-05|bbb');
`;

describe('smelter-risk tables', () => {
  it('given state kept before the EMRT was judged, when opened, then its rows are the CMRT rows and an EMRT row stands beside them', () => {
    const db = new Database(':memory:');
    db.exec(BEFORE_FAMILY);
    const tables = new SmelterRiskTables(db);
    const cmrtRow = tables.view.sighting('acme', 2025, 0, 1, 'cmrt');
    expect(cmrtRow).toMatchObject({ supplierId: 'acme', index: 0, metal: 'tin', smelterId: 'CID000001', status: 'matched' });
    expect(cmrtRow).not.toHaveProperty('family');
    expect(tables.view.inScopeMetals('acme', 2025, 'cmrt')).toEqual(['tin']);
    expect(tables.view.matchedSightingsJudgedUnder('2025-03-05|bbb')).toEqual([cmrtRow]);

    tables.apply({ change: 'response-replaced', supplierId: 'acme', period: 2025, family: 'emrt', inScopeMetals: ['cobalt'] });
    tables.apply({
      change: 'sighting-kept',
      judgedUnder: null,
      sighting: {
        ...cmrtRow!,
        family: 'emrt',
        metal: 'cobalt',
        smelterId: 'CID003927',
        standardName: 'Anhui Hanrui',
        name: 'Anhui Hanrui',
      },
    });
    expect(tables.view.inScopeMetals('acme', 2025, 'emrt')).toEqual(['cobalt']);
    expect(tables.view.matchedSightings().map((row) => [row.family ?? 'cmrt', row.smelterId])).toEqual([
      ['cmrt', 'CID000001'],
      ['emrt', 'CID003927'],
    ]);
    // Opening again (the next start) migrates nothing twice.
    expect(new SmelterRiskTables(db).view.matchedSightings()).toHaveLength(2);
    db.close();
  });
});
