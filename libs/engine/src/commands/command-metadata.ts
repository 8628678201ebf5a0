import type { ExpectedVersion } from '@dd/event-store';

/** Who sends a command and how: never part of the command's own (validated) body. */
export interface CommandMetadata {
  /** Idempotency key: the same commandId appends nothing the second time. */
  commandId: string;
  /** Authenticated principal; "local" when the API runs without keys on loopback. */
  actor: string;
  /** From If-Match: the stream version the sender saw. */
  expectedVersion?: ExpectedVersion;
  correlationId?: string;
  causationId?: string;
  /**
   * The business time of the event that caused the command (a process manager's): its events happen
   * when their cause happened, whenever the process manager gets to it.
   */
  causedAt?: string;
  /**
   * The business time its sender states (validated, UTC ISO): the command records history, e.g. a
   * response received last year keyed in today. Only rows whose businessTime is 'past-allowed' take it;
   * the decider decides as of then (deadlines, overdue) and the events carry it as occurredAt.
   */
  occurredAt?: string;
}

/** What a command returns to its sender (HTTP 201 body). */
export interface CommandResult {
  streamId: string;
  /** Version of the stream after the command (-1 if the stream still has no events). */
  streamVersion: number;
  /** Global position of the last appended event (null when the command appended nothing). */
  globalPosition: number | null;
  eventIds: string[];
  /** True when this commandId had been executed before; nothing new was appended. */
  duplicate: boolean;
}
