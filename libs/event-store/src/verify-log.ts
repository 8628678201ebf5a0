import { hash as digest } from 'node:crypto';
import type { RecordedEvent } from './event-envelope';
import type { EventStore } from './event-store.port';
import { brokenLinkInStream, firstBrokenLink, GENESIS_HASH, type BrokenLink, type BrokenLinkReason } from './hash-chain';
import type { StoreBookkeeping } from './store-bookkeeping';
import { verifyStoredLog, verifyStoredLogSince } from './verify-stored-log';

/** The head a seal vouches for (see log-seal.ts): everything up to it must still be there, unchanged. */
export interface SealedHead {
  /** Global position of the last event sealed; 0 for an empty log. */
  position: number;
  /** Its hash; GENESIS_HASH for an empty log. */
  hash: string;
  /** logDigest over every event up to and including it. */
  logDigest: string;
}

export interface LogVerification {
  store: EventStore['kind'];
  events: number;
  streams: number;
  /** The last event read, null for an empty log. */
  head: { globalPosition: number; hash: string; recordedAt: string; streamId: string; streamVersion: number } | null;
  /** Digest over every event's position and hash in log order, up to the head (what a seal signs). */
  logDigest: string;
  /** Events of each format (hash-chain.ts), and the position of the first log-chained one. */
  formats: { streamChained: number; logChained: number; firstLogChained: number | null };
  /** Whether the store's own records (streams, log head, recorded_at) were held against the events. */
  bookkeepingChecked: boolean;
  /** The first broken place in the log, by position, or null when everything holds. */
  firstBrokenLink: BrokenLink | null;
  /** Present when verified against a seal: whether the log reached the sealed head and matched it. */
  seal?: { position: number; reached: boolean; matches: boolean };
  /**
   * Present when only the events after a seal's head were walked (verifyLogFromSeal): events, streams
   * and formats then count those alone; logDigest is still the whole log's.
   */
  fromSeal?: { position: number };
}

export interface VerifyLogOptions {
  pageSize?: number;
  /** A seal's head (its signature already checked, see verifySealFile): also prove the log up to it unchanged. */
  seal?: SealedHead;
  /** Worker threads for a store that offers its stored text (verifyStoredLog; default: by the log's size and the cores). */
  workers?: number;
}

/**
 * One step of the log digest: SHA-256 over the digest so far, the event's global position and its
 * hash. Over stream-chained events (older logs, KurrentDB) it is what pins the order and completeness
 * of the log, which their hashes do not cover; over log-chained events it repeats what the chain proves.
 */
export function nextLogDigest(previous: string, globalPosition: number, hash: string): string {
  return digest('sha256', `${previous}\n${globalPosition}\n${hash}`, 'hex');
}

interface StreamState {
  version: number;
  hash: string;
  logChained: boolean;
  lastPosition: number;
}

/**
 * Answers `audit verify`. Reads the whole log page by page in global order, keeping per stream only
 * its last version and hash, and checks:
 * - every stream's chain (firstBrokenLink's rules: versions, prevHash, hash, no older format after the newer);
 * - the log's own chain for log-chained events (logPrevHash is the previous event's hash; the hash covers
 *   the position), and, on sqlite and memory, positions gap-free from 1;
 * - the store's bookkeeping against the events: each stream's recorded version and last hash, the log
 *   head the next append would chain to, and the recorded_at column against the hashed recordedAt;
 * - given a seal, that the event at the sealed head and the digest of everything up to it are the sealed ones.
 * The answer names the first broken place by position (ties: chain before bookkeeping before seal).
 *
 * What no check without a seal can see: the newest events deleted together with the store's records
 * of them, or the log rewritten and re-hashed from some event to its end; with stream-chained events,
 * also the order of events of different streams. A seal kept outside the system sees all of it up to
 * its head.
 */
