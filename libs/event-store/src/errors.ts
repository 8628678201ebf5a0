import type { ExpectedVersion } from './event-envelope';

/** The stream was not at the version the caller expected (HTTP 409). */
export class ExpectedVersionConflictError extends Error {
  override readonly name = 'ExpectedVersionConflictError';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super(`stream ${streamId} is at version ${actual === -1 ? 'no_stream' : actual}, expected ${String(expected)}`);
  }
}

/**
 * The store cannot find an event by its id alone: KurrentDB indexes events by stream and position,
 * not by id, and this adapter keeps no index of its own. Callers locate the event another way (its
 * stream and version) or answer "not implemented" (HTTP 501).
 */
export class EventLookupUnsupportedError extends Error {
  override readonly name = 'EventLookupUnsupportedError';
  constructor(readonly storeKind: string) {
    super(`the ${storeKind} event store cannot look an event up by its id`);
  }
}

/**
 * The commandId (idempotency key) was recorded before for a different command or body: answering with
 * the first command's result would silently drop this one, so nothing is appended and the caller is told
 * (HTTP 422 idempotency-key-reused).
 */
export class IdempotencyKeyReusedError extends Error {
  override readonly name = 'IdempotencyKeyReusedError';
  constructor(
    readonly commandId: string,
    /** The stream the first command with this commandId appended to. */
    readonly streamId: string,
  ) {
    super(`commandId ${commandId} was used before for a different command; nothing was appended`);
  }
}
