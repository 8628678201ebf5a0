import { countTriggers } from '../core/count-triggers';
import type { ReadModelDb } from '../core/read-model-db';

/** A sighting (NEW) that names a smelter for a metal in the response's scope: what step 4 counts. */
const NAMES_IN_SCOPE_SMELTER = "NEW.status = 'matched' AND NEW.in_scope = 1 AND NEW.smelter_id IS NOT NULL AND NEW.metal IS NOT NULL";

export const SMELTER_REGISTER_SCHEMA = `
  CREATE TABLE IF NOT EXISTS smelter_register_smelters (
    smelter_id TEXT PRIMARY KEY,
    metal TEXT NOT NULL,
    standard_name TEXT NOT NULL,
    country TEXT,
    on_reference_list INTEGER NOT NULL,
    reference_as_of TEXT,
    reference_position INTEGER NOT NULL,
    rmap_status TEXT,
    status_as_of TEXT,
    status_event_id TEXT,
    status_position INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS smelter_register_status_history (
    smelter_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    status TEXT,
    as_of TEXT,
    event_id TEXT NOT NULL,
    withdrawn_as_of TEXT,
    PRIMARY KEY (smelter_id, position)
  ) WITHOUT ROWID;
  -- The latest response of each supplier, period and template family (cmrt, emrt): each family's Smelter List stands apart.
  CREATE TABLE IF NOT EXISTS smelter_register_latest (
    supplier_id TEXT NOT NULL,
    period INTEGER NOT NULL,
    family TEXT NOT NULL,
    response_number INTEGER NOT NULL,
    in_scope_metals TEXT NOT NULL,
    event_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (supplier_id, period, family)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS smelter_register_sightings (
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
    candidates TEXT NOT NULL,
    event_id TEXT NOT NULL,
    confirmation_event_id TEXT,
    PRIMARY KEY (supplier_id, period, family, idx)
  ) WITHOUT ROWID;
  -- A smelter's namings in the order they are listed (period, supplier, row): a page of them is a seek.
  DROP INDEX IF EXISTS smelter_register_sightings_by_smelter;
  CREATE INDEX IF NOT EXISTS smelter_register_namings_by_smelter ON smelter_register_sightings (smelter_id, period, supplier_id, row);
  -- The rows no smelter could be placed for (unresolved, to confirm, not yet identified), by period: a
  -- partial index, so that the matched rows (most of them) cost no entry in it nor in its history twin.
  DROP INDEX IF EXISTS smelter_register_sightings_by_period;
  CREATE INDEX IF NOT EXISTS smelter_register_unplaced_by_period ON smelter_register_sightings (period, status) WHERE status <> 'matched';
  -- Every smelter named for an in-scope metal by a matched row of a period's latest responses, added by
  -- trigger when first named (a row is new only when a smelter is new to the period, so it costs one
  -- INSERT OR IGNORE per matched row and, rarely, one history version): step 4's conformance reads
  -- these, bounded by the smelters there are, and keeps those a row still names, one EXISTS each by
  -- smelter_register_namings_by_smelter, instead of every matched row of the period. Never removed
  -- by trigger: whether another row still names the smelter needs that secondary index, which a
  -- replay drops until it ends.
  CREATE TABLE IF NOT EXISTS smelter_register_period_smelters (
    period INTEGER NOT NULL,
    metal TEXT NOT NULL,
    smelter_id TEXT NOT NULL,
    PRIMARY KEY (period, metal, smelter_id)
  ) WITHOUT ROWID;
  CREATE TRIGGER IF NOT EXISTS smelter_register_period_smelters_on_sighting AFTER INSERT ON smelter_register_sightings
    WHEN ${NAMES_IN_SCOPE_SMELTER} BEGIN
    INSERT OR IGNORE INTO smelter_register_period_smelters (period, metal, smelter_id) VALUES (NEW.period, NEW.metal, NEW.smelter_id);
  END;
  -- A confirmation turns a row into a matched one.
  CREATE TRIGGER IF NOT EXISTS smelter_register_period_smelters_on_confirmation
    AFTER UPDATE OF status, in_scope, metal, smelter_id ON smelter_register_sightings WHEN ${NAMES_IN_SCOPE_SMELTER} BEGIN
    INSERT OR IGNORE INTO smelter_register_period_smelters (period, metal, smelter_id) VALUES (NEW.period, NEW.metal, NEW.smelter_id);
  END;
  -- How many matched Smelter List rows name each smelter in each period, kept by triggers as the rows
  -- change: a smelter's entry says how often it is named without reading its namings (a tungsten smelter
  -- is named by thousands of rows a period at 1M events), and shows the first few.
  CREATE TABLE IF NOT EXISTS smelter_register_namings (
    smelter_id TEXT NOT NULL,
    period INTEGER NOT NULL,
    namings INTEGER NOT NULL,
    PRIMARY KEY (smelter_id, period)
  ) WITHOUT ROWID;
  ${countTriggers({
    rows: 'smelter_register_sightings',
    counts: 'smelter_register_namings',
    by: ['smelter_id', 'period'],
    count: 'namings',
    where: "ROW.status = 'matched' AND ROW.smelter_id IS NOT NULL",
  })}
  CREATE TABLE IF NOT EXISTS smelter_register_lists (
    list TEXT PRIMARY KEY,
    as_of TEXT,
    event_id TEXT NOT NULL,
    position INTEGER NOT NULL
  );
`;