export async function verifyLog(store: EventStore, options: VerifyLogOptions = {}): Promise<LogVerification> {
  const seal = options.seal;
  // Where the store offers its stored text, one bounded pass proves an intact log; only a log it does
  // not prove intact is walked again below, to name the first broken place.
  if (store.storedLog) {
    const snapshot = store.storedLog();
    try {
      // Small pages: the stored text of a page dies young instead of filling the old generation.
      const intact = await verifyStoredLog(store, snapshot, { pageSize: options.pageSize ?? 500, seal, workers: options.workers });
      if (intact) return intact;
    } finally {
      snapshot.close();
    }
  }
  const pageSize = options.pageSize ?? 5000;
  // KurrentDB's positions are commit positions: increasing, with gaps.
  const gapFree = store.kind !== 'kurrentdb';
  const bookkeeping = store.bookkeeping ? await store.bookkeeping() : null;
  // Events appended after the records were read (a server running beside `audit verify`) are the next
  // run's: the walk stops where the records' snapshot ends, so both describe the same log.
  const until = bookkeeping ? bookkeeping.position : Number.POSITIVE_INFINITY;
  const streams = new Map<string, StreamState>();
  const result: LogVerification = {
    store: store.kind,
    events: 0,
    streams: 0,
    head: null,
    logDigest: GENESIS_HASH,
    formats: { streamChained: 0, logChained: 0, firstLogChained: null },
    bookkeepingChecked: bookkeeping !== null,
    firstBrokenLink: null,
    ...(seal ? { seal: { position: seal.position, reached: seal.position === 0, matches: false } } : {}),
  };
  let previous: RecordedEvent | null = null;
  let broken: BrokenLink | null = null;
  // An empty log sealed: only the genesis digest matches.
  if (seal && seal.position === 0) result.seal!.matches = seal.hash === GENESIS_HASH && seal.logDigest === GENESIS_HASH;

  let after = 0;
  walk: for (;;) {
    const page = await store.readAll({ after, maxCount: pageSize });
    if (page.length === 0) break;
    for (const event of page) {
      if (event.globalPosition > until) break walk;
      result.events++;
      broken = brokenLinkInLog(event, previous, streams.get(event.streamId), gapFree);
      if (broken) break walk;
      const logChained = event.metadata.logPrevHash !== undefined;
      if (logChained) {
        result.formats.logChained++;
        result.formats.firstLogChained ??= event.globalPosition;
      } else {
        result.formats.streamChained++;
      }
      streams.set(event.streamId, {
        version: event.streamVersion,
        hash: event.metadata.hash,
        logChained,
        lastPosition: event.globalPosition,
      });
      result.logDigest = nextLogDigest(result.logDigest, event.globalPosition, event.metadata.hash);
      result.head = {
        globalPosition: event.globalPosition,
        hash: event.metadata.hash,
        recordedAt: event.metadata.recordedAt,
        streamId: event.streamId,
        streamVersion: event.streamVersion,
      };
      previous = event;
      if (seal && !result.seal!.reached && event.globalPosition >= seal.position) {
        result.seal!.reached = true;
        broken = sealMismatch(event, seal, result.logDigest);
        result.seal!.matches = broken === null;
        if (broken) break walk;
      }
    }
    after = page[page.length - 1].globalPosition;
    // A long verification (the scheduled seal runs one) leaves the event loop to others between pages.
    await new Promise((resolve) => setImmediate(resolve));
  }
  result.streams = streams.size;

  const problems: Array<{ link: BrokenLink; rank: number }> = [];
  if (broken) problems.push({ link: broken, rank: 0 });
  if (bookkeeping?.firstRecordedAtMismatch) {
    const { globalPosition, streamId, streamVersion, column, hashed } = bookkeeping.firstRecordedAtMismatch;
    problems.push({
      link: {
        globalPosition,
        streamId,
        streamVersion,
        reason: 'recorded_at column differs from the hashed recordedAt',
        expected: hashed,
        actual: column,
      },
      rank: 1,
    });
  }
  // The records describe the whole log: held against a partial walk they would only repeat the break.
  if (!broken && bookkeeping) problems.push(...bookkeepingMismatches(bookkeeping, streams, result).map((link) => ({ link, rank: 2 })));
  if (!broken && seal && !result.seal!.reached) {
    const last = result.head;
    problems.push({
      link: {
        globalPosition: last ? last.globalPosition : 0,
        streamId: last ? last.streamId : '',
        streamVersion: last ? last.streamVersion : -1,
        reason: 'the log ends before the sealed head',
        expected: `position ${seal.position}, hash ${seal.hash}`,
        actual: last ? `the log ends at position ${last.globalPosition}` : 'the log is empty',
      },
      rank: 3,
    });
  }
  problems.sort((x, y) => x.link.globalPosition - y.link.globalPosition || x.rank - y.rank);
  result.firstBrokenLink = problems.length ? problems[0].link : null;
  return result;
}

/**
 * `audit verify --from-seal`: proves the sealed head still there and verifies only what follows it
 * (verifyStoredLogSince says exactly what is and is not re-checked). Needs a store that offers its
 * stored text (sqlite); elsewhere the whole log is verified against the seal.
 */
export async function verifyLogFromSeal(
  store: EventStore,
  seal: SealedHead,
  options: { pageSize?: number } = {},
): Promise<LogVerification> {
  if (!store.storedLog) return verifyLog(store, { seal, pageSize: options.pageSize });
  const snapshot = store.storedLog();
  try {
    return await verifyStoredLogSince(store, snapshot, seal, { pageSize: options.pageSize ?? 500 });
  } finally {
    snapshot.close();
  }
}

