import type { ExpectedVersion } from './event-envelope';
import { ExpectedVersionConflictError } from './errors';

/** Version of a stream that does not exist (0-based versions, as KurrentDB revisions). */
export const NO_STREAM_VERSION = -1;

/**
 * Throws ExpectedVersionConflictError unless a stream at `actual` satisfies `expected`.
 * Shared by every adapter so that the four kinds mean exactly the same thing everywhere.
 */
export function assertExpectedVersion(streamId: string, expected: ExpectedVersion | undefined, actual: number): void {
  if (!satisfiesExpectedVersion(expected, actual)) {
    throw new ExpectedVersionConflictError(streamId, expected ?? 'any', actual);
  }
}

export function satisfiesExpectedVersion(expected: ExpectedVersion | undefined, actual: number): boolean {
  switch (expected) {
    case undefined:
    case 'any':
      return true;
    case 'no_stream':
      return actual === NO_STREAM_VERSION;
    case 'stream_exists':
      return actual !== NO_STREAM_VERSION;
    default:
      return actual === expected;
  }
}
