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

/** Everything an event says about itself, minus the hash that seals it. */
export interface HashableEvent {
  streamId: string;
  streamVersion: number;
  type: string;
  data: unknown;
  metadata: Omit<EventMetadata, 'hash'>;
}

export function eventHash(event: HashableEvent): string {
  const sealed = {
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
  };
  return digest('sha256', canonicalJson(sealed), 'hex');
}

export interface BrokenLink {
  streamId: string;
  streamVersion: number;
  globalPosition: number;
  reason: 'prevHash does not match the previous event' | 'hash does not match the event';
  expected: string;
  actual: string;
}

/**
 * Checks one stream's chain in version order and names the first broken link, or null when the
 * whole chain holds. Used by `audit verify` and by the contract suite.
 */
export function firstBrokenLink(
  events: Array<HashableEvent & { metadata: EventMetadata; globalPosition: number }>,
): BrokenLink | null {
  let previous = GENESIS_HASH;
  for (const event of events) {
    const { hash, ...rest } = event.metadata;
    const where = { streamId: event.streamId, streamVersion: event.streamVersion, globalPosition: event.globalPosition };
    if (rest.prevHash !== previous) {
      return { ...where, reason: 'prevHash does not match the previous event', expected: previous, actual: rest.prevHash };
    }
    const recomputed = eventHash({ ...event, metadata: rest });
    if (recomputed !== hash) {
      return { ...where, reason: 'hash does not match the event', expected: recomputed, actual: hash };
    }
    previous = hash;
  }
  return null;
}
