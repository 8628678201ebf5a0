/*
 * How the server says it answered a read as of a past point (its X-As-Of-Source header), in the
 * console's words for the as-of banner: `history` (the read models' history) or `replay; reason=…`
 * (the log replayed up to the cut). The reasons are the engine's (AS_OF_REPLAY_REASONS in
 * libs/projections); test/console-as-of-source.spec.ts keeps this file in step with them.
 */

/** Why a past point was replayed, in the console's words. */
export const REPLAY_REASON_WORDS: Record<string, string> = {
  'business-time': 'what was true then may have been recorded only later',
  'history-off': 'the read models keep no history',
  'history-not-that-old': "the read models' history does not reach back that far",
  'no-read-model-file': 'the read models are kept in memory',
};

/** An X-As-Of-Source value taken apart: `history`, or a replay with its reason and, history being off, since when. */
export type AsOfSource = { kind: 'history' } | { kind: 'replay'; reason: string; since?: number };

export function parseAsOfSource(header: string): AsOfSource | null {
  const [kind, ...rest] = header.split(';').map((part) => part.trim());
  if (kind === 'history') return { kind: 'history' };
  if (kind !== 'replay') return null;
  const values = Object.fromEntries(rest.map((part) => part.split('=').map((side) => side.trim())));
  const since = Number(values.since);
  return {
    kind: 'replay',
    reason: values.reason ?? 'unknown',
    ...(values.since !== undefined && Number.isInteger(since) ? { since } : {}),
  };
}

/** One way of answering, as the banner says it: "from the read models' history", or "replayed from the log (why)". */
export function describeAsOfSource(source: AsOfSource): string {
  if (source.kind === 'history') return "from the read models' history";
  const why =
    source.reason === 'history-off' && source.since !== undefined
      ? `the read models have kept no history since log position ${source.since}`
      : (REPLAY_REASON_WORDS[source.reason] ?? source.reason);
  return `replayed from the log (${why})`;
}

/**
 * What the banner says of the reads a page made as of its point (their X-As-Of-Source values), as a
 * sentence: "From the read models' history." or "Replayed from the log (why)."; when its reads were
 * answered differently, "Partly …, partly …". Null while no read has answered yet.
 */
export function asOfSourceSentence(headers: readonly string[]): string | null {
  const ways = [...new Set(headers)]
    .map(parseAsOfSource)
    .filter((source): source is AsOfSource => source !== null)
    .map(describeAsOfSource);
  const distinct = [...new Set(ways)];
  if (distinct.length === 0) return null;
  const said = distinct.length === 1 ? distinct[0] : `partly ${distinct.join(', partly ')}`;
  return `${said[0].toUpperCase()}${said.slice(1)}.`;
}