/** Checks one event against the one before it in the log and the last one of its stream. */
function brokenLinkInLog(
  event: RecordedEvent,
  previous: RecordedEvent | null,
  stream: StreamState | undefined,
  gapFree: boolean,
): BrokenLink | null {
  const where = { streamId: event.streamId, streamVersion: event.streamVersion, globalPosition: event.globalPosition };
  const link = (reason: BrokenLinkReason, expected: string, actual: string): BrokenLink => ({ ...where, reason, expected, actual });
  const previousPosition = previous ? previous.globalPosition : 0;
  if (gapFree && event.globalPosition !== previousPosition + 1) {
    return link('global position out of sequence', `position ${previousPosition + 1}`, `position ${event.globalPosition}`);
  }
  const previousLogChained = previous !== null && previous.metadata.logPrevHash !== undefined;
  if (event.metadata.logPrevHash !== undefined) {
    const expected = previous ? previous.metadata.hash : GENESIS_HASH;
    if (event.metadata.logPrevHash !== expected)
      return link('logPrevHash does not match the previous event of the log', expected, event.metadata.logPrevHash);
  } else if (previousLogChained) {
    return link('a stream-chained event follows a log-chained one', 'logPrevHash (log-chained)', 'none (stream-chained)');
  }
  return brokenLinkInStream(event, stream ? stream.version + 1 : 0, stream ? stream.hash : GENESIS_HASH, stream?.logChained ?? false);
}

function sealMismatch(event: RecordedEvent, seal: SealedHead, logDigest: string): BrokenLink | null {
  const where = { streamId: event.streamId, streamVersion: event.streamVersion, globalPosition: event.globalPosition };
  if (event.globalPosition !== seal.position || event.metadata.hash !== seal.hash) {
    return {
      ...where,
      reason: 'the event at the sealed head differs from the sealed one',
      expected: `position ${seal.position}, hash ${seal.hash}`,
      actual: `position ${event.globalPosition}, hash ${event.metadata.hash}`,
    };
  }
  if (logDigest !== seal.logDigest) {
    return { ...where, reason: 'the log up to the sealed head differs from the sealed one', expected: seal.logDigest, actual: logDigest };
  }
  return null;
}

/** The store's records against what the walk found: every stream's version and last hash, and the log head. */
function bookkeepingMismatches(bookkeeping: StoreBookkeeping, streams: Map<string, StreamState>, result: LogVerification): BrokenLink[] {
  const mismatches: BrokenLink[] = [];
  const lastPosition = result.head ? result.head.globalPosition : 0;
  const recorded = new Set<string>();
  for (const record of bookkeeping.streams) {
    recorded.add(record.streamId);
    const found = streams.get(record.streamId);
    if (found && found.version === record.version && found.hash === record.lastHash) continue;
    mismatches.push({
      streamId: record.streamId,
      streamVersion: found ? found.version : -1,
      globalPosition: found ? found.lastPosition : lastPosition,
      reason: "the store's record of the stream differs from its last event",
      expected: `version ${record.version}, hash ${record.lastHash} (recorded)`,
      actual: found ? `version ${found.version}, hash ${found.hash} (last event)` : 'no event of the stream',
    });
  }
  for (const [streamId, found] of streams) {
    if (recorded.has(streamId)) continue;
    mismatches.push({
      streamId,
      streamVersion: found.version,
      globalPosition: found.lastPosition,
      reason: "the store's record of the stream differs from its last event",
      expected: 'no event (the store records no such stream)',
      actual: `version ${found.version}, hash ${found.hash} (last event)`,
    });
  }
  const head = bookkeeping.logHead;
  const lastHash = result.head ? result.head.hash : GENESIS_HASH;
  if (head && (head.position !== lastPosition || head.hash !== lastHash)) {
    mismatches.push({
      streamId: result.head ? result.head.streamId : '',
      streamVersion: result.head ? result.head.streamVersion : -1,
      globalPosition: lastPosition,
      reason: "the store's record of the log head differs from its last event",
      expected: `position ${head.position}, hash ${head.hash} (recorded)`,
      actual: `position ${lastPosition}, hash ${lastHash} (last event)`,
    });
  }
  return mismatches;
}

/**
 * One stream's chain, read from the store, in either format (firstBrokenLink): what a single event's
 * evidence can show without reading the whole log. The links between streams need verifyLog.
 */
export async function verifyStream(store: EventStore, streamId: string): Promise<BrokenLink | null> {
  return firstBrokenLink(await store.readStream(streamId));
}
