import { AS_OF_REPLAY_REASONS } from '@dd/projections';

/**
 * The headers that say where an answer stands in the log, in the OpenAPI document: every read's
 * (openapi-document.ts) and the reports' (risk report, CMR draft), one wording for both.
 */

/** X-As-Of-Source's values: `history`, or `replay; reason=<reason>` (with `; since=<position>` when history is off). */
export const AS_OF_SOURCE_PATTERN = `^(history|replay; reason=(${AS_OF_REPLAY_REASONS.join('|')})(; since=\\d+)?)$`;

/**
 * X-As-Of-Source, on an answer as of a past point only: `asked` names the parameters that ask for one,
 * `businessTime` which of them is a business time (always replayed); `more` is said after.
 */
export function asOfSourceHeaderDocument(asked: string, businessTime: string, more = '') {
  return {
    description:
      `on an answer as of a past point (${asked}) only: \`history\` when it was read from the read models' history, ` +
      '`replay; reason=<reason>` when the log was replayed up to the cut (slower, in proportion to the log): reason business-time ' +
      `(${businessTime} is always replayed), history-off (DD_READ_MODEL_HISTORY=off, with \`; since=<position>\`), history-not-that-old ` +
      `(the history begins after the cut) or no-read-model-file (read models in memory)${more}`,
    schema: { type: 'string', pattern: AS_OF_SOURCE_PATTERN },
  };
}

/** The headers a report (risk report, CMR draft) is sent with: its bytes' hash, where it stands, and how an as-of one was had. */
export function reportHeadersDocument() {
  return {
    'X-Content-SHA256': { description: 'the SHA-256 of the bytes sent (the same asOf gives the same bytes)', schema: { type: 'string' } },
    'X-As-Of-Position': { description: 'the global position of the log the report stands on', schema: { type: 'integer' } },
    'X-As-Of-Time': {
      description: "the business time the report is as of (a position's: the latest business time up to it)",
      schema: { type: 'string', format: 'date-time' },
    },
    'X-As-Of-Source': asOfSourceHeaderDocument(
      'asOf',
      'asOf a date or date-time',
      ". A risk report also reads the read models at the previous report's position (what changed): `history` only when both reads were",
    ),
  };
}
