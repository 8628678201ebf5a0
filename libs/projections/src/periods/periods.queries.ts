import { daysUntil, formSdDeadline, type PeriodPolicy } from '@dd/domain';
import type { ReadModelDb } from '../core/read-model-db';
import { StatementCache } from '../core/statement-cache';

/** The reminder cadence of a period that was never opened (the policy's own default). */
export const DEFAULT_REMINDER_DAYS: readonly number[] = [14, 28];

export interface PublishedReport {
  url: string;
  sha256: string;
  publishedAt: string;
  publishedBy: string;
  /** Published on or before the Form SD deadline. */
  onTime: boolean;
  /** The ReportPublished event. */
  eventId: string;
}

/** A close or a reopening of the period: when, by whom, and the note or reason given. */
export interface PeriodStatusChange {
  change: 'closed' | 'reopened';
  at: string;
  by: string;
  /** The close's note, or the reason the period was reopened. */
  note: string | null;
  /** The PeriodClosed or PeriodReopened event. */
  eventId: string;
}

export interface PeriodView {
  period: number;
  status: 'not-opened' | 'open' | 'closed';
  /** null while the period was never opened. */
  policy: PeriodPolicy | null;
  /** 31 May of the following year, moved to the next business day (as recorded when opened, else computed). */
  formSdDeadline: string;
  /** Whole days from `today` to the deadline; negative once it has passed. */
  daysLeft: number;
  today: string;
  openedAt: string | null;
  openedBy: string | null;
  /** While closed: when, and the note given (null while open, also after a reopening). */
  closedAt: string | null;
  closeNote: string | null;
  /** The latest reopening: when, and why (null when it never was reopened). */
  reopenedAt: string | null;
  reopenReason: string | null;
  /** Every close and reopening, oldest first. */
  statusChanges: PeriodStatusChange[];
  /** The latest published report (null: none yet). */
  report: PublishedReport | null;
  /** Every publication, oldest first (a corrected report is published again). */
  reports: PublishedReport[];
}

interface PeriodRow {
  period: number;
  status: 'open' | 'closed';
  policy: string;
  formSdDeadline: string;
  openedAt: string;
  openedBy: string;
  closedAt: string | null;
  closeNote: string | null;
  reopenedAt: string | null;
  reopenReason: string | null;
}

export class PeriodQueries {
  private readonly statements: StatementCache;

  constructor(db: ReadModelDb) {
    this.statements = new StatementCache(db);
  }

  /** A period as of `today` (YYYY-MM-DD); a never-opened one says so, with the deadline it will have. */
  get(period: number, options: { today: string }): PeriodView {
    const row = this.row(period);
    const reports = (
      this.statements
        .get(
          `SELECT url, sha256, published_at AS publishedAt, published_by AS publishedBy, on_time AS onTime, event_id AS eventId
          FROM period_reports WHERE period = ? ORDER BY position`,
        )
        .all(period) as Array<Omit<PublishedReport, 'onTime'> & { onTime: number }>
    ).map((report) => ({ ...report, onTime: report.onTime === 1 }));
    const deadline = row?.formSdDeadline ?? formSdDeadline(period);
    return {
      period,
      status: row?.status ?? 'not-opened',
      policy: row ? (JSON.parse(row.policy) as PeriodPolicy) : null,
      formSdDeadline: deadline,
      daysLeft: daysUntil(deadline, options.today),
      today: options.today,
      openedAt: row?.openedAt ?? null,
      openedBy: row?.openedBy ?? null,
      closedAt: row?.closedAt ?? null,
      closeNote: row?.closeNote ?? null,
      reopenedAt: row?.reopenedAt ?? null,
      reopenReason: row?.reopenReason ?? null,
      statusChanges: this.statements
        .get('SELECT change, at, by, note, event_id AS eventId FROM period_status_changes WHERE period = ? ORDER BY position')
        .all(period) as PeriodStatusChange[],
      report: reports.length > 0 ? reports[reports.length - 1] : null,
      reports,
    };
  }

  /** The periods that were opened, most recent first. */
  list(options: { today: string }): PeriodView[] {
    const periods = this.statements.get('SELECT period FROM periods ORDER BY period DESC').pluck().all() as number[];
    return periods.map((period) => this.get(period, options));
  }

  /** Whether the period is closed now (its records no longer change; schedulers leave it alone). */
  isClosed(period: number): boolean {
    return this.row(period)?.status === 'closed';
  }

  /** Days after sending at which reminders go out for this period. */
  reminderDays(period: number): readonly number[] {
    const row = this.row(period);
    return row ? (JSON.parse(row.policy) as PeriodPolicy).reminderDays : DEFAULT_REMINDER_DAYS;
  }

  private row(period: number): PeriodRow | undefined {
    return this.statements
      .get(
        `SELECT period, status, policy, form_sd_deadline AS formSdDeadline, opened_at AS openedAt, opened_by AS openedBy,
        closed_at AS closedAt, close_note AS closeNote, reopened_at AS reopenedAt, reopen_reason AS reopenReason FROM periods WHERE period = ?`,
      )
      .get(period) as PeriodRow | undefined;
  }
}
