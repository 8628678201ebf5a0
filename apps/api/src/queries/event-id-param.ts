import { EVENT_ID_PATTERN } from '@dd/engine';
import { AUDIT_TRAIL_MAX_LIMIT } from '@dd/projections';
import { z } from 'zod';

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
