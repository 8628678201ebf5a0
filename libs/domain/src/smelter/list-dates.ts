import { CommandRefused } from '../shared/command-refused';

/**
 * How far ahead of the engine's today a list's as-of date may lie: RMI publishes in US time and
 * operators import from anywhere, so "today" differs by up to a day between them. Anything later is
 * a typo (2099 for 2025), and accepting it would make every real list look older and be refused.
 */
export const LIST_DATE_TOLERANCE_DAYS = 1;

/** The latest as-of date a list may carry when imported at `now` (ISO time): today + the tolerance, YYYY-MM-DD. */
export function latestListDate(now: string): string {
  const day = new Date(`${now.slice(0, 10)}T00:00:00.000Z`);
  day.setUTCDate(day.getUTCDate() + LIST_DATE_TOLERANCE_DAYS);
  return day.toISOString().slice(0, 10);
}

/** Refuses a list dated in the future; the reason names the field. */
export function refuseListDatedInFuture(asOf: string, now: string, code: string, what: string): void {
  const latest = latestListDate(now);
  if (asOf > latest) {
    throw new CommandRefused(
      code,
      `asOf ${asOf} lies in the future: ${what} cannot be dated after ${latest} (today ${now.slice(0, 10)} plus ${LIST_DATE_TOLERANCE_DAYS} day for time zones)`,
    );
  }
}
