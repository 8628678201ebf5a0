import type { MessageRecipient, OutboxChange, OutboxRequest, OutboxSupplier, OutboxView } from '@dd/domain';
import type { Database } from 'better-sqlite3';
import type { WorkflowState } from './workflow-process-manager';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS pm_outbox_suppliers (
    supplier_id TEXT PRIMARY KEY,
    name TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS pm_outbox_contacts (
    supplier_id TEXT NOT NULL,
    email TEXT NOT NULL,
    name TEXT NOT NULL,
    language TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (supplier_id, email)
  );
  -- The latest request of each supplier, period and template family (cmrt, emrt).
  CREATE TABLE IF NOT EXISTS pm_outbox_requests (
    supplier_id TEXT NOT NULL,
    period INTEGER NOT NULL,
    family TEXT NOT NULL,
    request TEXT NOT NULL,
    PRIMARY KEY (supplier_id, period, family)
  );
  CREATE TABLE IF NOT EXISTS pm_outbox_periods (
    period INTEGER PRIMARY KEY,
    oldest_accepted TEXT
  );
`;

/**
 * The outbox workflow's state (outbox.workflow.ts): tables beside the read models, not projections
 * (a rebuild leaves them alone). The view reads them; apply() writes one change.
 */
export class OutboxTables implements WorkflowState<OutboxView, OutboxChange> {
  private readonly sql: ReturnType<typeof prepare>;
  readonly view: OutboxView;

  constructor(db: Database) {
    db.exec(SCHEMA);
    const sql = (this.sql = prepare(db));
    this.view = {
      supplier: (supplierId): OutboxSupplier | undefined => {
        const name = sql.supplier.get(supplierId) as string | undefined;
        if (name === undefined) return undefined;
        return { name, contacts: sql.contacts.all(supplierId) as MessageRecipient[] };
      },
      request: (supplierId, period, family): OutboxRequest | undefined => {
        const json = sql.request.get(supplierId, period, family) as string | undefined;
        return json === undefined ? undefined : (JSON.parse(json) as OutboxRequest);
      },
      oldestAccepted: (period) => (sql.oldestAccepted.get(period) as string | null | undefined) ?? undefined,
    };
  }

  apply(change: OutboxChange): void {
    const sql = this.sql;
    switch (change.change) {
      case 'supplier-named':
        sql.name.run(change.supplierId, change.name);
        return;
      case 'contact-added': {
        const { email, name, language } = change.contact;
        sql.addContact.run(change.supplierId, email.toLowerCase(), name, language);
        return;
      }
      case 'period-policy':
        sql.period.run(change.period, change.oldestAccepted ?? null);
        return;
      case 'request-sent':
        sql.saveRequest.run(change.supplierId, change.period, change.family, JSON.stringify(change.request));
        return;
      default:
        change satisfies never;
    }
  }
}

function prepare(db: Database) {
  return {
    supplier: db.prepare('SELECT name FROM pm_outbox_suppliers WHERE supplier_id = ?').pluck(),
    name: db.prepare(
      'INSERT INTO pm_outbox_suppliers (supplier_id, name) VALUES (?, ?) ON CONFLICT (supplier_id) DO UPDATE SET name = excluded.name',
    ),
    contacts: db.prepare('SELECT name, email, language FROM pm_outbox_contacts WHERE supplier_id = ? ORDER BY position'),
    addContact: db.prepare(`INSERT OR IGNORE INTO pm_outbox_contacts (supplier_id, email, name, language, position)
      VALUES (?, ?, ?, ?, (SELECT COUNT(*) FROM pm_outbox_contacts))`),
    request: db.prepare('SELECT request FROM pm_outbox_requests WHERE supplier_id = ? AND period = ? AND family = ?').pluck(),
    saveRequest: db.prepare('INSERT OR REPLACE INTO pm_outbox_requests (supplier_id, period, family, request) VALUES (?, ?, ?, ?)'),
    oldestAccepted: db.prepare('SELECT oldest_accepted FROM pm_outbox_periods WHERE period = ?').pluck(),
    period: db.prepare('INSERT OR REPLACE INTO pm_outbox_periods (period, oldest_accepted) VALUES (?, ?)'),
  };
}
