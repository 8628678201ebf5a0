import { hash as digest, randomBytes } from 'node:crypto';
import type { EventMetadata } from './event-envelope';
import type { EventStore } from './event-store.port';
import { eventHash, GENESIS_HASH, type BrokenLinkReason } from './hash-chain';
import type { StoredEventRow, StoredLogSnapshot } from './stored-log';
import { nextLogDigest, type LogVerification, type SealedHead } from './verify-log';

/**
 * A JSON string as JSON.stringify writes it (the only escapes it makes), so the template below matches
 * exactly the metadata the store writes and nothing that could be read two ways.
 */
const JSON_STRING = String.raw`"(?:[^"\\\u0000-\u001f]|\\["\\bfnrt]|\\u[0-9a-f]{4})*"`;
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
interface Links {
  prevHash: string;
  logPrevHash: string | undefined;
  hash: string;
  recordedAt: string;
}

/**
 * `audit verify` over the stored text (stores that offer storedLog(): sqlite). One pass in global
 * order, hashing each event's stored payload and metadata as they are (never decoding the payload),
 * with memory bounded by one page whatever the number of streams. It checks everything verifyLog's walk
 * does, and answers only "intact": on anything else it returns null and verifyLog walks the log again
 * with its exact, per-stream rules to name the first broken place.
 *
 * Checked per event, in order: positions gap-free from 1; logPrevHash is the previous event's hash, and
 * no stream-chained event after a log-chained one; the hash over the stored text (an event whose
 * metadata is not in the stored form, or whose stored text does not hash, is decoded and hashed as
 * eventHash would, so a payload stored in another key order still verifies as it always did); a
 * stream's version 0 links to the genesis hash; the recorded_at copy equals the hashed recordedAt; the
 * sealed head and digest. Instead of a map of every stream, each stream link is checked as a whole:
 * the multiset of (stream, version, hash) of every event must equal that of (stream, version - 1,
 * prevHash) of every event after a stream's first plus the store's (stream, version, last hash)
 * records. Summed as salted SHA-256 digests (salt drawn per run), they agree only if every stream's
 * versions follow each other, each prevHash is its predecessor's hash and each record names its
 * stream's last event. That a predecessor also comes earlier in the log follows from the log chain for
 * log-chained events (the predecessor's hash would have to cover the later event's hash it is covered
 * by); for stream-chained ones the store's index answers it (firstEventBeforeItsPredecessor).
 */
