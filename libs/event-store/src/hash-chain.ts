import { hash as digest } from 'node:crypto';
import type { EventMetadata } from './event-envelope';

/** prevHash of the first event of every stream. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * JSON with object keys sorted at every level, so the same event always hashes the same whatever
 * order its properties were built in, and whichever store returns it.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    // undefined inside arrays is written as null by JSON.stringify; keep that behaviour.
    return JSON.stringify(value === undefined ? null : value);
  }
  // Dates and other toJSON-bearing values are hashed as JSON.stringify would store them, so a
  // payload read back from any store hashes the same as when it was appended.
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return canonicalJson((value as { toJSON: () => unknown }).toJSON());
  }
  // Plain loops rather than map/filter/join: this runs for every appended event (the hot path).
  if (Array.isArray(value)) {
    let json = '[';
    for (let index = 0; index < value.length; index++) {
      if (index > 0) json += ',';
      json += canonicalJson(value[index]);
    }
    return `${json}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  // Payloads often arrive with their keys already in order; sort only when they are not.
  for (let index = 1; index < keys.length; index++) {
    if (keys[index - 1] > keys[index]) {
      keys.sort();
      break;
    }
  }
  let json = '{';
  for (const key of keys) {
    const item = record[key];
    if (item === undefined) continue;
    if (json.length > 1) json += ',';
    json += quotedKey(key) + canonicalJson(item);
  }
  return `${json}}`;
}

/**
 * Events of one type repeat the same few keys; quoting each once saves an allocation per key per
 * event. Bounded, so payloads keyed by ids cannot grow it without limit.
 */
const quotedKeys = new Map<string, string>();
const MAX_QUOTED_KEYS = 10_000;

function quotedKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = `${JSON.stringify(key)}:`;
    if (quotedKeys.size < MAX_QUOTED_KEYS) quotedKeys.set(key, quoted);
  }
  return quoted;
}

/**
 * Everything an event says about itself, minus the hash that seals it. globalPosition is needed for
 * log-chained events only (see eventHash).
 */
export interface HashableEvent {
  streamId: string;
  streamVersion: number;
  globalPosition?: number;
  type: string;
  data: unknown;
  metadata: Omit<EventMetadata, 'hash'>;
}

/**
 * The two event formats a log may hold, oldest first:
 * - 'stream-chained': the hash covers the event and the previous hash of its stream. A log of these
 *   proves each stream's history, but not the order of the log or that its newest events are all there.
 *   Logs written before the log-wide chain hold these, and KurrentDB writes them still: with no single
 *   writer it cannot know the previous event of the whole log when it appends.
 * - 'log-chained': metadata.logPrevHash links to the previous event of the whole log, and the hash also
 *   covers the event's global position. sqlite and memory write these: one writer, gap-free positions.
 * Within a log and within a stream, a log-chained event is never followed by a stream-chained one.
 */
export type ChainFormat = 'stream-chained' | 'log-chained';

export function chainFormat(metadata: Pick<EventMetadata, 'logPrevHash'>): ChainFormat {
  return metadata.logPrevHash === undefined ? 'stream-chained' : 'log-chained';
}

export function eventHash(event: HashableEvent): string {
  if (event.metadata.logPrevHash === undefined) {
    return digest(
      'sha256',
      canonicalJson({
        streamId: event.streamId,
        streamVersion: event.streamVersion,
        type: event.type,
        data: event.data,
        metadata: event.metadata,
      }),
      'hex',
    );
  }
  if (typeof event.globalPosition !== 'number') {
    throw new TypeError(`the hash of a log-chained event covers its global position: ${event.streamId}@${event.streamVersion} has none`);
  }
  return digest(
    'sha256',
    canonicalJson({
      streamId: event.streamId,
      streamVersion: event.streamVersion,
      globalPosition: event.globalPosition,
      type: event.type,
      data: event.data,
      metadata: event.metadata,
    }),
    'hex',
  );
}

/** Why a link does not hold. The first two are the per-stream checks every format gets. */
export type BrokenLinkReason =
  | 'prevHash does not match the previous event'
  | 'hash does not match the event'
  | 'stream version out of sequence'
  | 'a stream-chained event follows a log-chained one'
  | 'logPrevHash does not match the previous event of the log'
  | 'global position out of sequence'
  | 'recorded_at column differs from the hashed recordedAt'
  | "the store's record of the stream differs from its last event"
  | "the store's record of the log head differs from its last event"
  | 'the log ends before the sealed head'
  | 'the event at the sealed head differs from the sealed one'
  | 'the log up to the sealed head differs from the sealed one';

export interface BrokenLink {
  streamId: string;
  streamVersion: number;
  globalPosition: number;
  reason: BrokenLinkReason;
  expected: string;
  actual: string;
}

type StoredEvent = HashableEvent & { metadata: EventMetadata; globalPosition: number };

/**
 * Checks one stream's chain in version order, in either format, and names the first broken link, or
 * null when the whole chain holds: versions from 0 without a gap, each prevHash the hash of the event
 * before, each hash recomputed (log-chained events: with their global position), and no stream-chained
 * event after a log-chained one. The links between streams (logPrevHash) need the whole log: verifyLog.
 */
export function firstBrokenLink(events: StoredEvent[]): BrokenLink | null {
  let previous = GENESIS_HASH;
  let logChained = false;
  for (let index = 0; index < events.length; index++) {
    const event = events[index];
    const broken = brokenLinkInStream(event, index, previous, logChained);
    if (broken) return broken;
    previous = event.metadata.hash;
    logChained = event.metadata.logPrevHash !== undefined;
  }
  return null;
}

/**
 * One event's place in its stream: the version it should have, the hash it should chain to, the
 * format it may have, and its own hash. Shared by firstBrokenLink and verifyLog.
 */
export function brokenLinkInStream(
  event: StoredEvent,
  expectedVersion: number,
  expectedPrevHash: string,
  afterLogChained: boolean,
): BrokenLink | null {
  const { hash, ...rest } = event.metadata;
  const where = { streamId: event.streamId, streamVersion: event.streamVersion, globalPosition: event.globalPosition };
  // A missing event shows first as a link to the wrong hash, as it always has.
  if (rest.prevHash !== expectedPrevHash) {
    return { ...where, reason: 'prevHash does not match the previous event', expected: expectedPrevHash, actual: rest.prevHash };
  }
  if (event.streamVersion !== expectedVersion) {
    return {
      ...where,
      reason: 'stream version out of sequence',
      expected: `version ${expectedVersion}`,
      actual: `version ${event.streamVersion}`,
    };
  }
  if (afterLogChained && rest.logPrevHash === undefined) {
    return {
      ...where,
      reason: 'a stream-chained event follows a log-chained one',
      expected: 'logPrevHash (log-chained)',
      actual: 'none (stream-chained)',
    };
  }
  const recomputed = eventHash({ ...event, metadata: rest });
  if (recomputed !== hash) {
    return { ...where, reason: 'hash does not match the event', expected: recomputed, actual: hash };
  }
  return null;
}
