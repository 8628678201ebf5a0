import type {
  AppendOptions,
  AppendResult,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  Subscription,
  SubscribeOptions,
} from './event-envelope';
import type { StoreBookkeeping } from './store-bookkeeping';
import type { StoredLogSnapshot } from './stored-log';

/**
 * The one port every store adapter (memory, sqlite, kurrentdb) implements. The contract suite in
 * event-store.contract.ts pins down its behaviour; nothing else in the code base talks to a driver.
 */
export interface EventStore {
  readonly kind: 'memory' | 'sqlite' | 'kurrentdb';

  /**
   * Appends events atomically. Throws ExpectedVersionConflictError on a version mismatch.
   * Each event gets eventId = f(commandId, index) and a SHA-256 hash chained to the previous event
   * of its stream and, on sqlite and memory, to the previous event of the whole log (hash-chain.ts).
   * If the commandId was appended before, nothing is written and the first result is returned with
   * duplicate = true; IdempotencyKeyReusedError instead when both appends carry fingerprints that differ.
   */
  appendToStream(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult>;

  /** Events of one stream in version order; [] for a stream that does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /** Version of the last event of the stream, or -1 when the stream does not exist. */
  streamVersion(streamId: string): Promise<number>;

  /**
   * The one event with this id, or null when the log holds none. sqlite and memory look it up in an
   * index; kurrentdb keeps none and throws EventLookupUnsupportedError (see errors.ts).
   */
  readEvent(eventId: string): Promise<RecordedEvent | null>;

  /** Events of all streams in global order. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;

  /** Position of the last event in the log, 0 when empty. */
  headPosition(): Promise<number>;

  /** Catches up from `after`, then delivers live appends, in global order. */
  subscribe(options: SubscribeOptions): Subscription;

  /**
   * The result of the earlier append carrying this commandId, if any. Given the fingerprint of the
   * command about to run, throws IdempotencyKeyReusedError when the commandId was recorded for another.
   */
  findCommand(commandId: string, fingerprint?: string): Promise<AppendResult | null>;

  /** What the store keeps beside the events, for `audit verify`; absent where it keeps nothing (KurrentDB). */
  bookkeeping?(): Promise<StoreBookkeeping>;

  /**
   * The log as stored, hashed text and records in one snapshot, for a verification that hashes what is
   * stored instead of decoding it (verify-stored-log.ts); absent where the store cannot offer it. The
   * caller closes it.
   */
  storedLog?(): StoredLogSnapshot;

  close(): Promise<void>;
}
