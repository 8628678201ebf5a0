import type { AsOfSource } from '@dd/engine';
import { AS_OF_REPLAY_REASON_WORDS } from '@dd/projections';

/**
 * How a document asked as of a past point was had, for the operator's line: what X-As-Of-Source says
 * over HTTP (from the read models' history, or replayed from the log and why), in words as the
 * console's banner says it. Nothing for "now".
 */
export function howAnswered(source: AsOfSource | undefined): string {
  if (source === undefined) return '';
  if (source.kind === 'history') return "; from the read models' history";
  const why =
    source.reason === 'history-off' && source.historyOffSince !== undefined
      ? `the read models have kept no history since log position ${source.historyOffSince}`
      : AS_OF_REPLAY_REASON_WORDS[source.reason];
  return `; replayed from the log (${why})`;
}
