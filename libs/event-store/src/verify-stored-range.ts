import { hash as digest } from 'node:crypto';
import type { EventMetadata } from './event-envelope';
import { eventHash, GENESIS_HASH } from './hash-chain';
import type { StoredEventRow } from './stored-log';

/**
 * A JSON string as JSON.stringify writes it (the only escapes it makes), so the template below matches
 * exactly the metadata the store writes and nothing that could be read two ways. Written as runs of
 * plain characters between escapes (the same strings as "(plain | escape)*"), which the regular
 * expression engine matches without trying an alternative per character.
 */
const JSON_STRING = String.raw`"[^"\\\u0000-\u001f]*(?:\\(?:["\\bfnrt]|u[0-9a-f]{4})[^"\\\u0000-\u001f]*)*"`;
const HEX64 = '"([0-9a-f]{64})"';
/**
 * The stored metadata of both event formats: canonical JSON (keys sorted) of everything but the hash,
 * with the hash appended last (seal-events.ts; logs of schema 1 were written the same way). What it
 * matches splits the hashed text in exactly one way: its strings cannot hold the text that separates
 * the metadata from the payload or from what follows, so the stored payload and metadata are, byte for
 * byte, the ones that were hashed whenever their hash holds, and neither needs decoding.
 * Groups: 1 logPrevHash (absent on stream-chained events), 2 prevHash, 3 recordedAt (JSON), 4 hash.
 */
const STORED_METADATA = new RegExp(
  `^\\{"actor":${JSON_STRING},"causationId":(?:null|${JSON_STRING}),"commandId":${JSON_STRING},"correlationId":${JSON_STRING},` +
    `"eventId":${JSON_STRING},(?:"logPrevHash":${HEX64},)?"occurredAt":${JSON_STRING},"prevHash":${HEX64},` +
    `"recordedAt":(${JSON_STRING}),"schemaVersion":(?:0|[1-9][0-9]{0,8}),"hash":${HEX64}\\}$`,
);
/** `,"hash":"<64 hex>"}`: what follows the hashed metadata in the stored text. */
const HASH_SUFFIX_LENGTH = 75;

/** What the walk needs of one event's metadata. */
export interface Links {
  prevHash: string;
  logPrevHash: string | undefined;
  hash: string;
  recordedAt: string;
}

/** An event's links as it claims them, and whether its hash covers what is stored. */
export type ReadLinks = { links: Links; holds: true } | { links: Links | null; holds: false; recomputed: string | null };

/**
 * The stored form is hashed as it is; anything else (or a stored form whose hash fails) is decoded and
 * hashed the way eventHash always did, so the verdict on every event is the one the decoding walk gives.
 */
export function readLinks(row: StoredEventRow): ReadLinks {
  const match = STORED_METADATA.exec(row.metadata);
  if (match !== null) {
    const [, logPrevHash, prevHash, recordedAtJson, hash] = match;
    if (storedTextDigest(row, logPrevHash !== undefined) === hash) {
      // ISO times need no escapes; anything else is read as JSON.
      const recordedAt = recordedAtJson.includes('\\') ? (JSON.parse(recordedAtJson) as string) : recordedAtJson.slice(1, -1);
      return { links: { prevHash, logPrevHash, hash, recordedAt }, holds: true };
    }
  }
  return decodedLinks(row);
}

/**
 * The bytes an event of the stored form was hashed over are assembled here, used again for every event,
 * instead of in one concatenated string: hashing a string makes V8 flatten it (a copy of the whole text
 * on the heap, garbage an event later) and Node encode it again into memory of its own. Writing each
 * piece as UTF-8 is the encoding hashing the string applies, so the bytes are the same. An event too
 * big for it gets memory of its own, so this never grows.
 */
const scratch = Buffer.allocUnsafe(1 << 16);

/**
 * SHA-256 (hex) of the text an event whose metadata matches STORED_METADATA was hashed over, rebuilt
 * from its stored text: `{"data":<data>,["globalPosition":n,]"metadata":<metadata minus the hash>},
 * "streamId":…,"streamVersion":…,"type":…}` (canonical JSON, keys sorted, as eventHash writes it).
 */
