import type { PeriodClosed, PeriodOpened, PeriodReopened, ReportPublished } from '@dd/domain';
import type { RecordedEvent } from '@dd/event-store';
import type { ProjectionDefinition } from '../core/projection';

/**
 * Reporting periods: each year's policy (reminder days, default due date, oldest accepted CMRT), its
 * status, its Form SD deadline and the reports published for it, and every close and reopening with
 * who did it and why. Days left are computed at query time from "today", so the read model never goes
 * stale as time passes.
 */
export const periodsProjection: ProjectionDefinition = {
  name: 'periods',
  version: 2,
  tables: ['periods', 'period_reports', 'period_status_changes'],
  create(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS periods (
        period INTEGER PRIMARY KEY,
        status TEXT NOT NULL,
        policy TEXT NOT NULL,
        form_sd_deadline TEXT NOT NULL,
        opened_at TEXT NOT NULL,
        opened_by TEXT NOT NULL,
        closed_at TEXT,
        close_note TEXT,
        reopened_at TEXT,
        reopen_reason TEXT
      );
      CREATE TABLE IF NOT EXISTS period_status_changes (
        position INTEGER PRIMARY KEY,
        period INTEGER NOT NULL,
        change TEXT NOT NULL,
        at TEXT NOT NULL,
        by TEXT NOT NULL,
        note TEXT,
        event_id TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS period_status_changes_by_period ON period_status_changes (period, position);
      CREATE TABLE IF NOT EXISTS period_reports (
        position INTEGER PRIMARY KEY,
        period INTEGER NOT NULL,
        url TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        form_sd_deadline TEXT NOT NULL,
        on_time INTEGER NOT NULL,
        published_at TEXT NOT NULL,
        published_by TEXT NOT NULL,
        event_id TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS period_reports_by_period ON period_reports (period, position);
    `);
    // Opening comes first in a period's stream; applied again it leaves a later close alone.
    const opened = db.prepare(`INSERT INTO periods (period, status, policy, form_sd_deadline, opened_at, opened_by)
      VALUES (?, 'open', ?, ?, ?, ?) ON CONFLICT (period) DO UPDATE SET policy = excluded.policy,
      form_sd_deadline = excluded.form_sd_deadline, opened_at = excluded.opened_at, opened_by = excluded.opened_by`);
    const closed = db.prepare(`UPDATE periods SET status = 'closed', closed_at = ?, close_note = ? WHERE period = ?`);
    const reopened = db.prepare(`UPDATE periods SET status = 'open', closed_at = NULL, close_note = NULL, reopened_at = ?, reopen_reason = ? WHERE period = ?`);
    const statusChanged = db.prepare(`INSERT OR REPLACE INTO period_status_changes (position, period, change, at, by, note, event_id) VALUES (?, ?, ?, ?, ?, ?, ?)`);
    const published = db.prepare(`INSERT OR REPLACE INTO period_reports (position, period, url, sha256, form_sd_deadline, on_time,
      published_at, published_by, event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);

    return {
      apply(event: RecordedEvent) {
        const { occurredAt, actor, eventId } = event.metadata;
        switch (event.type) {
          case 'PeriodOpened': {
            const data = event.data as PeriodOpened;
            opened.run(data.period, JSON.stringify(data.policy), data.formSdDeadline, occurredAt, actor);
            return;
          }
          case 'PeriodClosed': {
            const data = event.data as PeriodClosed;
            closed.run(occurredAt, data.note ?? null, data.period);
            statusChanged.run(event.globalPosition, data.period, 'closed', occurredAt, actor, data.note ?? null, eventId);
            return;
          }
          case 'PeriodReopened': {
            const data = event.data as PeriodReopened;
            reopened.run(occurredAt, data.reason, data.period);
            statusChanged.run(event.globalPosition, data.period, 'reopened', occurredAt, actor, data.reason, eventId);
            return;
          }
          case 'ReportPublished': {
            const data = event.data as ReportPublished;
            published.run(event.globalPosition, data.period, data.url, data.sha256, data.formSdDeadline, data.onTime ? 1 : 0, occurredAt, actor, eventId);
            return;
          }
        }
      },
    };
  },
};
