import { Cron } from 'croner';
import { z } from 'zod';

/** How the service issues the management risk report by itself (see RiskReportScheduler). */
export interface RiskReportScheduleConfig {
  /** DD_RISK_REPORT_SCHEDULE: a cron expression (UTC, engine clock); "off" turns the schedule off. */
  cron: string | null;
  /** DD_RISK_REPORT_RECIPIENTS: comma-separated names or addresses recorded on each report. */
  recipients: string[];
}

/**
 * Midnight UTC on the first day of each quarter; the report is due on the first business day on or
 * after it (croner cannot say "business day": see businessDayOnOrAfter).
 */
export const DEFAULT_RISK_REPORT_SCHEDULE = '0 0 1 1,4,7,10 *';

const Recipient = z.string().trim().min(1).max(320);
const RiskReportEnv = z.object({
  DD_RISK_REPORT_SCHEDULE: z
    .string()
    .trim()
    .refine((value) => value === 'off' || isCron(value), 'expected a cron expression (e.g. "0 0 1 1,4,7,10 *") or "off"')
    .optional(),
  DD_RISK_REPORT_RECIPIENTS: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .pipe(z.array(Recipient).max(100))
    .optional(),
});

function isCron(value: string): boolean {
  try {
    new Cron(value, { timezone: 'UTC', paused: true }).stop();
    return true;
  } catch {
    return false;
  }
}

export function riskReportScheduleFromEnv(env: NodeJS.ProcessEnv = process.env): RiskReportScheduleConfig {
  const parsed = RiskReportEnv.safeParse(env);
  if (!parsed.success) {
    throw new Error(`invalid configuration: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  }
  const schedule = parsed.data.DD_RISK_REPORT_SCHEDULE || DEFAULT_RISK_REPORT_SCHEDULE;
  return { cron: schedule === 'off' ? null : schedule, recipients: parsed.data.DD_RISK_REPORT_RECIPIENTS ?? [] };
}

/** Saturday and Sunday move to the Monday after; any other day is a business day (no holiday calendar). */
export function businessDayOnOrAfter(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  const weekday = day.getUTCDay();
  const shift = weekday === 6 ? 2 : weekday === 0 ? 1 : 0;
  return new Date(day.getTime() + shift * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The report due dates (YYYY-MM-DD, business days) of a cron schedule that fall after `after` and on
 * or before `until` (both days, UTC): each cron occurrence moved to the first business day on or after it.
 */
export function dueDatesBetween(cron: string, after: string, until: string): string[] {
  const schedule = new Cron(cron, { timezone: 'UTC', paused: true });
  const dates = new Set<string>();
  try {
    // Start a week early: an occurrence on a Saturday before `after` may fall due after it.
    let cursor: Date | null = new Date(Date.parse(`${after}T00:00:00Z`) - 7 * 86_400_000);
    const end = Date.parse(`${until}T23:59:59.999Z`);
    while ((cursor = schedule.nextRun(cursor)) !== null && cursor.getTime() <= end) {
      const due = businessDayOnOrAfter(cursor.toISOString().slice(0, 10));
      if (due > after && due <= until) dates.add(due);
    }
  } finally {
    schedule.stop();
  }
  return [...dates].sort();
}
