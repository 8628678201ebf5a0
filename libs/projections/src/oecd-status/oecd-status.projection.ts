import type { CMRTSent, ReminderSent, ResponseRecorded, RiskRaised, SupplierRegistered } from '@dd/domain';
import type { RecordedEvent } from '@dd/event-store';
import type { ProjectionDefinition } from '../core/projection';

/** Facts that hold for every period (the supplier base is not period-bound) are filed under period 0. */
export const ALL_PERIODS = 0;

/**
 * Raw facts behind the OECD five-step status: which events evidence which criterion in which period,
 * plus the little state two criteria need (open requests and their reminders, each supplier's latest
 * response). Whether a criterion is met is decided at query time (see oecd-criteria.ts), so a new
 * rule, or "today" moving past a due date, needs no rebuild.
 */
export const oecdStatusProjection: ProjectionDefinition = {
  name: 'oecd-status',
  version: 1,
  tables: ['oecd_facts', 'oecd_requests', 'oecd_latest_responses'],
  create(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS oecd_facts (
        period INTEGER NOT NULL,
        criterion TEXT NOT NULL,
        event_id TEXT NOT NULL,
        supplier_id TEXT,
        position INTEGER NOT NULL,
        -- Keyed by position rather than the (random) event id: rows arrive in position order, so
        -- inserts append to the B-tree, and evidence lists come out oldest first for free.
        PRIMARY KEY (period, criterion, position)
      ) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS oecd_facts_by_supplier ON oecd_facts (period, criterion, supplier_id);
      CREATE TABLE IF NOT EXISTS oecd_requests (
        period INTEGER NOT NULL,
        supplier_id TEXT NOT NULL,
        request_number INTEGER NOT NULL,
        due_date TEXT NOT NULL,
        sent_event_id TEXT NOT NULL,
        first_reminder_event_id TEXT,
        response_event_id TEXT,
        PRIMARY KEY (period, supplier_id, request_number)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS oecd_latest_responses (
        period INTEGER NOT NULL,
        supplier_id TEXT NOT NULL,
        event_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        red_flags INTEGER NOT NULL,
        PRIMARY KEY (period, supplier_id)
      ) WITHOUT ROWID;
    `);
    const insertFact = db.prepare(
      'INSERT OR REPLACE INTO oecd_facts (period, criterion, event_id, supplier_id, position) VALUES (?, ?, ?, ?, ?)',
    );
    const upsertRequest = db.prepare(`INSERT INTO oecd_requests (period, supplier_id, request_number, due_date, sent_event_id)
      VALUES (?, ?, ?, ?, ?) ON CONFLICT (period, supplier_id, request_number)
      DO UPDATE SET due_date = excluded.due_date, sent_event_id = excluded.sent_event_id`);
    // COALESCE keeps the first reminder / response when an event is applied again.
    const requestReminded = db.prepare(`UPDATE oecd_requests SET first_reminder_event_id = COALESCE(first_reminder_event_id, ?)
      WHERE period = ? AND supplier_id = ? AND request_number = ?`);
    const requestAnswered = db.prepare(`UPDATE oecd_requests SET response_event_id = COALESCE(response_event_id, ?)
      WHERE period = ? AND supplier_id = ? AND request_number = ?`);
    const upsertLatestResponse = db.prepare(`INSERT INTO oecd_latest_responses (period, supplier_id, event_id, position, red_flags)
      VALUES (?, ?, ?, ?, ?) ON CONFLICT (period, supplier_id) DO UPDATE SET event_id = excluded.event_id,
      position = excluded.position, red_flags = excluded.red_flags WHERE excluded.position >= oecd_latest_responses.position`);

    const fact = (period: number, criterion: string, event: RecordedEvent, supplierId: string) =>
      insertFact.run(period, criterion, event.metadata.eventId, supplierId, event.globalPosition);

    return {
      apply(event: RecordedEvent) {
        switch (event.type) {
          case 'SupplierRegistered': {
            fact(ALL_PERIODS, 'supply-chain-mapped', event, (event.data as SupplierRegistered).supplierId);
            return;
          }
          case 'CMRTSent': {
            const sent = event.data as CMRTSent;
            fact(sent.period, 'suppliers-surveyed', event, sent.supplierId);
            upsertRequest.run(sent.period, sent.supplierId, sent.requestNumber, sent.dueDate, event.metadata.eventId);
            return;
          }
          case 'ReminderSent': {
            const reminder = event.data as ReminderSent;
            fact(reminder.period, 'non-responders-chased', event, reminder.supplierId);
            requestReminded.run(event.metadata.eventId, reminder.period, reminder.supplierId, reminder.requestNumber);
            return;
          }
          case 'ResponseRecorded': {
            const response = event.data as ResponseRecorded;
            const { period, supplierId } = response;
            fact(period, 'responses-reviewed', event, supplierId);
            requestAnswered.run(event.metadata.eventId, period, supplierId, response.requestNumber);
            if (response.declaration.smelters?.some((smelter) => (smelter.smelterId ?? '').trim() !== '')) {
              fact(period, 'smelters-identified', event, supplierId);
            }
            let redFlags = 0;
            for (const finding of response.findings) if (finding.severity === 'red-flag') redFlags++;
            upsertLatestResponse.run(period, supplierId, event.metadata.eventId, event.globalPosition, redFlags);
            return;
          }
          case 'RiskRaised': {
            const risk = event.data as RiskRaised;
            fact(risk.period, 'risks-recorded', event, risk.supplierId);
            return;
          }
        }
      },
    };
  },
};
