import type {
  ProductMetalsDetermined,
  ProductRegistered,
  ProductSupplierLinked,
  SupplierContactAdded,
  SupplierOwnerAssigned,
  SupplierRegistered,
  SupplierStatusChanged,
} from '@dd/domain';
import type { RecordedEvent } from '@dd/event-store';
import type { ProjectionDefinition } from '../core/projection';

/**
 * The supply chain as mapped (OECD step 2): suppliers with their tier, parent, owner, status and
 * contacts; products with their product line, the 3TG necessary to them and the suppliers of their
 * parts. Campaign selections ("a tier", "a product line", "all active suppliers") are resolved here.
 * Every write is an upsert or an update by primary key that sets a value (never a counter), so an
 * event applied again, and everything after it, leaves the same rows.
 */
export const supplyChainProjection: ProjectionDefinition = {
  name: 'supply-chain',
  version: 1,
  tables: ['sc_suppliers', 'sc_supplier_contacts', 'sc_products', 'sc_product_suppliers'],
  create(db) {
    db.exec(`
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
    `);
    // Registration never resets the owner or status a later event set (it comes first in the log anyway).
    const registerSupplier = db.prepare(`INSERT INTO sc_suppliers (supplier_id, name, tier, country, parent_supplier_id, status, registered_at)
      VALUES (?, ?, ?, ?, ?, 'active', ?) ON CONFLICT (supplier_id) DO UPDATE SET name = excluded.name, tier = excluded.tier,
      country = excluded.country, parent_supplier_id = excluded.parent_supplier_id, registered_at = excluded.registered_at`);
    const assignOwner = db.prepare('UPDATE sc_suppliers SET owner = ? WHERE supplier_id = ?');
    const changeStatus = db.prepare('UPDATE sc_suppliers SET status = ?, status_reason = ? WHERE supplier_id = ?');
    const addContact = db.prepare(`INSERT OR REPLACE INTO sc_supplier_contacts (supplier_id, email_key, name, email, role, added_at, position)
      VALUES (?, ?, ?, ?, ?, ?, ?)`);
    const registerProduct = db.prepare(`INSERT INTO sc_products (product_id, name, product_line, metals_necessary, determination, registered_at, determined_at)
      VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (product_id) DO UPDATE SET name = excluded.name, product_line = excluded.product_line,
      registered_at = excluded.registered_at`);
    const determineMetals = db.prepare('UPDATE sc_products SET metals_necessary = ?, determination = ?, determined_at = ? WHERE product_id = ?');
    const linkSupplier = db.prepare('INSERT OR IGNORE INTO sc_product_suppliers (product_id, supplier_id, linked_at) VALUES (?, ?, ?)');

    return {
      apply(event: RecordedEvent) {
        const at = event.metadata.occurredAt;
        switch (event.type) {
          case 'SupplierRegistered': {
            const s = event.data as SupplierRegistered;
            registerSupplier.run(s.supplierId, s.name, s.tier, s.country ?? null, s.parentSupplierId ?? null, at);
            return;
          }
          case 'SupplierOwnerAssigned': {
            const { supplierId, owner } = event.data as SupplierOwnerAssigned;
            assignOwner.run(owner, supplierId);
            return;
          }
          case 'SupplierStatusChanged': {
            const { supplierId, status, reason } = event.data as SupplierStatusChanged;
            changeStatus.run(status, reason, supplierId);
            return;
          }
          case 'SupplierContactAdded': {
            const c = event.data as SupplierContactAdded;
            addContact.run(c.supplierId, c.email.toLowerCase(), c.name, c.email, c.role ?? null, at, event.globalPosition);
            return;
          }
          case 'ProductRegistered': {
            const p = event.data as ProductRegistered;
            // On a repeat the determination columns are left to the later ProductMetalsDetermined, if any.
            registerProduct.run(p.productId, p.name, p.productLine, JSON.stringify(p.metalsNecessary), p.determination, at, at);
            return;
          }
          case 'ProductMetalsDetermined': {
            const p = event.data as ProductMetalsDetermined;
            determineMetals.run(JSON.stringify(p.metalsNecessary), p.determination, at, p.productId);
            return;
          }
          case 'ProductSupplierLinked': {
            const { productId, supplierId } = event.data as ProductSupplierLinked;
            linkSupplier.run(productId, supplierId, at);
            return;
          }
        }
      },
    };
  },
};
