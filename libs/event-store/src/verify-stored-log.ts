import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { EventStore } from './event-store.port';
import { GENESIS_HASH, type BrokenLinkReason } from './hash-chain';
import { verifyRangesInWorkers } from './sqlite/verify-stored-workers';
import type { StoredEventRow, StoredLogSnapshot } from './stored-log';
import { nextLogDigest, type LogVerification, type SealedHead } from './verify-log';
import { linksOf, readLinks, StreamLinks, verifyStoredRange, type RangeSummary } from './verify-stored-range';

/** Below this many events a log is verified in this thread: starting workers would cost more than they save. */
const WORKERS_FROM_EVENTS = 100_000;
/**
 * At most this many workers, whatever the cores: each costs its isolate and connection (about 35 MB),
 * and past it the joining thread (the log digest, about 0.5 µs an event) is what bounds the pace.
 */
const MAX_WORKERS = 8;
/** Events per range a worker verifies at once: big enough that asking costs nothing, small enough to hold a few. */
const WORKER_RANGE_EVENTS = 16_384;

export interface StoredLogOptions {
  /** Events verified between two yields to the event loop when verifying in this thread. */
  pageSize: number;
  seal?: SealedHead;
  /**
   * Worker threads verifying ranges of positions in parallel (0: all in this thread). Default: one per
   * available core (at most 8), for a log file of at least 100,000 events; else 0.
   */
  workers?: number;
  /** Events per range given to a worker (default 16,384). */
  rangeSize?: number;
}

/**
 * `audit verify` over the stored text (stores that offer storedLog(): sqlite), with memory bounded by a
 * few ranges whatever the number of streams. It checks everything verifyLog's walk does, and answers
 * only "intact": on anything else it returns null and verifyLog walks the log again with its exact,
 * per-stream rules to name the first broken place.
 *
 * The log is cut into ranges of positions (verifyStoredRange): each checks on its own, in order, what
 * needs only the previous event (positions gap-free, logPrevHash, no stream-chained event after a
 * log-chained one, the hash over the stored text, version 0 linking to the genesis hash, recorded_at
 * against the hashed recordedAt) and sums its stream links. An event's hash depends only on its own
 * stored text, so ranges can be verified by worker threads in parallel; here they are taken in
 * position order to check what crosses their borders (the first event's logPrevHash is the previous
 * range's last hash; no stream-chained range start after a log-chained range end), to chain the log
 * digest through every event's hash, and to hold the sealed head.
 *
 * Instead of a map of every stream, each stream link is checked as a whole: the multiset of (stream,
 * version, hash) of every event must equal that of (stream, version - 1, prevHash) of every event after
 * a stream's first plus the store's (stream, version, last hash) records. Summed as salted SHA-256
 * digests (salt drawn per run, the same in every range), they agree only if every stream's versions
 * follow each other, each prevHash is its predecessor's hash and each record names its stream's last
 * event; sums of ranges add up. That a predecessor also comes earlier in the log follows from the log
 * chain for log-chained events (the predecessor's hash would have to cover the later event's hash it
 * is covered by); for stream-chained ones the store's index answers it (firstEventBeforeItsPredecessor).
 */
export async function verifyStoredLog(
  store: EventStore,
  snapshot: StoredLogSnapshot,
  options: StoredLogOptions,
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
  let previousHash = GENESIS_HASH;
  let previousLogChained = false;
  /** The log digest through one more event, and the sealed head when it is reached; false if the seal does not hold. */
  const chain = (globalPosition: number, hash: string): boolean => {
    result.logDigest = nextLogDigest(result.logDigest, globalPosition, hash);
    if (seal && globalPosition === seal.position) {
      if (hash !== seal.hash || result.logDigest !== seal.logDigest) return false;
      result.seal!.reached = true;
      result.seal!.matches = true;
    }
    return true;
  };
  /** One range after the ones before it: what crosses its border, and its counts and sums. */
  const join = (range: RangeSummary): boolean => {
    if (range.firstLogPrevHash !== undefined ? range.firstLogPrevHash !== previousHash : previousLogChained) return false;
    result.events += range.events;
    result.streams += range.streams;
    result.formats.logChained += range.logChained;
    result.formats.streamChained += range.streamChained;
    result.formats.firstLogChained ??= range.firstLogChained;
    links.include(range);
    if (range.last) {
      result.head = range.last;
      previousHash = range.last.hash;
    }
    previousLogChained = range.lastLogChained;
    return true;
  };

  const position = snapshot.position;
  const workers =
    options.workers ?? (snapshot.file !== null && position >= WORKERS_FROM_EVENTS ? Math.min(availableParallelism(), MAX_WORKERS) : 0);
  if (workers > 0 && snapshot.file !== null) {
    // The store's records are read here while the workers verify (this thread only chains and joins).
    const records = takeStreamRecords(snapshot, links);
    let complete: boolean;
    try {
      complete = await verifyRangesInWorkers(
        { file: snapshot.file, salt, position, rangeSize: options.rangeSize ?? WORKER_RANGE_EVENTS, workers },
        ({ summary, hashes }) => {
          const bytes = Buffer.from(hashes);
          for (let index = 0, at = 0; index < summary!.events; index++, at += 64) {
            if (!chain(summary!.after + 1 + index, bytes.toString('latin1', at, at + 64))) return false;
          }
          return join(summary!);
        },
      );
    } finally {
      await records;
    }
    if (!complete) return null;
  } else {
    // In this thread, a range a page long at a time: a long verification (the scheduled seal runs one)
    // leaves the event loop to others between them.
    let sealHolds = true;
    for (let after = 0; after < position; after += options.pageSize) {
      const range = { after, until: Math.min(position, after + options.pageSize) };
      const summary = verifyStoredRange(snapshot.rows(range.after, range.until), range, salt, (at, hash) => {
        sealHolds &&= chain(at, hash);
      });
      if (summary === null || !sealHolds || !join(summary)) return null;
      if (snapshot.mayYield) await new Promise((resolve) => setImmediate(resolve));
    }
  }

  if (seal && !result.seal!.reached) return null;
  const head = snapshot.logHead;
  if (head && (head.position !== position || head.hash !== previousHash)) return null;
  if (workers === 0 || snapshot.file === null) await takeStreamRecords(snapshot, links);
  if (!links.balanced()) return null;
  if (result.formats.streamChained > 0) {
    const before = result.formats.firstLogChained ?? position + 1;
    if (snapshot.firstEventBeforeItsPredecessor(before) !== null) return null;
  }
  return result;
}

/** Every stream record taken as the link its stream's next event would offer, yielding now and then. */
async function takeStreamRecords(snapshot: StoredLogSnapshot, links: StreamLinks): Promise<void> {
  let sinceYield = 0;
  for (const record of snapshot.streamRecords()) {
    links.consumed(record.streamId, record.version, record.lastHash);
    if (snapshot.mayYield && ++sinceYield === 10_000) {
      sinceYield = 0;
      await new Promise((resolve) => setImmediate(resolve));
    }
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