export async function verifyStoredLog(
  store: EventStore,
  snapshot: StoredLogSnapshot,
  options: { pageSize: number; seal?: SealedHead },
): Promise<LogVerification | null> {
  const { seal } = options;
  const salt = randomBytes(16).toString('hex');
  const links = new StreamLinks(salt);
  const result: LogVerification = {
    store: store.kind,
    events: 0,
    streams: 0,
    head: null,
    logDigest: GENESIS_HASH,
    formats: { streamChained: 0, logChained: 0, firstLogChained: null },
    bookkeepingChecked: true,
    firstBrokenLink: null,
    ...(seal ? { seal: { position: seal.position, reached: seal.position === 0, matches: false } } : {}),
  };
  if (seal && seal.position === 0) {
    if (seal.hash !== GENESIS_HASH || seal.logDigest !== GENESIS_HASH) return null;
    result.seal!.matches = true;
  }
  let previousPosition = 0;
  let previousHash = GENESIS_HASH;
  let previousLogChained = false;
  let last: StoredEventRow | null = null;
  let lastLinks: Links | null = null;

  // One row at a time: the stored text of an event dies young instead of filling the old generation.
  let sinceYield = 0;
  for (const row of snapshot.rows(0)) {
    if (row.globalPosition !== previousPosition + 1) return null;
    const found = linksOf(row);
    if (found === null) return null;
    if (found.logPrevHash !== undefined) {
      if (found.logPrevHash !== previousHash) return null;
      result.formats.logChained++;
      result.formats.firstLogChained ??= row.globalPosition;
    } else {
      if (previousLogChained) return null;
      result.formats.streamChained++;
    }
    if (row.recordedAt !== found.recordedAt) return null;
    if (row.streamVersion === 0) {
      if (found.prevHash !== GENESIS_HASH) return null;
      result.streams++;
    } else {
      links.consumed(row.streamId, row.streamVersion - 1, found.prevHash);
    }
    links.produced(row.streamId, row.streamVersion, found.hash);
    result.events++;
    result.logDigest = nextLogDigest(result.logDigest, row.globalPosition, found.hash);
    if (seal && !result.seal!.reached && row.globalPosition >= seal.position) {
      if (row.globalPosition !== seal.position || found.hash !== seal.hash || result.logDigest !== seal.logDigest) return null;
      result.seal!.reached = true;
      result.seal!.matches = true;
    }
    previousPosition = row.globalPosition;
    previousHash = found.hash;
    previousLogChained = found.logPrevHash !== undefined;
    last = row;
    lastLinks = found;
    // A long verification (the scheduled seal runs one) leaves the event loop to others now and then.
    if (snapshot.mayYield && ++sinceYield === options.pageSize) {
      sinceYield = 0;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  if (seal && !result.seal!.reached) return null;
  if (snapshot.position !== previousPosition) return null;
  const head = snapshot.logHead;
  if (head && (head.position !== previousPosition || head.hash !== previousHash)) return null;
  for (const record of snapshot.streamRecords()) links.consumed(record.streamId, record.version, record.lastHash);
  if (!links.balanced()) return null;
  if (result.formats.streamChained > 0) {
    const before = result.formats.firstLogChained ?? previousPosition + 1;
    if (snapshot.firstEventBeforeItsPredecessor(before) !== null) return null;
  }
  if (last && lastLinks) {
    result.head = {
      globalPosition: last.globalPosition,
      hash: lastLinks.hash,
      recordedAt: lastLinks.recordedAt,
      streamId: last.streamId,
      streamVersion: last.streamVersion,
    };
  }
  return result;
}

/** An event's links as it claims them, and whether its hash covers what is stored. */
type ReadLinks = { links: Links; holds: true } | { links: Links | null; holds: false; recomputed: string | null };

/**
 * The stored form is hashed as it is; anything else (or a stored form whose hash fails) is decoded and
 * hashed the way eventHash always did, so the verdict on every event is the one the decoding walk gives.
 */
function readLinks(row: StoredEventRow): ReadLinks {
  const match = STORED_METADATA.exec(row.metadata);
  if (match !== null) {
    const [, logPrevHash, prevHash, recordedAtJson, hash] = match;
    const metadata = row.metadata;
    const hashed =
      `{"data":${row.data},` +
      (logPrevHash === undefined ? '' : `"globalPosition":${row.globalPosition},`) +
      `"metadata":${metadata.slice(0, metadata.length - HASH_SUFFIX_LENGTH)}},"streamId":${JSON.stringify(row.streamId)},` +
      `"streamVersion":${row.streamVersion},"type":${JSON.stringify(row.type)}}`;
    if (digest('sha256', hashed, 'hex') === hash) {
      // ISO times need no escapes; anything else is read as JSON.
      const recordedAt = recordedAtJson.includes('\\') ? (JSON.parse(recordedAtJson) as string) : recordedAtJson.slice(1, -1);
      return { links: { prevHash, logPrevHash, hash, recordedAt }, holds: true };
    }
  }
  return decodedLinks(row);
}

/** The links of an event whose hash covers what is stored, else null. */
function linksOf(row: StoredEventRow): Links | null {
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

/**
 * Two sums over the group of 8 × 32-bit lanes: one of every link an event offers (its own stream,
 * version and hash), one of every link taken (a successor's prevHash, a stream record's last hash).
 * Each link enters as a SHA-256 digest salted per run, so no edit made in advance can make unequal
 * multisets sum alike.
 */
class StreamLinks {
  private readonly offered = new Uint32Array(8);
  private readonly taken = new Uint32Array(8);

  constructor(private readonly salt: string) {}

  produced(streamId: string, version: number, hash: string): void {
    this.add(this.offered, streamId, version, hash);
  }

  consumed(streamId: string, version: number, hash: string): void {
    this.add(this.taken, streamId, version, hash);
  }

  balanced(): boolean {
    return this.offered.every((lane, index) => lane === this.taken[index]);
  }

  private add(sum: Uint32Array, streamId: string, version: number, hash: string): void {
    // The stream id comes last: the version (digits) and the hash (64 hex) before it cannot run into it.
    const link = digest('sha256', `${this.salt}\n${version}\n${hash}\n${streamId}`, 'buffer');
    for (let lane = 0; lane < 8; lane++) sum[lane] = (sum[lane] + link.readUInt32LE(lane * 4)) >>> 0;
  }
}

/**
 * `audit verify --from-seal`: the log from a seal's head on, without walking what the seal covers.
 * Re-checked: that the event at the sealed head is still there, at its position, with the sealed hash;
 * then every event after it exactly as the full verification checks it (positions gap-free, the log
 * chain continuing from the sealed hash, the hash over the stored text, its stream's chain against its
 * stream's previous event, looked up in the store's index, and the recorded_at copy); the store's
 * record of every stream written since and of the log head. The log digest continues from the sealed
 * one, so the answer's digest is the whole log's. Not re-checked: the events before the sealed head
 * (an edit there that was not re-hashed through the head is found only by a full `audit verify`),
 * the records of streams not written since, and the recorded_at copies before the head.
 * Names the first broken place after the sealed head (or at it).
 */
export async function verifyStoredLogSince(
  store: EventStore,
  snapshot: StoredLogSnapshot,
  seal: SealedHead,
  options: { pageSize: number },
): Promise<LogVerification> {
  const result: LogVerification = {
    store: store.kind,
    events: 0,
    streams: 0,
    head: null,
    logDigest: seal.logDigest,
    formats: { streamChained: 0, logChained: 0, firstLogChained: null },
    bookkeepingChecked: true,
    firstBrokenLink: null,
    seal: { position: seal.position, reached: false, matches: false },
    fromSeal: { position: seal.position },
  };
  const broken = (
    row: Pick<StoredEventRow, 'globalPosition' | 'streamId' | 'streamVersion'> | null,
    reason: BrokenLinkReason,
    expected: string,
    actual: string,
  ) => {
    result.firstBrokenLink = {
      globalPosition: row ? row.globalPosition : 0,
      streamId: row ? row.streamId : '',
      streamVersion: row ? row.streamVersion : -1,
      reason,
      expected,
      actual,
    };
    return result;
  };

  const sealedHead = seal.position === 0 ? null : snapshot.eventAt(seal.position);
  let previousHash = GENESIS_HASH;
  let previousLogChained = false;
  if (seal.position > 0) {
    if (sealedHead === null) {
      const last = snapshot.position > 0 ? snapshot.eventAt(snapshot.position) : null;
      return broken(
        last,
        'the log ends before the sealed head',
        `position ${seal.position}, hash ${seal.hash}`,
        last ? `the log ends at position ${last.globalPosition}` : 'the log is empty',
      );
    }
    const found = linksOf(sealedHead);
    if (found === null || found.hash !== seal.hash) {
      return broken(
        sealedHead,
        'the event at the sealed head differs from the sealed one',
        `position ${seal.position}, hash ${seal.hash}`,
        `position ${seal.position}, ${found ? `hash ${found.hash}` : 'an event whose hash does not match it'}`,
      );
    }
    previousHash = found.hash;
    previousLogChained = found.logPrevHash !== undefined;
    result.head = {
      globalPosition: seal.position,
      hash: found.hash,
      recordedAt: found.recordedAt,
      streamId: sealedHead.streamId,
      streamVersion: sealedHead.streamVersion,
    };
  } else if (seal.hash !== GENESIS_HASH || seal.logDigest !== GENESIS_HASH) {
    return broken(null, 'the log up to the sealed head differs from the sealed one', `${GENESIS_HASH} (an empty log)`, seal.logDigest);
  }
  result.seal = { position: seal.position, reached: true, matches: true };

  let previousPosition = seal.position;
  for (let after = seal.position; ;) {
    const page = snapshot.page(after, options.pageSize);
    if (page.length === 0) break;
    for (const row of page) {
      if (row.globalPosition !== previousPosition + 1) {
        return broken(row, 'global position out of sequence', `position ${previousPosition + 1}`, `position ${row.globalPosition}`);
      }
      const read = readLinks(row);
      const found = read.links;
      if (found === null) return broken(row, 'hash does not match the event', '(the stored event cannot be read)', row.metadata.slice(-75));
      if (found.logPrevHash !== undefined) {
        if (found.logPrevHash !== previousHash) {
          return broken(row, 'logPrevHash does not match the previous event of the log', previousHash, found.logPrevHash);
        }
        result.formats.logChained++;
        result.formats.firstLogChained ??= row.globalPosition;
      } else {
        if (previousLogChained) {
          return broken(row, 'a stream-chained event follows a log-chained one', 'logPrevHash (log-chained)', 'none (stream-chained)');
        }
        result.formats.streamChained++;
      }
      // Its stream's previous event in the log, from the index: what the full walk keeps in memory.
      const before = row.streamVersion === 0 ? null : snapshot.streamEventBefore(row.streamId, row.globalPosition);
      const beforeLinks = before ? linksOf(before) : null;
      const expectedPrevHash = before ? (beforeLinks?.hash ?? '(an event whose hash does not match it)') : GENESIS_HASH;
      if (found.prevHash !== expectedPrevHash)
        return broken(row, 'prevHash does not match the previous event', expectedPrevHash, found.prevHash);
      const expectedVersion = before ? before.streamVersion + 1 : 0;
      if (row.streamVersion !== expectedVersion) {
        return broken(row, 'stream version out of sequence', `version ${expectedVersion}`, `version ${row.streamVersion}`);
      }
      if (!read.holds) return broken(row, 'hash does not match the event', read.recomputed ?? '(cannot be recomputed)', found.hash);
      if (row.recordedAt !== found.recordedAt) {
        return broken(row, 'recorded_at column differs from the hashed recordedAt', found.recordedAt, row.recordedAt);
      }
      if (!snapshot.streamGoesOn(row.streamId, row.streamVersion)) {
        const record = snapshot.streamRecord(row.streamId);
        if (!record || record.version !== row.streamVersion || record.lastHash !== found.hash) {
          return broken(
            row,
            "the store's record of the stream differs from its last event",
            record ? `version ${record.version}, hash ${record.lastHash} (recorded)` : 'no event (the store records no such stream)',
            `version ${row.streamVersion}, hash ${found.hash} (last event)`,
          );
        }
      }
      if (row.streamVersion === 0) result.streams++;
      result.events++;
      result.logDigest = nextLogDigest(result.logDigest, row.globalPosition, found.hash);
      result.head = {
        globalPosition: row.globalPosition,
        hash: found.hash,
        recordedAt: found.recordedAt,
        streamId: row.streamId,
        streamVersion: row.streamVersion,
      };
      previousPosition = row.globalPosition;
      previousHash = found.hash;
      previousLogChained = found.logPrevHash !== undefined;
    }
    after = page[page.length - 1].globalPosition;
    if (snapshot.mayYield) await new Promise((resolve) => setImmediate(resolve));
  }
  const head = snapshot.logHead;
  if (head && (head.position !== previousPosition || head.hash !== previousHash)) {
    const last = result.head;
    return broken(
      last ? { globalPosition: last.globalPosition, streamId: last.streamId, streamVersion: last.streamVersion } : null,
      "the store's record of the log head differs from its last event",
      `position ${head.position}, hash ${head.hash} (recorded)`,
      `position ${previousPosition}, hash ${previousHash} (last event)`,
    );
  }
  return result;
}
