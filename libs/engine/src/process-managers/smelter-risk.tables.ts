import {
  familyField,
  familyOf,
  STATUS_RESOLVABLE_CATEGORIES,
  type ListEffect,
  type Mineral,
  type RmapStatus,
  type RmapStatusLookup,
  type SmelterRiskChange,
  type SmelterRiskView,
  type SmelterSighting,
  type StatusListEffects,
  type SurveyFamily,
} from '@dd/domain';
import type { Database, Statement } from 'better-sqlite3';
import type { WorkflowState } from './workflow-process-manager';

interface SightingRow {
  supplierId: string;
  family: SurveyFamily;
  period: number;
  idx: number;
  responseNumber: number;
  row: number;
  metal: Mineral | null;
  inScope: number;
  status: SmelterSighting['status'];
  method: SmelterSighting['method'] | null;
  smelterId: string | null;
  standardName: string | null;
  name: string | null;
  referenceListAsOf: string | null;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS pm_smelter_risk_statuses (
    smelter_id TEXT PRIMARY KEY,
    metal TEXT NOT NULL,
    status TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS pm_smelter_risk_lists (
    list TEXT PRIMARY KEY,
    as_of TEXT NOT NULL,
    event_id TEXT NOT NULL
  );
  -- Each template family's Smelter List (cmrt, emrt) stands apart: its rows are keyed by family.
  CREATE TABLE IF NOT EXISTS pm_smelter_risk_sightings (
    supplier_id TEXT NOT NULL,
    period INTEGER NOT NULL,
    family TEXT NOT NULL,
    idx INTEGER NOT NULL,
    response_number INTEGER NOT NULL,
    row INTEGER NOT NULL,
    metal TEXT,
    in_scope INTEGER NOT NULL,
    status TEXT NOT NULL,
    method TEXT,
    smelter_id TEXT,
    standard_name TEXT,
    name TEXT,
    reference_as_of TEXT,
    PRIMARY KEY (supplier_id, period, family, idx)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS pm_smelter_risk_sightings_by_smelter ON pm_smelter_risk_sightings (smelter_id);
  CREATE TABLE IF NOT EXISTS pm_smelter_risk_scopes (
    supplier_id TEXT NOT NULL,
    period INTEGER NOT NULL,
    family TEXT NOT NULL,
    in_scope_metals TEXT NOT NULL,
    PRIMARY KEY (supplier_id, period, family)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS pm_smelter_risk_raised (
    risk_id TEXT PRIMARY KEY,
    supplier_id TEXT NOT NULL,
    period INTEGER NOT NULL,
    metal TEXT,
    smelter_id TEXT,
    category TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS pm_smelter_risk_raised_by_smelter ON pm_smelter_risk_raised (smelter_id);
  -- The status list in force, by key (as-of date and file), to attribute effects to it.
  CREATE TABLE IF NOT EXISTS pm_smelter_risk_status_list (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    list_key TEXT NOT NULL
  );
  -- What each status list's judgements did to a risk: raised (appended), warranted (open already), closed.
  CREATE TABLE IF NOT EXISTS pm_smelter_risk_list_effects (
    list_key TEXT NOT NULL,
    risk_id TEXT NOT NULL,
    effect TEXT NOT NULL,
    PRIMARY KEY (list_key, risk_id)
  ) WITHOUT ROWID;
  -- The status list each Smelter List row was first judged against (when it was recorded or confirmed).
  CREATE TABLE IF NOT EXISTS pm_smelter_risk_judged (
    supplier_id TEXT NOT NULL,
    period INTEGER NOT NULL,
    family TEXT NOT NULL,
    idx INTEGER NOT NULL,
    list_key TEXT NOT NULL,
    PRIMARY KEY (supplier_id, period, family, idx)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS pm_smelter_risk_judged_by_list ON pm_smelter_risk_judged (list_key);
`;

/**
 * Tables written before the EMRT was judged keyed a supplier's rows by (supplier, period, idx): they
 * were all the CMRT's. Rebuilt once with the family in the key, their rows the CMRT's, in the
 * transaction that opens the state (the checkpoint is untouched, nothing is judged again).
 */
const KEYED_BY_FAMILY = ['pm_smelter_risk_sightings', 'pm_smelter_risk_scopes', 'pm_smelter_risk_judged'] as const;
const OLD_INDEXES = ['pm_smelter_risk_sightings_by_smelter', 'pm_smelter_risk_judged_by_list'];

function addFamilyToKeys(db: Database): void {
  const columnsOf = (table: string) => (db.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map((c) => c.name);
  const old = KEYED_BY_FAMILY.filter((table) => {
    const columns = columnsOf(table);
    return columns.length > 0 && !columns.includes('family');
  });
  if (old.length === 0) return;
  db.transaction(() => {
    for (const index of OLD_INDEXES) db.exec(`DROP INDEX IF EXISTS ${index}`);
    for (const table of old) db.exec(`ALTER TABLE ${table} RENAME TO ${table}_before_family`);
    db.exec(SCHEMA);
    for (const table of old) {
      const columns = columnsOf(`${table}_before_family`).join(', ');
      db.exec(`INSERT INTO ${table} (${columns}, family) SELECT ${columns}, 'cmrt' FROM ${table}_before_family`);
      db.exec(`DROP TABLE ${table}_before_family`);
    }
  })();
}

const COLUMNS = `supplier_id AS supplierId, family, period, idx, response_number AS responseNumber, row, metal, in_scope AS inScope, status,
  method, smelter_id AS smelterId, standard_name AS standardName, name, reference_as_of AS referenceListAsOf`;

/**
 * The smelter-risk workflow's state (smelter-risk.workflow.ts): small tables beside the read models
 * (not projections: a rebuild leaves them alone), looked up by smelter, supplier and list so that it
 * scales with the log. The view reads them; apply() writes one change.
 */
export class SmelterRiskTables implements WorkflowState<SmelterRiskView, SmelterRiskChange> {
  private readonly sql: ReturnType<typeof prepare>;
  readonly view: SmelterRiskView;

  constructor(db: Database) {
    addFamilyToKeys(db);
    db.exec(SCHEMA);
    const sql = (this.sql = prepare(db));
    this.view = {
      statusListKey: () => (sql.listKey.get() as string | undefined) ?? null,
      statuses: (): RmapStatusLookup => ({
        asOf: (sql.listAsOf.get('rmap-status') as string | undefined) ?? null,
        statusOf: (_metal, smelterId) => (sql.status.get(smelterId) as RmapStatus | undefined) ?? null,
      }),
      sighting: (supplierId, period, index, responseNumber, family) => {
        const row = sql.sighting.get(supplierId, period, family, index, responseNumber) as SightingRow | undefined;
        return row && toSighting(row);
      },
      inScopeMetals: (supplierId, period, family) =>
        JSON.parse((sql.scope.get(supplierId, period, family) as string | undefined) ?? '[]') as Mineral[],
      sightingsOf: (supplierId, period, family) => (sql.sightingsOf.all(supplierId, period, family) as SightingRow[]).map(toSighting),
      raised: (riskId) => sql.raised.get(riskId) !== undefined,
      matchedSightings: () => (sql.matchedSightings.all() as SightingRow[]).map(toSighting),
      matchedSightingsJudgedUnder: (listKey) => (sql.judgedUnder.all(listKey) as SightingRow[]).map(toSighting),
      statusRisksOf: (smelterId) => sql.statusRisksOf.all(smelterId, ...STATUS_RESOLVABLE_CATEGORIES) as string[],
      effectsOf: (listKey): StatusListEffects => {
        const effects = { raised: new Set<string>(), warranted: new Set<string>(), closed: new Set<string>() };
        for (const { riskId, effect } of sql.effectsOf.all(listKey) as Array<{ riskId: string; effect: ListEffect }>)
          effects[effect].add(riskId);
        return effects;
      },
    };
  }

  apply(change: SmelterRiskChange): void {
    const sql = this.sql;
    switch (change.change) {
      case 'response-replaced': {
        const family = familyOf(change);
        sql.clearSightings.run(change.supplierId, change.period, family);
        sql.clearJudged.run(change.supplierId, change.period, family);
        sql.saveScope.run(change.supplierId, change.period, family, JSON.stringify(change.inScopeMetals));
        return;
      }
      case 'sighting-kept': {
        const { sighting: s, judgedUnder } = change;
        const family = familyOf(s);
        sql.saveSighting.run(
          s.supplierId,
          s.period,
          family,
          s.index,
          s.responseNumber,
          s.row,
          s.metal ?? null,
          s.inScope ? 1 : 0,
          s.status,
          s.method ?? null,
          s.smelterId ?? null,
          s.standardName ?? null,
          s.name ?? null,
          s.referenceListAsOf,
        );
        if (judgedUnder !== null) sql.saveJudged.run(s.supplierId, s.period, family, s.index, judgedUnder);
        return;
      }
      case 'status-list-in-force':
        sql.clearStatuses.run();
        if (change.list === null) {
          sql.deleteList.run('rmap-status');
          sql.deleteListKey.run();
          return;
        }
        for (const entry of change.list.entries) sql.saveStatus.run(entry.smelterId, entry.metal, entry.status);
        sql.saveList.run('rmap-status', change.list.asOf, change.eventId);
        sql.saveListKey.run(change.list.key);
        return;
      case 'status-list-withdrawn':
        sql.deleteEffects.run(change.withdrawnKey);
        if (change.restoredKey !== null) sql.rekeyJudged.run(change.restoredKey, change.withdrawnKey);
        else sql.deleteJudged.run(change.withdrawnKey);
        return;
      case 'risk-raised': {
        const { risk } = change;
        sql.remember.run(risk.riskId, risk.supplierId, risk.period, risk.metal ?? null, risk.smelterId ?? null, risk.category);
        return;
      }
      case 'list-effect':
        sql.saveEffect.run(change.listKey, change.riskId, change.effect);
        return;
      default:
        change satisfies never;
    }
  }
}

function prepare(db: Database) {
  const statement = (source: string): Statement => db.prepare(source);
  return {
    status: statement('SELECT status FROM pm_smelter_risk_statuses WHERE smelter_id = ?').pluck(),
    clearStatuses: statement('DELETE FROM pm_smelter_risk_statuses'),
    saveStatus: statement('INSERT OR REPLACE INTO pm_smelter_risk_statuses (smelter_id, metal, status) VALUES (?, ?, ?)'),
    listAsOf: statement('SELECT as_of FROM pm_smelter_risk_lists WHERE list = ?').pluck(),
    saveList: statement('INSERT OR REPLACE INTO pm_smelter_risk_lists (list, as_of, event_id) VALUES (?, ?, ?)'),
    deleteList: statement('DELETE FROM pm_smelter_risk_lists WHERE list = ?'),
    sighting: statement(
      `SELECT ${COLUMNS} FROM pm_smelter_risk_sightings WHERE supplier_id = ? AND period = ? AND family = ? AND idx = ? AND response_number = ?`,
    ),
    sightingsOf: statement(
      `SELECT ${COLUMNS} FROM pm_smelter_risk_sightings WHERE supplier_id = ? AND period = ? AND family = ? ORDER BY idx`,
    ),
    raised: statement('SELECT 1 FROM pm_smelter_risk_raised WHERE risk_id = ?').pluck(),
    matchedSightings: statement(
      `SELECT ${COLUMNS} FROM pm_smelter_risk_sightings WHERE status = 'matched' AND smelter_id IS NOT NULL ORDER BY supplier_id, period, family, idx`,
    ),
    clearSightings: statement('DELETE FROM pm_smelter_risk_sightings WHERE supplier_id = ? AND period = ? AND family = ?'),
    saveSighting:
      statement(`INSERT OR REPLACE INTO pm_smelter_risk_sightings (supplier_id, period, family, idx, response_number, row, metal,
      in_scope, status, method, smelter_id, standard_name, name, reference_as_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    scope: statement('SELECT in_scope_metals FROM pm_smelter_risk_scopes WHERE supplier_id = ? AND period = ? AND family = ?').pluck(),
    saveScope: statement(
      'INSERT OR REPLACE INTO pm_smelter_risk_scopes (supplier_id, period, family, in_scope_metals) VALUES (?, ?, ?, ?)',
    ),
    remember: statement(
      'INSERT OR IGNORE INTO pm_smelter_risk_raised (risk_id, supplier_id, period, metal, smelter_id, category) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    statusRisksOf: statement(
      `SELECT risk_id FROM pm_smelter_risk_raised WHERE smelter_id = ? AND category IN (${STATUS_RESOLVABLE_CATEGORIES.map(() => '?').join(', ')}) ORDER BY risk_id`,
    ).pluck(),
    listKey: statement('SELECT list_key FROM pm_smelter_risk_status_list WHERE id = 1').pluck(),
    saveListKey: statement('INSERT OR REPLACE INTO pm_smelter_risk_status_list (id, list_key) VALUES (1, ?)'),
    deleteListKey: statement('DELETE FROM pm_smelter_risk_status_list'),
    // 'warranted' never overwrites what a list did (raised, closed); those overwrite each other, latest first.
    saveEffect: statement(`INSERT INTO pm_smelter_risk_list_effects (list_key, risk_id, effect) VALUES (?, ?, ?)
      ON CONFLICT (list_key, risk_id) DO UPDATE SET effect = excluded.effect WHERE excluded.effect <> 'warranted'`),
    effectsOf: statement('SELECT risk_id AS riskId, effect FROM pm_smelter_risk_list_effects WHERE list_key = ? ORDER BY risk_id'),
    deleteEffects: statement('DELETE FROM pm_smelter_risk_list_effects WHERE list_key = ?'),
    clearJudged: statement('DELETE FROM pm_smelter_risk_judged WHERE supplier_id = ? AND period = ? AND family = ?'),
    saveJudged: statement(
      'INSERT OR REPLACE INTO pm_smelter_risk_judged (supplier_id, period, family, idx, list_key) VALUES (?, ?, ?, ?, ?)',
    ),
    judgedUnder: statement(
      `SELECT ${COLUMNS} FROM pm_smelter_risk_sightings WHERE status = 'matched' AND smelter_id IS NOT NULL
        AND (supplier_id, period, family, idx) IN (SELECT supplier_id, period, family, idx FROM pm_smelter_risk_judged WHERE list_key = ?)
        ORDER BY supplier_id, period, family, idx`,
    ),
    rekeyJudged: statement('UPDATE pm_smelter_risk_judged SET list_key = ? WHERE list_key = ?'),
    deleteJudged: statement('DELETE FROM pm_smelter_risk_judged WHERE list_key = ?'),
  };
}

function toSighting(row: SightingRow): SmelterSighting {
  return {
    ...familyField(row.family),
    supplierId: row.supplierId,
    period: row.period,
    responseNumber: row.responseNumber,
    index: row.idx,
    row: row.row,
    ...(row.metal ? { metal: row.metal } : {}),
    inScope: row.inScope === 1,
    status: row.status,
    ...(row.method ? { method: row.method } : {}),
    ...(row.smelterId ? { smelterId: row.smelterId } : {}),
    ...(row.standardName ? { standardName: row.standardName } : {}),
    ...(row.name ? { name: row.name } : {}),
    referenceListAsOf: row.referenceListAsOf,
  };
}
