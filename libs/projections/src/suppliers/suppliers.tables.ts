import { countTriggers } from '../core/count-triggers';
import type { ReadModelDb } from '../core/read-model-db';

export const SUPPLIERS_SCHEMA = `
  CREATE TABLE IF NOT EXISTS suppliers (
    supplier_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    tier TEXT NOT NULL,
    country TEXT,
    parent_supplier_id TEXT,
    registered_at TEXT NOT NULL,
    event_id TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS suppliers_by_parent ON suppliers (parent_supplier_id);
  -- A tier's suppliers in id order: a page of one tier (GET /suppliers?tier=, /surveys?tier=) seeks its
  -- first row and reads its own rows (an index on the tier alone read every supplier of the tier and sorted them).
  CREATE INDEX IF NOT EXISTS suppliers_in_tier_order ON suppliers (tier, supplier_id);
  -- How many suppliers each tier has (a row of nought stays), kept by triggers on suppliers: the total
  -- of GET /surveys and the supplier list reads a few rows, not every supplier. Suppliers are written by
  -- upsert (never INSERT OR REPLACE, whose delete fires no trigger without recursive triggers).
  CREATE TABLE IF NOT EXISTS supplier_tier_counts (
    tier TEXT PRIMARY KEY,
    suppliers INTEGER NOT NULL
  ) WITHOUT ROWID;
  ${countTriggers({ rows: 'suppliers', counts: 'supplier_tier_counts', by: ['tier'], count: 'suppliers' })}
  -- One survey per supplier, period and template family (cmrt, emrt).
  CREATE TABLE IF NOT EXISTS supplier_surveys (
    supplier_id TEXT NOT NULL,
    period INTEGER NOT NULL,
    family TEXT NOT NULL,
    status TEXT NOT NULL,
    request_number INTEGER NOT NULL,
    due_date TEXT,
    template_version TEXT,
    sent_at TEXT,
    sent_event_id TEXT,
    PRIMARY KEY (supplier_id, period, family)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS supplier_surveys_by_period ON supplier_surveys (period, status);
  CREATE TABLE IF NOT EXISTS supplier_reminders (
    position INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL,
    supplier_id TEXT NOT NULL,
    period INTEGER NOT NULL,
    family TEXT NOT NULL,
    request_number INTEGER NOT NULL,
    reminder_number INTEGER NOT NULL,
    overdue INTEGER NOT NULL,
    sent_at TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS supplier_reminders_by_survey ON supplier_reminders (supplier_id, period);
  CREATE TABLE IF NOT EXISTS supplier_follow_ups (
    follow_up_id TEXT PRIMARY KEY,
    supplier_id TEXT NOT NULL,
    period INTEGER NOT NULL,
    family TEXT NOT NULL,
    kind TEXT NOT NULL,
    origin TEXT NOT NULL,
    response_number INTEGER NOT NULL,
    findings INTEGER NOT NULL,
    requested_at TEXT NOT NULL,
    requested_event_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    resolution TEXT,
    resolved_at TEXT,
    resolved_event_id TEXT
  ) WITHOUT ROWID;
  -- The follow-ups of a page of suppliers for a period (GET /surveys), read by supplier, not by a scan.
  CREATE INDEX IF NOT EXISTS supplier_follow_ups_by_survey ON supplier_follow_ups (supplier_id, period);
  CREATE TABLE IF NOT EXISTS supplier_responses (
    position INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL,
    supplier_id TEXT NOT NULL,
    period INTEGER NOT NULL,
    family TEXT NOT NULL,
    request_number INTEGER NOT NULL,
    response_number INTEGER NOT NULL,
    received_at TEXT NOT NULL,
    source_kind TEXT NOT NULL,
    file_name TEXT,
    template_version TEXT,
    scope TEXT,
    in_scope_metals TEXT NOT NULL,
    errors INTEGER NOT NULL,
    warnings INTEGER NOT NULL,
    red_flags INTEGER NOT NULL,
    infos INTEGER NOT NULL,
    follow_up_kinds TEXT NOT NULL,
    smelter_count INTEGER NOT NULL,
    findings TEXT NOT NULL
  );
  CREATE INDEX IF NOT EXISTS supplier_responses_by_survey ON supplier_responses (supplier_id, period);
`;

export function prepareSupplierStatements(db: ReadModelDb) {
  return {
    renameSupplier: db.prepare('UPDATE suppliers SET name = ? WHERE supplier_id = ?'),
    // An upsert: a registration again is an UPDATE, which the tier counts follow.
    upsertSupplier: db.prepare(`INSERT INTO suppliers (supplier_id, name, tier, country,
      parent_supplier_id, registered_at, event_id) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (supplier_id) DO UPDATE SET
      name = excluded.name, tier = excluded.tier, country = excluded.country, parent_supplier_id = excluded.parent_supplier_id,
      registered_at = excluded.registered_at, event_id = excluded.event_id`),
    surveySent: db.prepare(`INSERT INTO supplier_surveys (supplier_id, period, family, status, request_number, due_date,
      template_version, sent_at, sent_event_id) VALUES (?, ?, ?, 'awaiting-response', ?, ?, ?, ?, ?)
      ON CONFLICT (supplier_id, period, family) DO UPDATE SET status = excluded.status, request_number = excluded.request_number,
      due_date = excluded.due_date, template_version = excluded.template_version, sent_at = excluded.sent_at,
      sent_event_id = excluded.sent_event_id`),
    // A response always answers the open request (the survey decider refuses one without a request).
    surveyAnswered: db.prepare(`INSERT INTO supplier_surveys (supplier_id, period, family, status, request_number)
      VALUES (?, ?, ?, 'responded', ?)
      ON CONFLICT (supplier_id, period, family) DO UPDATE SET status = 'responded', request_number = excluded.request_number`),
    insertReminder: db.prepare(`INSERT OR REPLACE INTO supplier_reminders (position, event_id, supplier_id, period, family,
      request_number, reminder_number, overdue, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    insertResponse: db.prepare(`INSERT OR REPLACE INTO supplier_responses (position, event_id, supplier_id, period, family,
      request_number, response_number, received_at, source_kind, file_name, template_version, scope, in_scope_metals,
      errors, warnings, red_flags, infos, follow_up_kinds, smelter_count, findings)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    insertFollowUp: db.prepare(`INSERT OR REPLACE INTO supplier_follow_ups (follow_up_id, supplier_id, period, family, kind, origin,
      response_number, findings, requested_at, requested_event_id, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    resolveFollowUp: db.prepare(`UPDATE supplier_follow_ups SET resolution = ?, resolved_at = ?, resolved_event_id = ?
      WHERE follow_up_id = ?`),
  };
}
export type SupplierStatements = ReturnType<typeof prepareSupplierStatements>;
