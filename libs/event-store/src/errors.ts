import type { ExpectedVersion } from './event-envelope';

/** The stream was not at the version the caller expected (HTTP 409). */
export class ExpectedVersionConflictError extends Error {
  override readonly name = 'ExpectedVersionConflictError';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actual: number,
  ) {
    super(
      `stream ${streamId} is at version ${actual === -1 ? 'no_stream' : actual}, expected ${String(expected)}`,
    );
  }
}
