import type { ReadModelDb } from '../core/read-model-db';

export const SUPPLY_CHAIN_SCHEMA = `
  CREATE TABLE IF NOT EXISTS sc_suppliers (
    supplier_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    tier TEXT NOT NULL,
    country TEXT,
    parent_supplier_id TEXT,
    status TEXT NOT NULL,
    status_reason TEXT,
    owner TEXT,
    registered_at TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS sc_suppliers_by_tier ON sc_suppliers (tier, status);
  CREATE TABLE IF NOT EXISTS sc_supplier_contacts (
    supplier_id TEXT NOT NULL,
    email_key TEXT NOT NULL,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    role TEXT,
    language TEXT NOT NULL,
    added_at TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (supplier_id, email_key)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS sc_products (
    product_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    product_line TEXT NOT NULL,
    metals_necessary TEXT NOT NULL,
    determination TEXT NOT NULL,
    registered_at TEXT NOT NULL,
    determined_at TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS sc_products_by_line ON sc_products (product_line);
  CREATE TABLE IF NOT EXISTS sc_product_suppliers (
    product_id TEXT NOT NULL,
    supplier_id TEXT NOT NULL,
    linked_at TEXT NOT NULL,
    PRIMARY KEY (product_id, supplier_id)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS sc_product_suppliers_by_supplier ON sc_product_suppliers (supplier_id);
`;

export function prepareSupplyChainStatements(db: ReadModelDb) {
  return {
    // Registration never resets the owner or status a later event set (it comes first in the log anyway).
    renameSupplier: db.prepare('UPDATE sc_suppliers SET name = ? WHERE supplier_id = ?'),
    registerSupplier: db.prepare(`INSERT INTO sc_suppliers (supplier_id, name, tier, country, parent_supplier_id, status, registered_at)
      VALUES (?, ?, ?, ?, ?, 'active', ?) ON CONFLICT (supplier_id) DO UPDATE SET name = excluded.name, tier = excluded.tier,
      country = excluded.country, parent_supplier_id = excluded.parent_supplier_id, registered_at = excluded.registered_at`),
    assignOwner: db.prepare('UPDATE sc_suppliers SET owner = ? WHERE supplier_id = ?'),
    changeStatus: db.prepare('UPDATE sc_suppliers SET status = ?, status_reason = ? WHERE supplier_id = ?'),
    addContact: db.prepare(`INSERT OR REPLACE INTO sc_supplier_contacts (supplier_id, email_key, name, email, role, language, added_at,
      position) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
    registerProduct:
      db.prepare(`INSERT INTO sc_products (product_id, name, product_line, metals_necessary, determination, registered_at, determined_at)
      VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (product_id) DO UPDATE SET name = excluded.name, product_line = excluded.product_line,
      registered_at = excluded.registered_at`),
    determineMetals: db.prepare('UPDATE sc_products SET metals_necessary = ?, determination = ?, determined_at = ? WHERE product_id = ?'),
    linkSupplier: db.prepare('INSERT OR IGNORE INTO sc_product_suppliers (product_id, supplier_id, linked_at) VALUES (?, ?, ?)'),
  };
}
export type SupplyChainStatements = ReturnType<typeof prepareSupplyChainStatements>;
