import type { RecordedEvent } from './event-envelope';
import type { EventStore } from './event-store.port';
import { firstBrokenLink, type BrokenLink } from './hash-chain';

/** Whether one event can be trusted: its stream's chain, from the first event up to it, holds. */
export type StreamVerification =
  { status: 'intact'; checkedEvents: number } | { status: 'broken'; checkedEvents: number; firstBrokenLink: BrokenLink };

/**
 * Recomputes the hash chain of the event's stream from its first event up to and including this
 * one, as `audit verify` does for the whole log. The one place the evidence endpoint and
 * `audit event` verify an event, so a change to what the chain covers changes only this function.
 */
export async function verifyStreamUpTo(store: EventStore, event: RecordedEvent): Promise<StreamVerification> {
  // Reading by count, a stream with a version missing would reach past the event: keep to its prefix.
  const events = (await store.readStream(event.streamId, { maxCount: event.streamVersion + 1 })).filter(
    (recorded) => recorded.streamVersion <= event.streamVersion,
  );
  const broken = firstBrokenLink(events);
  return broken
    ? { status: 'broken', checkedEvents: events.length, firstBrokenLink: broken }
    : { status: 'intact', checkedEvents: events.length };
}