export function storedTextDigest(row: StoredEventRow, logChained: boolean): string {
  const { data, metadata } = row;
  const tail = `},"streamId":${JSON.stringify(row.streamId)},"streamVersion":${row.streamVersion},"type":${JSON.stringify(row.type)}}`;
  // A UTF-16 unit takes at most 3 bytes of UTF-8; the rest is short ASCII.
  const bound = 3 * (data.length + metadata.length + tail.length) + 64;
  const text = bound <= scratch.length ? scratch : Buffer.allocUnsafe(bound);
  let at = text.write('{"data":', 0, 'latin1');
  at += text.write(data, at, 'utf8');
  at += text.write(logChained ? `,"globalPosition":${row.globalPosition},"metadata":` : ',"metadata":', at, 'latin1');
  // The metadata ends in its hash suffix, ASCII that STORED_METADATA matched: its last bytes are dropped.
  at += text.write(metadata, at, 'utf8') - HASH_SUFFIX_LENGTH;
  at += text.write(tail, at, 'utf8');
  return digest('sha256', text.subarray(0, at), 'hex');
}

/** The links of an event whose hash covers what is stored, else null. */
export function linksOf(row: StoredEventRow): Links | null {
  const read = readLinks(row);
  return read.holds ? read.links : null;
}

function decodedLinks(row: StoredEventRow): ReadLinks {
  const unreadable = { links: null, holds: false as const, recomputed: null };
  let metadata: EventMetadata;
  let data: unknown;
  try {
    metadata = JSON.parse(row.metadata) as EventMetadata;
    data = JSON.parse(row.data);
  } catch {
    return unreadable;
  }
  if (metadata === null || typeof metadata !== 'object' || typeof metadata.hash !== 'string' || typeof metadata.prevHash !== 'string')
    return unreadable;
  const { hash, ...rest } = metadata;
  const links = { prevHash: metadata.prevHash, logPrevHash: metadata.logPrevHash, hash, recordedAt: metadata.recordedAt };
  let recomputed: string;
  try {
    recomputed = eventHash({
      streamId: row.streamId,
      streamVersion: row.streamVersion,
      globalPosition: row.globalPosition,
      type: row.type,
      data,
      metadata: rest,
    });
  } catch {
    return { links, holds: false, recomputed: null };
  }
  return recomputed === hash ? { links, holds: true } : { links, holds: false, recomputed };
}

/** Lanes of a stream-link sum (see StreamLinks). */
export type LinkSum = number[];

/**
 * Two sums over the group of 8 × 32-bit lanes: one of every link an event offers (its own stream,
 * version and hash), one of every link taken (a successor's prevHash, a stream record's last hash).
 * Each link enters as a SHA-256 digest salted per run, so no edit made in advance can make unequal
 * multisets sum alike. Sums made over parts of the log (ranges, workers) with the same salt add up to
 * the sum over the whole.
 */
export class StreamLinks {
  private readonly offered = new Uint32Array(8);
  private readonly taken = new Uint32Array(8);

  constructor(private readonly salt: string) {}

  produced(streamId: string, version: number, hash: string): void {
    this.add(this.offered, streamId, version, hash);
  }

  consumed(streamId: string, version: number, hash: string): void {
    this.add(this.taken, streamId, version, hash);
  }

  /** Adds the sums of another part of the log, made with the same salt. */
  include(part: { offered: LinkSum; taken: LinkSum }): void {
    for (let lane = 0; lane < 8; lane++) {
      this.offered[lane] = (this.offered[lane] + part.offered[lane]) >>> 0;
      this.taken[lane] = (this.taken[lane] + part.taken[lane]) >>> 0;
    }
  }

  sums(): { offered: LinkSum; taken: LinkSum } {
    return { offered: [...this.offered], taken: [...this.taken] };
  }

  balanced(): boolean {
    return this.offered.every((lane, index) => lane === this.taken[index]);
  }

  private add(sum: Uint32Array, streamId: string, version: number, hash: string): void {
    // The stream id comes last: the version (digits) and the hash (64 hex) before it cannot run into it.
    // 'binary' (one char per byte) is read without allocating a Buffer per link, three times cheaper.
    const link = digest('sha256', `${this.salt}\n${version}\n${hash}\n${streamId}`, 'binary');
    for (let lane = 0, at = 0; lane < 8; lane++, at += 4) {
      const word = link.charCodeAt(at) | (link.charCodeAt(at + 1) << 8) | (link.charCodeAt(at + 2) << 16) | (link.charCodeAt(at + 3) << 24);
      sum[lane] = (sum[lane] + word) >>> 0;
    }
  }
}

