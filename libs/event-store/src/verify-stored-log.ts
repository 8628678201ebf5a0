import { hash as digest, randomBytes } from 'node:crypto';
import type { EventMetadata } from './event-envelope';
import type { EventStore } from './event-store.port';
import { eventHash, GENESIS_HASH } from './hash-chain';
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

  for (let after = 0; ;) {
    const page = snapshot.page(after, options.pageSize);
    if (page.length === 0) break;
    for (const row of page) {
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
    }
    after = page[page.length - 1].globalPosition;
    // A long verification (the scheduled seal runs one) leaves the event loop to others between pages.
    if (snapshot.mayYield) await new Promise((resolve) => setImmediate(resolve));
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

/**
 * The event's links, once its hash is shown to cover what is stored; null when it does not. The stored
 * form is hashed as it is; anything else (or a stored form whose hash fails) is decoded and hashed the
 * way eventHash always did, so the verdict on every event is the one the decoding walk would give.
 */
function linksOf(row: StoredEventRow): Links | null {
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
      return { prevHash, logPrevHash, hash, recordedAt };
    }
  }
  return decodedLinks(row);
}

function decodedLinks(row: StoredEventRow): Links | null {
  let metadata: EventMetadata;
  let data: unknown;
  try {
    metadata = JSON.parse(row.metadata) as EventMetadata;
    data = JSON.parse(row.data);
  } catch {
    return null;
  }
  if (metadata === null || typeof metadata !== 'object' || typeof metadata.hash !== 'string' || typeof metadata.prevHash !== 'string')
    return null;
  const { hash, ...rest } = metadata;
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
    return null;
  }
  if (recomputed !== hash) return null;
  return { prevHash: metadata.prevHash, logPrevHash: metadata.logPrevHash, hash, recordedAt: metadata.recordedAt };
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
