import type { EventStore } from './event-store.port';
import { eventHash, GENESIS_HASH, type BrokenLink } from './hash-chain';

export interface LogVerification {
  events: number;
  streams: number;
  /** The first broken link in global order, or null when every stream's chain holds. */
  firstBrokenLink: BrokenLink | null;
}

/**
 * Recomputes every stream's hash chain over the whole log, page by page in global order, keeping
 * only the last hash of each stream in memory. Answers `audit verify`.
 */
export async function verifyLog(store: EventStore, pageSize = 5000): Promise<LogVerification> {
  const lastHash = new Map<string, { hash: string; version: number }>();
  let after = 0;
  let events = 0;
  for (;;) {
    const page = await store.readAll({ after, maxCount: pageSize });
    if (page.length === 0) break;
    for (const event of page) {
      events++;
      const previous = lastHash.get(event.streamId);
      const where = { streamId: event.streamId, streamVersion: event.streamVersion, globalPosition: event.globalPosition };
      const expectedVersion = previous ? previous.version + 1 : 0;
      const expectedPrev = previous?.hash ?? GENESIS_HASH;
      const { hash, ...rest } = event.metadata;
      if (event.streamVersion !== expectedVersion || rest.prevHash !== expectedPrev) {
        return {
          events,
          streams: lastHash.size,
          firstBrokenLink: { ...where, reason: 'prevHash does not match the previous event', expected: expectedPrev, actual: rest.prevHash },
        };
      }
      const recomputed = eventHash({ streamId: event.streamId, streamVersion: event.streamVersion, type: event.type, data: event.data, metadata: rest });
      if (recomputed !== hash) {
        return { events, streams: lastHash.size, firstBrokenLink: { ...where, reason: 'hash does not match the event', expected: recomputed, actual: hash } };
      }
      lastHash.set(event.streamId, { hash, version: event.streamVersion });
    }
    after = page[page.length - 1].globalPosition;
  }
  return { events, streams: lastHash.size, firstBrokenLink: null };
}
