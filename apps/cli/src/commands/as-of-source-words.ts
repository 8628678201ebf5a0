import type { AsOfSource } from '@dd/engine';

/**
 * How a document asked as of a past point was had, for the operator's line: what X-As-Of-Source says
 * over HTTP (from the read models' history, or replayed from the log and why). Nothing for "now".
 */
export function howAnswered(source: AsOfSource | undefined): string {
  if (source === undefined) return '';
  if (source.kind === 'history') return "; from the read models' history";
  const since = source.historyOffSince === undefined ? '' : `, no history kept since position ${source.historyOffSince}`;
  return `; replayed from the log (${source.reason}${since})`;
}
