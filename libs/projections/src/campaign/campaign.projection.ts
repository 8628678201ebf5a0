import type {
  CampaignLaunched,
  CMRTSent,
  FollowUpRequested,
  FollowUpResolved,
  NonResponseEscalated,
  ReminderSent,
  ResponseAccepted,
  ResponseRecorded,
  SupplierOwnerAssigned,
  SupplierRegistered,
} from '@dd/domain';
import type { RecordedEvent } from '@dd/event-store';
import type { ProjectionDefinition } from '../core/projection';

/**
 * The survey campaign of each period: every CMRT request (who sent it, when, due when, how many
 * reminders, escalated or answered), each supplier's latest response (its declaration scope, accepted
 * or not), open follow-ups, and the campaigns launched with the suppliers they selected. A small
 * supplier table (tier, owner) sits beside them for the figures by tier and for escalations.
 *
 * Rates, shares and "overdue" are computed at query time (campaign.queries.ts) from these rows and
 * "today". Counters are never incremented: numbers are MAX()ed in from the events that carry them
 * (reminder 2, response 3), and "latest" is guarded by the global position, so an event applied
 * again leaves every row as it was.
 */
export const campaignProjection: ProjectionDefinition = {
  name: 'campaign',
  version: 1,
  tables: ['campaign_suppliers', 'campaign_surveys', 'campaign_requests', 'campaign_follow_ups', 'campaign_launches', 'campaign_members'],
  create(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS campaign_suppliers (
        supplier_id TEXT PRIMARY KEY,
        tier TEXT NOT NULL,
        owner TEXT
      );
      -- One row per supplier and period: which request is current, and the latest response.
      CREATE TABLE IF NOT EXISTS campaign_surveys (
        period INTEGER NOT NULL,
        supplier_id TEXT NOT NULL,
        request_number INTEGER NOT NULL,
        responses INTEGER NOT NULL DEFAULT 0,
        latest_position INTEGER NOT NULL DEFAULT 0,
        latest_scope TEXT,
        accepted_response INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (period, supplier_id)
      ) WITHOUT ROWID;
      -- One row per CMRT request (a re-survey is request 2).
      CREATE TABLE IF NOT EXISTS campaign_requests (
        period INTEGER NOT NULL,
        supplier_id TEXT NOT NULL,
        request_number INTEGER NOT NULL,
        sent_at TEXT NOT NULL,
        sent_event_id TEXT NOT NULL,
        due_date TEXT NOT NULL,
        template_version TEXT,
        campaign_id TEXT,
        reminders INTEGER NOT NULL DEFAULT 0,
        last_reminder_at TEXT,
        escalated_at TEXT,
        escalated_to TEXT,
        escalation_event_id TEXT,
        responded_at TEXT,
        PRIMARY KEY (period, supplier_id, request_number)
      ) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS campaign_requests_by_campaign ON campaign_requests (campaign_id);
      CREATE TABLE IF NOT EXISTS campaign_follow_ups (
        follow_up_id TEXT PRIMARY KEY,
        period INTEGER NOT NULL,
        supplier_id TEXT NOT NULL,
        open INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS campaign_follow_ups_by_period ON campaign_follow_ups (period, open);
      CREATE TABLE IF NOT EXISTS campaign_launches (
        campaign_id TEXT PRIMARY KEY,
        period INTEGER NOT NULL,
        selection TEXT NOT NULL,
        due_date TEXT NOT NULL,
        template_version TEXT,
        selected INTEGER NOT NULL,
        launched_at TEXT NOT NULL,
        launched_by TEXT NOT NULL,
        event_id TEXT NOT NULL,
        position INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS campaign_launches_by_period ON campaign_launches (period, position);
      CREATE TABLE IF NOT EXISTS campaign_members (
        campaign_id TEXT NOT NULL,
        supplier_id TEXT NOT NULL,
        PRIMARY KEY (campaign_id, supplier_id)
      ) WITHOUT ROWID;
    `);
    const upsertSupplier = db.prepare(`INSERT INTO campaign_suppliers (supplier_id, tier) VALUES (?, ?)
      ON CONFLICT (supplier_id) DO UPDATE SET tier = excluded.tier`);
    const assignOwner = db.prepare('UPDATE campaign_suppliers SET owner = ? WHERE supplier_id = ?');
    const upsertSurvey = db.prepare(`INSERT INTO campaign_surveys (period, supplier_id, request_number) VALUES (?, ?, ?)
      ON CONFLICT (period, supplier_id) DO UPDATE SET request_number = MAX(request_number, excluded.request_number)`);
    const upsertRequest = db.prepare(`INSERT INTO campaign_requests (period, supplier_id, request_number, sent_at, sent_event_id,
      due_date, template_version, campaign_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (period, supplier_id, request_number) DO UPDATE SET sent_at = excluded.sent_at, sent_event_id = excluded.sent_event_id,
      due_date = excluded.due_date, template_version = excluded.template_version, campaign_id = excluded.campaign_id`);
    // SQLite evaluates every SET expression on the old row, so the CASE sees the reminders before MAX.
    const reminded = db.prepare(`UPDATE campaign_requests SET last_reminder_at = CASE WHEN @number >= reminders THEN @at ELSE last_reminder_at END,
      reminders = MAX(reminders, @number) WHERE period = @period AND supplier_id = @supplierId AND request_number = @requestNumber`);
    const escalated = db.prepare(`UPDATE campaign_requests SET escalated_at = COALESCE(escalated_at, ?), escalated_to = COALESCE(escalated_to, ?),
      escalation_event_id = COALESCE(escalation_event_id, ?) WHERE period = ? AND supplier_id = ? AND request_number = ?`);
    const requestAnswered = db.prepare(`UPDATE campaign_requests SET responded_at = COALESCE(responded_at, ?)
      WHERE period = ? AND supplier_id = ? AND request_number = ?`);
    const surveyAnswered = db.prepare(`UPDATE campaign_surveys SET responses = MAX(responses, @responseNumber),
      latest_scope = CASE WHEN @position >= latest_position THEN @scope ELSE latest_scope END, latest_position = MAX(latest_position, @position)
      WHERE period = @period AND supplier_id = @supplierId`);
    const accepted = db.prepare('UPDATE campaign_surveys SET accepted_response = MAX(accepted_response, ?) WHERE period = ? AND supplier_id = ?');
    const followUpOpened = db.prepare(`INSERT INTO campaign_follow_ups (follow_up_id, period, supplier_id, open) VALUES (?, ?, ?, 1)
      ON CONFLICT (follow_up_id) DO NOTHING`);
    const followUpClosed = db.prepare(`INSERT INTO campaign_follow_ups (follow_up_id, period, supplier_id, open) VALUES (?, ?, ?, 0)
      ON CONFLICT (follow_up_id) DO UPDATE SET open = 0`);
    const launched = db.prepare(`INSERT OR REPLACE INTO campaign_launches (campaign_id, period, selection, due_date, template_version, selected,
      launched_at, launched_by, event_id, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const member = db.prepare('INSERT OR IGNORE INTO campaign_members (campaign_id, supplier_id) VALUES (?, ?)');

    return {
      apply(event: RecordedEvent) {
        const { occurredAt, eventId } = event.metadata;
        switch (event.type) {
          case 'SupplierRegistered': {
            const { supplierId, tier } = event.data as SupplierRegistered;
            upsertSupplier.run(supplierId, tier);
            return;
          }
          case 'SupplierOwnerAssigned': {
            const { supplierId, owner } = event.data as SupplierOwnerAssigned;
            assignOwner.run(owner, supplierId);
            return;
          }
          case 'CampaignLaunched': {
            const c = event.data as CampaignLaunched;
            launched.run(
              c.campaignId,
              c.period,
              JSON.stringify(c.selection),
              c.dueDate,
              c.templateVersion ?? null,
              c.supplierIds.length,
              occurredAt,
              event.metadata.actor,
              eventId,
              event.globalPosition,
            );
            for (const supplierId of c.supplierIds) member.run(c.campaignId, supplierId);
            return;
          }
          case 'CMRTSent': {
            const s = event.data as CMRTSent;
            upsertSurvey.run(s.period, s.supplierId, s.requestNumber);
            upsertRequest.run(s.period, s.supplierId, s.requestNumber, occurredAt, eventId, s.dueDate, s.templateVersion ?? null, s.campaignId ?? null);
            return;
          }
          case 'ReminderSent': {
            const r = event.data as ReminderSent;
            reminded.run({ number: r.reminderNumber, at: occurredAt, period: r.period, supplierId: r.supplierId, requestNumber: r.requestNumber });
            return;
          }
          case 'NonResponseEscalated': {
            const e = event.data as NonResponseEscalated;
            escalated.run(occurredAt, e.owner, eventId, e.period, e.supplierId, e.requestNumber);
            return;
          }
          case 'ResponseRecorded': {
            const r = event.data as ResponseRecorded;
            requestAnswered.run(r.receivedAt, r.period, r.supplierId, r.requestNumber);
            surveyAnswered.run({
              responseNumber: r.responseNumber,
              position: event.globalPosition,
              scope: r.declaration.company?.scope ?? null,
              period: r.period,
              supplierId: r.supplierId,
            });
            return;
          }
          case 'ResponseAccepted': {
            const a = event.data as ResponseAccepted;
            accepted.run(a.responseNumber, a.period, a.supplierId);
            return;
          }
          case 'FollowUpRequested': {
            const f = event.data as FollowUpRequested;
            followUpOpened.run(f.followUpId, f.period, f.supplierId);
            return;
          }
          case 'FollowUpResolved': {
            const f = event.data as FollowUpResolved;
            followUpClosed.run(f.followUpId, f.period, f.supplierId);
            return;
          }
        }
      },
    };
  },
};