export function prepareSmelterRegisterStatements(db: ReadModelDb) {
  return {
    upsertReference: db.prepare(`INSERT INTO smelter_register_smelters (smelter_id, metal, standard_name, country, on_reference_list,
      reference_as_of, reference_position, rmap_status, status_as_of, status_event_id, status_position)
      VALUES (?, ?, ?, ?, 1, ?, ?, NULL, NULL, NULL, 0)
      ON CONFLICT (smelter_id) DO UPDATE SET metal = excluded.metal, standard_name = excluded.standard_name, country = excluded.country,
      on_reference_list = 1, reference_as_of = excluded.reference_as_of, reference_position = excluded.reference_position
      WHERE excluded.reference_position > smelter_register_smelters.reference_position`),
    removeFromReference: db.prepare(`UPDATE smelter_register_smelters SET on_reference_list = 0, reference_as_of = ?, reference_position = ?
      WHERE smelter_id = ? AND reference_position < ?`),
    // A smelter only the status list names (not on the reference list yet) still gets a row, named as the status list names it.
    upsertStatus: db.prepare(`INSERT INTO smelter_register_smelters (smelter_id, metal, standard_name, country, on_reference_list,
      reference_as_of, reference_position, rmap_status, status_as_of, status_event_id, status_position)
      VALUES (?, ?, ?, NULL, 0, NULL, 0, ?, ?, ?, ?)
      ON CONFLICT (smelter_id) DO UPDATE SET rmap_status = excluded.rmap_status, status_as_of = excluded.status_as_of,
      status_event_id = excluded.status_event_id, status_position = excluded.status_position
      WHERE excluded.status_position > smelter_register_smelters.status_position`),
    insertStatusHistory: db.prepare(`INSERT OR REPLACE INTO smelter_register_status_history (smelter_id, position, status, as_of, event_id,
      withdrawn_as_of) VALUES (?, ?, ?, ?, ?, ?)`),
    upsertList: db.prepare(`INSERT INTO smelter_register_lists (list, as_of, event_id, position) VALUES (?, ?, ?, ?)
      ON CONFLICT (list) DO UPDATE SET as_of = excluded.as_of, event_id = excluded.event_id, position = excluded.position
      WHERE excluded.position > smelter_register_lists.position`),
    upsertLatest:
      db.prepare(`INSERT INTO smelter_register_latest (supplier_id, period, family, response_number, in_scope_metals, event_id, position)
      VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (supplier_id, period, family) DO UPDATE SET response_number = excluded.response_number,
      in_scope_metals = excluded.in_scope_metals, event_id = excluded.event_id, position = excluded.position WHERE excluded.position >= smelter_register_latest.position`),
    clearSightings: db.prepare('DELETE FROM smelter_register_sightings WHERE supplier_id = ? AND period = ? AND family = ?'),
    insertSighting: db.prepare(`INSERT INTO smelter_register_sightings (supplier_id, period, family, idx, response_number, row, metal,
      in_scope, status, method, smelter_id, standard_name, name, candidates, event_id, confirmation_event_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`),
    // Confirmations name their family's response (CMRT rows against the 3TG list, EMRT rows against the EMRT's).
    latestScope: db
      .prepare(
        'SELECT in_scope_metals FROM smelter_register_latest WHERE supplier_id = ? AND period = ? AND family = ? AND response_number = ?',
      )
      .pluck(),
    // A smelter only an EMRT names (by the CID its own Smelter Look-up gave): a row of its own until a list names it.
    upsertNamedOnly: db.prepare(`INSERT INTO smelter_register_smelters (smelter_id, metal, standard_name, country, on_reference_list,
      reference_as_of, reference_position, rmap_status, status_as_of, status_event_id, status_position)
      VALUES (?, ?, ?, ?, 0, NULL, 0, NULL, NULL, NULL, 0) ON CONFLICT (smelter_id) DO NOTHING`),
    confirmSighting: db.prepare(`UPDATE smelter_register_sightings SET status = 'matched', method = 'confirmed', smelter_id = ?,
      standard_name = ?, metal = ?, in_scope = ?, confirmation_event_id = ?
      WHERE supplier_id = ? AND period = ? AND family = ? AND idx = ? AND response_number = ?`),
  };
}
export type SmelterRegisterStatements = ReturnType<typeof prepareSmelterRegisterStatements>;