/** The last event of a range, as the answer names the log's head. */
export interface RangeEnd {
  globalPosition: number;
  hash: string;
  recordedAt: string;
  streamId: string;
  streamVersion: number;
}

/**
 * What one range of positions (after, until] proves on its own, and what the ranges around it must
 * agree with: the log links across its borders, the stream links (summed), the formats' order.
 */
export interface RangeSummary {
  after: number;
  until: number;
  events: number;
  /** Events at version 0: streams begun in the range. */
  streams: number;
  streamChained: number;
  logChained: number;
  firstLogChained: number | null;
  /** The first event's logPrevHash, undefined when it is stream-chained (or the range is empty). */
  firstLogPrevHash: string | undefined;
  /** Whether the last event is log-chained (no stream-chained event may follow it in the next range). */
  lastLogChained: boolean;
  last: RangeEnd | null;
  offered: LinkSum;
  taken: LinkSum;
}

/**
 * One range of the stored log, (after, until], in global order: everything the stored pass checks
 * that needs no more than the previous event of the range. Positions gap-free and ending at `until`;
 * logPrevHash the previous event's hash within the range; no stream-chained event after a log-chained
 * one within it; each hash over the stored text; recorded_at against the hashed recordedAt; version 0
 * linking to the genesis hash; each stream link summed. `onEvent` receives every event's position and
 * hash in order (for the log digest). Null when anything does not hold: the caller then walks the log
 * with the exact rules to name the break. The first event's logPrevHash and the last event's format
 * are returned for the caller to hold against the neighbouring ranges.
 */
export function verifyStoredRange(
  rows: Iterable<StoredEventRow>,
  range: { after: number; until: number },
  salt: string,
  onEvent: (globalPosition: number, hash: string) => void,
): RangeSummary | null {
  const links = new StreamLinks(salt);
  const summary: RangeSummary = {
    after: range.after,
    until: range.until,
    events: 0,
    streams: 0,
    streamChained: 0,
    logChained: 0,
    firstLogChained: null,
    firstLogPrevHash: undefined,
    lastLogChained: false,
    last: null,
    offered: [],
    taken: [],
  };
  let previousPosition = range.after;
  let previousHash: string | null = null;
  let previousLogChained = false;
  let last: StoredEventRow | null = null;
  let lastLinks: Links | null = null;
  for (const row of rows) {
    if (row.globalPosition !== previousPosition + 1 || row.globalPosition > range.until) return null;
    const found = linksOf(row);
    if (found === null) return null;
    if (found.logPrevHash !== undefined) {
      // The first event's link to the range before is the caller's to check.
      if (previousHash !== null && found.logPrevHash !== previousHash) return null;
      summary.logChained++;
      summary.firstLogChained ??= row.globalPosition;
    } else {
      if (previousLogChained) return null;
      summary.streamChained++;
    }
    if (previousHash === null) summary.firstLogPrevHash = found.logPrevHash;
    if (row.recordedAt !== found.recordedAt) return null;
    // The link an event offers is summed one event late: when the next event is its stream's next
    // version and takes exactly that link, the same element would enter both sums, which leaves their
    // comparison as it is, so neither is digested (an append of several events to one stream writes
    // them side by side).
    const takesOffered =
      last !== null && row.streamId === last.streamId && row.streamVersion === last.streamVersion + 1 && found.prevHash === lastLinks!.hash;
    if (row.streamVersion === 0) {
      if (found.prevHash !== GENESIS_HASH) return null;
      summary.streams++;
    } else if (!takesOffered) {
      links.consumed(row.streamId, row.streamVersion - 1, found.prevHash);
    }
    if (last !== null && !takesOffered) links.produced(last.streamId, last.streamVersion, lastLinks!.hash);
    summary.events++;
    onEvent(row.globalPosition, found.hash);
    previousPosition = row.globalPosition;
    previousHash = found.hash;
    previousLogChained = found.logPrevHash !== undefined;
    last = row;
    lastLinks = found;
  }
  if (previousPosition !== range.until) return null;
  summary.lastLogChained = previousLogChained;
  if (last && lastLinks) {
    links.produced(last.streamId, last.streamVersion, lastLinks.hash);
    summary.last = {
      globalPosition: last.globalPosition,
      hash: lastLinks.hash,
      recordedAt: lastLinks.recordedAt,
      streamId: last.streamId,
      streamVersion: last.streamVersion,
    };
  }
  Object.assign(summary, links.sums());
  return summary;
}
