import type { EventStore } from '@dd/event-store';
import { z } from 'zod';
import { positionRecordedBy, type LogCut } from './log-as-of';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** A date means the whole day (its end, UTC); a time is taken to the millisecond, in UTC, as the store writes recordedAt. */
export function endOfInstantOrDay(value: string): string {
  return new Date(DATE_ONLY.test(value) ? `${value}T23:59:59.999Z` : value).toISOString();
}

const valid = (value: string) =>
  (DATE_ONLY.test(value) || ISO_TIME.test(value)) && !Number.isNaN(new Date(endOfInstantOrDay(value)).getTime());

const InstantOrDay = z
  .string()
  .trim()
  .refine(valid, {
    error: (issue) => `not an ISO time with its zone (2026-03-31T12:00:00Z) nor a date (YYYY-MM-DD): ${String(issue.input).slice(0, 40)}`,
  })
  .transform(endOfInstantOrDay);

/**
 * The "as of" parameters every read takes (the HTTP layer takes them out before the read's own
 * parameters are checked, as it does `format`). None given: the read models as they are now.
 */
export const ReadAsOfParams = z
  .object({
    asOf: InstantOrDay.optional().describe(
      'what we knew then: the read as of the last event recorded at or before this time (ISO time, or YYYY-MM-DD for the end of that day, UTC)',
    ),
    asOfPosition: z
      .string()
      .trim()
      .regex(/^\d{1,15}$/, { error: (issue) => `not a global position (a whole number): ${String(issue.input).slice(0, 40)}` })
      .transform(Number)
      .optional()
      .describe('the read as of this global position of the log (0: before the first event)'),
    occurredAsOf: InstantOrDay.optional().describe(
      'what was true then: only events whose business time (occurredAt) is at or before this time, however late they were recorded (ISO time or YYYY-MM-DD); may be combined with asOf or asOfPosition',
    ),
  })
  .refine((asOf) => asOf.asOf === undefined || asOf.asOfPosition === undefined, {
    path: ['asOfPosition'],
    error: 'give asOf or asOfPosition, not both',
  });

export type ReadAsOf = z.output<typeof ReadAsOfParams>;

export const READ_AS_OF_PARAMETER_NAMES = ['asOf', 'asOfPosition', 'occurredAsOf'] as const;

/** Splits raw parameters into the as-of ones and the read's own. */
export function takeAsOf(raw: Record<string, unknown>): { asOf: Record<string, unknown>; rest: Record<string, unknown> } {
  const asOf: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(raw)) {
    if ((READ_AS_OF_PARAMETER_NAMES as readonly string[]).includes(name)) asOf[name] = value;
    else rest[name] = value;
  }
  return { asOf, rest };
}

export const isAsOf = (asOf: ReadAsOf | undefined): asOf is ReadAsOf =>
  asOf !== undefined && (asOf.asOf !== undefined || asOf.asOfPosition !== undefined || asOf.occurredAsOf !== undefined);

/** An as-of the log cannot answer (a position past its head): HTTP 400 naming the parameter. */
export class ReadAsOfInvalid extends Error {
  constructor(
    readonly parameter: (typeof READ_AS_OF_PARAMETER_NAMES)[number],
    message: string,
  ) {
    super(`${parameter}: ${message}`);
  }
}

/** Where an as-of read cuts the log, and the day it takes as "today" (due dates, overdue counts). */
export interface ResolvedAsOf {
  cut: LogCut;
  /** Whether events before the position may be left out (a business-time cut): no longer a prefix of the log. */
  byBusinessTime: boolean;
  /** The latest day the answer may take as today (YYYY-MM-DD): the day of the cut. */
  day: string;
}

/**
 * Turns the parameters into a cut of the log: a recorded time becomes the position of the last event
 * recorded by then, so that every as-of answer names the position it stands on.
 */
export async function resolveAsOf(store: EventStore, asOf: ReadAsOf): Promise<ResolvedAsOf> {
  const head = await store.headPosition();
  let position = head;
  let day: string | undefined;
  if (asOf.asOfPosition !== undefined) {
    if (asOf.asOfPosition > head)
      throw new ReadAsOfInvalid('asOfPosition', `position ${asOf.asOfPosition} is past the log's head (${head})`);
    position = asOf.asOfPosition;
    if (position > 0) {
      const [event] = await store.readAll({ after: position - 1, maxCount: 1 });
      if (event) day = new Date(event.metadata.recordedAt).toISOString().slice(0, 10);
    }
  } else if (asOf.asOf !== undefined) {
    position = await positionRecordedBy(store, asOf.asOf);
    day = asOf.asOf.slice(0, 10);
  }
  if (asOf.occurredAsOf !== undefined) {
    const occurredDay = asOf.occurredAsOf.slice(0, 10);
    day = day === undefined || occurredDay < day ? occurredDay : day;
  }
  return {
    cut: { position, ...(asOf.occurredAsOf !== undefined ? { occurredUntil: asOf.occurredAsOf } : {}) },
    byBusinessTime: asOf.occurredAsOf !== undefined,
    day: day ?? '9999-12-31',
  };
}
