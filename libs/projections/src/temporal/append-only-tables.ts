/**
 * Read-model tables whose rows are written once, by the event at `position` (their key), and never
 * changed: the audit trail, a supplier's reminders and responses, the programme log, published
 * reports and period status changes. As of position P such a table is its rows with position ≤ P, so
 * it keeps no history table: copying it would double the biggest table of the file (the audit trail:
 * one row per event) for nothing. Measured on the 1M-event log's first 100k events, history without
 * this list cost x2.5 of the apply time and x2.5 of the file; see docs/as-of-at-scale.md.
 *
 * The promise is guarded, not trusted: should a projection ever update or delete such a row (or apply
 * an event again over it, INSERT OR REPLACE), a trigger moves the projection's history coverage to
 * that position, and "as of" any earlier position is replayed instead of answered from the table.
 */
export const APPEND_ONLY_TABLES: ReadonlyMap<string, string> = new Map([
  ['audit_trail', 'position'],
  // The audit trail beside a SQLite log: its filter columns only, one row per event, written once.
  ['audit_trail_index', 'position'],
  ['supplier_reminders', 'position'],
  ['supplier_responses', 'position'],
  ['program_log', 'position'],
  ['period_reports', 'position'],
  ['period_status_changes', 'position'],
]);
