import type { ReadModelDb } from '../core/read-model-db';

export const PRODUCT_CONCLUSIONS_SCHEMA = `
  CREATE TABLE IF NOT EXISTS pc_products (
    product_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    product_line TEXT NOT NULL,
    metals_necessary TEXT NOT NULL,
    -- The event the metals come from (ProductRegistered or the latest ProductMetalsDetermined).
    metals_event_id TEXT NOT NULL,
    position INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS pc_product_suppliers (
    product_id TEXT NOT NULL,
    supplier_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    PRIMARY KEY (product_id, supplier_id)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS pc_responses (
    period INTEGER NOT NULL,
    supplier_id TEXT NOT NULL,
    response_number INTEGER NOT NULL,
    scope TEXT,
    in_scope_metals TEXT NOT NULL,
    covered_country_sourcing TEXT NOT NULL,
    event_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (period, supplier_id)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS pc_smelter_rows (
    period INTEGER NOT NULL,
    supplier_id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    row INTEGER NOT NULL,
    metal TEXT,
    match TEXT NOT NULL,
    smelter_id TEXT,
    confirmation_event_id TEXT,
    PRIMARY KEY (period, supplier_id, idx)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS pc_rmap_statuses (
    metal TEXT NOT NULL,
    smelter_id TEXT NOT NULL,
    status TEXT NOT NULL,
    PRIMARY KEY (metal, smelter_id)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS pc_lists (
    list TEXT PRIMARY KEY,
    as_of TEXT,
    event_id TEXT NOT NULL,
    position INTEGER NOT NULL
  );
`;

export function prepareProductConclusionStatements(db: ReadModelDb) {
  return {
    insertProduct: db.prepare(`INSERT INTO pc_products (product_id, name, product_line, metals_necessary, metals_event_id, position)
      VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (product_id) DO NOTHING`),
    determineMetals: db.prepare(`UPDATE pc_products SET metals_necessary = ?, metals_event_id = ?, position = ?
      WHERE product_id = ? AND position <= ?`),
    linkSupplier: db.prepare('INSERT OR REPLACE INTO pc_product_suppliers (product_id, supplier_id, event_id) VALUES (?, ?, ?)'),
    upsertResponse: db.prepare(`INSERT INTO pc_responses (period, supplier_id, response_number, scope, in_scope_metals,
      covered_country_sourcing, event_id, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (period, supplier_id) DO UPDATE SET response_number = excluded.response_number, scope = excluded.scope,
      in_scope_metals = excluded.in_scope_metals, covered_country_sourcing = excluded.covered_country_sourcing,
      event_id = excluded.event_id, position = excluded.position WHERE excluded.position >= pc_responses.position`),
    clearRows: db.prepare('DELETE FROM pc_smelter_rows WHERE period = ? AND supplier_id = ?'),
    insertRow: db.prepare(`INSERT OR REPLACE INTO pc_smelter_rows (period, supplier_id, idx, row, metal, match, smelter_id,
      confirmation_event_id) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)`),
    latestResponseNumber: db.prepare('SELECT response_number FROM pc_responses WHERE period = ? AND supplier_id = ?').pluck(),
    confirmRow: db.prepare(`UPDATE pc_smelter_rows SET match = 'matched', metal = ?, smelter_id = ?, confirmation_event_id = ?
      WHERE period = ? AND supplier_id = ? AND idx = ?`),
    upsertList: db.prepare(`INSERT INTO pc_lists (list, as_of, event_id, position) VALUES (?, ?, ?, ?)
      ON CONFLICT (list) DO UPDATE SET as_of = excluded.as_of, event_id = excluded.event_id, position = excluded.position
      WHERE excluded.position >= pc_lists.position`),
    clearStatuses: db.prepare('DELETE FROM pc_rmap_statuses'),
    insertStatus: db.prepare('INSERT OR REPLACE INTO pc_rmap_statuses (metal, smelter_id, status) VALUES (?, ?, ?)'),
  };
}
export type ProductConclusionStatements = ReturnType<typeof prepareProductConclusionStatements>;
