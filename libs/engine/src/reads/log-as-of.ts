import type { EventStore, ReadAllOptions, ReadStreamOptions, RecordedEvent, Subscription } from '@dd/event-store';

/**
 * Where an "as of" answer cuts the log: every event up to a global position and, given a business
 * time, only those whose occurredAt is not later (a past business time can be recorded late, so that
 * cut is not a prefix of the log).
 */
export interface LogCut {
  /** The last global position taken (0: nothing). */
  position: number;
  /** ISO instant (normalised, UTC): only events that occurred at or before it. */
  occurredUntil?: string;
}

/** Pages read while looking for events within a cut; as the replays read. */
const PAGE_SIZE = 1_000;

const occurredBy = (event: RecordedEvent, until: string | undefined) =>
  until === undefined || new Date(event.metadata.occurredAt).toISOString() <= until;

/** Whether an event lies within the cut. */
export function withinCut(event: RecordedEvent, cut: LogCut): boolean {
  return event.globalPosition <= cut.position && occurredBy(event, cut.occurredUntil);
}

/**
 * The log as it stood at the cut, for reads that take payloads from the log itself (an event's
 * evidence, the roll-forward): events past the cut do not exist in it. It only reads; writing through
 * it is a programming error.
 */
export function logAsOf(store: EventStore, cut: LogCut): EventStore {
  const readOnly = (what: string) => new Error(`the log as of position ${cut.position} is read-only (${what})`);
  const refuse = (what: string) => async () => {
    throw readOnly(what);
  };
  const readStream = async (streamId: string, options: ReadStreamOptions = {}) => {
    const events = await store.readStream(streamId, { fromVersion: options.fromVersion });
    const within = events.filter((event) => withinCut(event, cut));
    return options.maxCount === undefined ? within : within.slice(0, Math.max(0, options.maxCount));
  };
  return {
    kind: store.kind,
    appendToStream: refuse('append'),
    subscribe: (): Subscription => {
      throw readOnly('subscribe');
    },
    findCommand: refuse('findCommand'),
    readStream,
    async streamVersion(streamId) {
      const events = await readStream(streamId);
      return events.length === 0 ? -1 : events[events.length - 1].streamVersion;
    },
    async readEvent(eventId) {
      const event = await store.readEvent(eventId);
      return event && withinCut(event, cut) ? event : null;
    },
    async readAll(options: ReadAllOptions = {}) {
      const maxCount = options.maxCount ?? Number.POSITIVE_INFINITY;
      const selected: RecordedEvent[] = [];
      let after = options.after ?? 0;
      while (selected.length < maxCount && after < cut.position) {
        const page = await store.readAll({ after, maxCount: PAGE_SIZE, recordedUntil: options.recordedUntil });
        if (page.length === 0) break;
        after = page[page.length - 1].globalPosition;
        for (const event of page) {
          if (selected.length < maxCount && withinCut(event, cut)) selected.push(event);
        }
      }
      return selected;
    },
    async headPosition() {
      return Math.min(cut.position, await store.headPosition());
    },
    // The caller owns the store it wrapped.
    close: async () => undefined,
  };
}

/**
 * The position of the last event recorded at or before a time ("what did we know then"), 0 when
 * none was. recordedAt is stamped by the store when it appends, one append after the other, so it
 * grows with the position and a binary search over positions finds the cut in about log2(head)
 * one-event reads, on any store, with no index.
 */
export async function positionRecordedBy(store: EventStore, recordedUntil: string): Promise<number> {
  const head = await store.headPosition();
  if (head === 0) return 0;
  const firstAfter = async (position: number): Promise<RecordedEvent | null> => {
    const [event] = await store.readAll({ after: position, maxCount: 1 });
    return event ?? null;
  };
  // Invariant: the event at or before `known` was recorded by the time; none after `beyond` was.
  let known = 0;
  let beyond = head;
  const last = await firstAfter(head - 1);
  if (last && new Date(last.metadata.recordedAt).toISOString() <= recordedUntil) return last.globalPosition;
  while (known < beyond) {
    const middle = Math.floor((known + beyond) / 2);
    // The first event after `middle` (positions may have gaps on some stores).
    const event = await firstAfter(middle);
    if (!event || event.globalPosition > beyond) {
      beyond = middle;
      continue;
    }
    if (new Date(event.metadata.recordedAt).toISOString() <= recordedUntil) known = event.globalPosition;
    else beyond = event.globalPosition - 1;
  }
  return known;
}
