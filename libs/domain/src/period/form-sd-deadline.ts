/**
 * Form SD for calendar year Y is due on EDGAR by 31 May of Y+1, or the next business day when that
 * falls on a weekend or a US federal holiday (Form SD General Instruction B.1). Around the end of May
 * the holidays that can matter are Memorial Day (the last Monday of May) and Juneteenth (19 June).
 */
function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function lastMondayOfMay(year: number): string {
  const day = new Date(Date.UTC(year, 4, 31));
  while (day.getUTCDay() !== 1) day.setUTCDate(day.getUTCDate() - 1);
  return isoDay(day);
}

/** Juneteenth, moved to Friday or Monday when it falls on a weekend, as federal holidays are observed. */
function juneteenthObserved(year: number): string {
  const day = new Date(Date.UTC(year, 5, 19));
  if (day.getUTCDay() === 6) day.setUTCDate(18);
  if (day.getUTCDay() === 0) day.setUTCDate(20);
  return isoDay(day);
}

export function formSdDeadline(period: number): string {
  const year = period + 1;
  const holidays = new Set([lastMondayOfMay(year), juneteenthObserved(year)]);
  const day = new Date(Date.UTC(year, 4, 31));
  while (day.getUTCDay() === 0 || day.getUTCDay() === 6 || holidays.has(isoDay(day))) {
    day.setUTCDate(day.getUTCDate() + 1);
  }
  return isoDay(day);
}

/** Whole days from `today` (YYYY-MM-DD) to the deadline; negative once it has passed. */
export function daysUntil(deadline: string, today: string): number {
  return Math.round((Date.parse(`${deadline}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}
