import { Period } from '@dd/domain';
import { AUDIT_TRAIL_MAX_LIMIT } from '@dd/projections';
import { z } from 'zod';
import { EVENT_ID_PATTERN } from '../queries/event-evidence';

/** Parameters arrive as text (query strings, path segments, CLI options): numbers are coerced, then checked. */
export const PeriodParam = z.coerce.number().pipe(Period).describe('reporting year');

/** An event id as a client may write it (any case, stray spaces), as the log stores it (lower case). */
export const EventIdParam = z
  .string()
  .trim()
  .toLowerCase()
  .regex(EVENT_ID_PATTERN, { error: (issue) => `not an event id (a UUID): ${String(issue.input).slice(0, 80)}` });

/** `eventId=a&eventId=b`, `eventId=a,b`, or both: one list of ids, at most a page's worth. */
export const EventIdListParam = z
  .union([z.string(), z.array(z.string())])
  .transform((value) => (Array.isArray(value) ? value : [value]).flatMap((item) => item.split(',')))
  .pipe(z.array(EventIdParam).min(1).max(AUDIT_TRAIL_MAX_LIMIT));

/* Pieces the response schemas share. */

export const nullableString = z.string().nullable();
export const dateTime = z.string().describe('ISO date-time');
export const isoDate = z.string().describe('YYYY-MM-DD');
export const ratio = z.number().nullable().describe('fraction rounded to 4 decimals; null when nothing to divide by');
/** Who recorded something, when (business time), and the event that shows it. */
export const stamp = { at: dateTime, by: z.string(), eventId: z.string() };
