import { z } from 'zod';

/**
 * Whether a command may be told when it happened (business time, `occurredAt`) rather than taking the
 * engine clock's now. Every row of the command table says which, and why (docs/business-time.md).
 */
export type BusinessTimeRule =
  /** Records something that happened outside the engine (a request sent, an answer received, a risk assessed): it may be dated in the past. */
  | 'past-allowed'
  /** The engine's own act, or one whose time is when it is recorded (a seal, an import, closing a year, issuing a document): always now. */
  | 'now';

export interface BusinessTimeDeclaration {
  rule: BusinessTimeRule;
  why: string;
}

/**
 * How far ahead of the engine clock a stated business time may be and still be taken as now: the
 * sender's clock and ours differ by a little, never by minutes.
 */
export const CLOCK_SKEW_MS = 2 * 60_000;

/**
 * A stated business time: an ISO 8601 date-time with a time zone (Z or an offset), kept in UTC to the
 * millisecond as the log keeps its times. A bare date is refused: which hour of which zone it meant
 * is the sender's to say.
 */
export const StatedOccurredAt = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/, {
    error: 'expected an ISO 8601 date-time with a time zone, e.g. 2024-03-01T09:30:00Z',
    abort: true,
  })
  .refine(isRealDateTime, 'not a real date-time')
  .transform((value) => new Date(value).toISOString());

/**
 * A stated business time the engine will not take: the field is `occurredAt` (HTTP body) or
 * `--occurred-at` (CLI); the edges answer it as an invalid field (HTTP 400), not as a domain refusal.
 */
export class BusinessTimeRefused extends Error {
  override readonly name = 'BusinessTimeRefused';
  constructor(readonly reason: string) {
    super(reason);
  }
}

/**
 * Why a command may not take the business time its sender states, or undefined when it may: its row
 * must allow the past; the time must not lie ahead of the engine clock (beyond the skew); and when
 * the command's data dates it already (a response's receivedAt) the two must agree.
 */
export function statedBusinessTimeProblem(
  command: string,
  declaration: BusinessTimeDeclaration,
  stated: string,
  now: string,
  fromData?: string,
): string | undefined {
  if (declaration.rule !== 'past-allowed') return `${command} cannot be dated: ${declaration.why}`;
  if (Date.parse(stated) > Date.parse(now) + CLOCK_SKEW_MS) return `${stated} lies in the future (the engine's now is ${now})`;
  if (fromData !== undefined && Date.parse(fromData) !== Date.parse(stated)) {
    return `differs from the time the command's own data gives (${fromData}); give one of them`;
  }
  return undefined;
}

/** The stated time a command is decided at: never ahead of the engine's now (a sender's clock a little fast is taken as now). */
export function businessNow(stated: string, now: string): string {
  return Date.parse(stated) > Date.parse(now) ? now : stated;
}

/** Date.parse rolls 2024-02-30 over to March: the calendar fields are checked as written. */
function isRealDateTime(value: string): boolean {
  const [year, month, day, hour, minute, second = 0] = (value.match(/\d+/g) ?? []).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hour < 24 && minute < 60 && second < 60;
}
