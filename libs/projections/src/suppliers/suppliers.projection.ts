import type { CMRTSent, FollowUpRequested, FollowUpResolved, ReminderSent, ResponseRecorded, SupplierRegistered, SupplierRenamed } from '@dd/domain';
import type { RecordedEvent } from '@dd/event-store';
import type { ProjectionDefinition } from '../core/projection';

/**
 * Supplier overview: registration, and per period the survey's state, reminders and responses.
 * Reminders and responses are rows keyed by their global position (not counters), so applying an
 * event twice changes nothing.
 */
export const suppliersProjection: ProjectionDefinition = {
  name: 'suppliers',
  version: 2,
  tables: ['suppliers', 'supplier_surveys', 'supplier_reminders', 'supplier_responses', 'supplier_follow_ups'],
  create(db) {
    db.exec(`
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
      CREATE INDEX IF NOT EXISTS suppliers_by_tier ON suppliers (tier);
      CREATE TABLE IF NOT EXISTS supplier_surveys (
        supplier_id TEXT NOT NULL,
        period INTEGER NOT NULL,
        status TEXT NOT NULL,
        request_number INTEGER NOT NULL,
        due_date TEXT,
        template_version TEXT,
        sent_at TEXT,
        sent_event_id TEXT,
        PRIMARY KEY (supplier_id, period)
      ) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS supplier_surveys_by_period ON supplier_surveys (period, status);
      CREATE TABLE IF NOT EXISTS supplier_reminders (
        position INTEGER PRIMARY KEY,
        event_id TEXT NOT NULL,
        supplier_id TEXT NOT NULL,
        period INTEGER NOT NULL,
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
      CREATE TABLE IF NOT EXISTS supplier_responses (
        position INTEGER PRIMARY KEY,
        event_id TEXT NOT NULL,
        supplier_id TEXT NOT NULL,
        period INTEGER NOT NULL,
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
    `);
    const upsertSupplier = db.prepare(`INSERT OR REPLACE INTO suppliers (supplier_id, name, tier, country,
      parent_supplier_id, registered_at, event_id) VALUES (?, ?, ?, ?, ?, ?, ?)`);
    const surveySent = db.prepare(`INSERT INTO supplier_surveys (supplier_id, period, status, request_number, due_date,
      template_version, sent_at, sent_event_id) VALUES (?, ?, 'awaiting-response', ?, ?, ?, ?, ?)
      ON CONFLICT (supplier_id, period) DO UPDATE SET status = excluded.status, request_number = excluded.request_number,
      due_date = excluded.due_date, template_version = excluded.template_version, sent_at = excluded.sent_at,
      sent_event_id = excluded.sent_event_id`);
    // A response always answers the open request (the survey decider refuses one without a request).
    const surveyAnswered = db.prepare(`INSERT INTO supplier_surveys (supplier_id, period, status, request_number)
      VALUES (?, ?, 'responded', ?)
      ON CONFLICT (supplier_id, period) DO UPDATE SET status = 'responded', request_number = excluded.request_number`);
    const insertReminder = db.prepare(`INSERT OR REPLACE INTO supplier_reminders (position, event_id, supplier_id, period,
      request_number, reminder_number, overdue, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    const insertResponse = db.prepare(`INSERT OR REPLACE INTO supplier_responses (position, event_id, supplier_id, period,
      request_number, response_number, received_at, source_kind, file_name, template_version, scope, in_scope_metals,
      errors, warnings, red_flags, infos, follow_up_kinds, smelter_count, findings)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);

    const insertFollowUp = db.prepare(`INSERT OR REPLACE INTO supplier_follow_ups (follow_up_id, supplier_id, period, kind, origin,
      response_number, findings, requested_at, requested_event_id, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const resolveFollowUp = db.prepare(`UPDATE supplier_follow_ups SET resolution = ?, resolved_at = ?, resolved_event_id = ?
      WHERE follow_up_id = ?`);

    const renameSupplier = db.prepare('UPDATE suppliers SET name = ? WHERE supplier_id = ?');

    return {
      apply(event: RecordedEvent) {
        switch (event.type) {
          case 'FollowUpRequested': {
            const followUp = event.data as FollowUpRequested;
            insertFollowUp.run(
              followUp.followUpId,
              followUp.supplierId,
              followUp.period,
              followUp.kind,
              followUp.origin,
              followUp.responseNumber,
              followUp.findings.length,
              event.metadata.occurredAt,
              event.metadata.eventId,
              event.globalPosition,
            );
            return;
          }
          case 'FollowUpResolved': {
            const resolved = event.data as FollowUpResolved;
            resolveFollowUp.run(resolved.resolution, event.metadata.occurredAt, event.metadata.eventId, resolved.followUpId);
            return;
          }
          case 'SupplierRegistered': {
            const supplier = event.data as SupplierRegistered;
            upsertSupplier.run(
              supplier.supplierId,
              supplier.name,
              supplier.tier,
              supplier.country ?? null,
              supplier.parentSupplierId ?? null,
              event.metadata.occurredAt,
              event.metadata.eventId,
            );
            return;
          }
          case 'SupplierRenamed': {
            const renamed = event.data as SupplierRenamed;
            renameSupplier.run(renamed.name, renamed.supplierId);
            return;
          }
          case 'CMRTSent': {
            const sent = event.data as CMRTSent;
            surveySent.run(
              sent.supplierId,
              sent.period,
              sent.requestNumber,
              sent.dueDate,
              sent.templateVersion ?? null,
              event.metadata.occurredAt,
              event.metadata.eventId,
            );
            return;
          }
          case 'ReminderSent': {
            const reminder = event.data as ReminderSent;
            insertReminder.run(
              event.globalPosition,
              event.metadata.eventId,
              reminder.supplierId,
              reminder.period,
              reminder.requestNumber,
              reminder.reminderNumber,
              reminder.overdue ? 1 : 0,
              event.metadata.occurredAt,
            );
            return;
          }
          case 'ResponseRecorded': {
            const response = event.data as ResponseRecorded;
            let errors = 0;
            let warnings = 0;
            let redFlags = 0;
            let infos = 0;
            for (const finding of response.findings) {
              if (finding.severity === 'error') errors++;
              else if (finding.severity === 'warning') warnings++;
              else if (finding.severity === 'red-flag') redFlags++;
              else infos++;
            }
            const source = response.source;
            surveyAnswered.run(response.supplierId, response.period, response.requestNumber);
            insertResponse.run(
              event.globalPosition,
              event.metadata.eventId,
              response.supplierId,
              response.period,
              response.requestNumber,
              response.responseNumber,
              response.receivedAt,
              source.kind,
              source.kind === 'cmrt-file' ? source.fileName : null,
              source.kind === 'cmrt-file' ? source.templateVersion : (response.declaration.templateVersion ?? null),
              response.declaration.company?.scope ?? null,
              JSON.stringify(response.inScopeMetals),
              errors,
              warnings,
              redFlags,
              infos,
              JSON.stringify(response.followUpKinds),
              response.declaration.smelters?.length ?? 0,
              JSON.stringify(response.findings),
            );
            return;
          }
        }
      },
    };
  },
};
