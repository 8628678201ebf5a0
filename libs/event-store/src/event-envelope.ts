/**
 * The event envelope every adapter stores and returns. Data is the domain payload; metadata is
 * what auditors need to answer "who did what, when, and has anything been altered since".
 */
export interface EventMetadata {
  /** Derived from commandId + index, so a retried command produces the same ids (see event-ids.ts). */
  eventId: string;
  commandId: string;
  correlationId: string;
  causationId: string | null;
  /** The authenticated principal that issued the command; never taken from a request body. */
  actor: string;
  /** Business time: when the thing happened (e.g. when a supplier's file arrived). ISO-8601. */
  occurredAt: string;
  /** Store time: when the event was appended. ISO-8601. */
  recordedAt: string;
  schemaVersion: number;
  /** SHA-256 (hex) of the previous event in the same stream; GENESIS_HASH for the first. */
  prevHash: string;
  /**
   * SHA-256 (hex) of the previous event of the whole log; GENESIS_HASH for the first. Present on
   * log-chained events (sqlite and memory since the log-wide chain, see hash-chain.ts), whose hash
   * also covers their global position; absent on stream-chained ones (older logs, KurrentDB).
   */
  logPrevHash?: string;
  /** SHA-256 (hex) over the canonical JSON of this event and its links (see hash-chain.ts). */
  hash: string;
}

/** What a caller hands to appendToStream. */
export interface NewEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
  /** Defaults to 1; bump when an event's shape changes and register an upcaster on read. */
  schemaVersion?: number;
}

/** An event as it stands in the store. */
export interface RecordedEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
  metadata: EventMetadata;
  streamId: string;
  /** 0-based position within the stream (KurrentDB's "revision"). */
  streamVersion: number;
  /**
   * Position in the global log. Strictly increasing in append order; gap-free on sqlite and memory,
   * the commit position on KurrentDB (increasing, with gaps).
   */
  globalPosition: number;
}

/** Expected version of the stream before the append (emmett/KurrentDB vocabulary). */
export type ExpectedVersion = number | 'no_stream' | 'stream_exists' | 'any';

export interface AppendOptions {
  expectedVersion?: ExpectedVersion;
  /** Idempotency key: an append whose commandId is already in the store appends nothing. */
  commandId: string;
  /**
   * What the command was (see commandFingerprint), kept with the commandId. A later append with the
   * same commandId and another fingerprint is refused with IdempotencyKeyReusedError instead of being
   * answered with the first result. Without it the commandId alone decides, as before.
   */
  fingerprint?: string;
  actor: string;
  correlationId?: string;
  causationId?: string | null;
  /** Business time of the events; defaults to the store time. */
  occurredAt?: string;
}

export interface AppendResult {
  streamId: string;
  /** Version of the last event of this append (the stream's version after it). */
  nextExpectedVersion: number;
  /** Global positions of the appended events, in order. */
  globalPositions: number[];
  eventIds: string[];
  /** True when the commandId had been appended before: nothing new was written, the first result is returned. */
  duplicate: boolean;
}

export interface ReadStreamOptions {
  /** First stream version to return (inclusive); default 0. */
  fromVersion?: number;
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Return events strictly after this global position; default: from the beginning. */
  after?: number;
  maxCount?: number;
  /**
   * Only events recorded at or before this ISO time (for "as of" replays), by the hashed
   * metadata.recordedAt: never by a store's unhashed copy of it (sqlite's recorded_at column).
   */
  recordedUntil?: string;
}

export interface SubscribeOptions {
  /** Deliver events strictly after this global position (a checkpoint); default: from the beginning. */
  after?: number;
  /** Called with batches in global order; the next batch waits until the returned promise settles. */
  onEvents: (events: RecordedEvent[]) => Promise<void> | void;
  /** Called when the subscription stops because of an error (after retries where the adapter retries). */
  onError?: (error: unknown) => void;
  /** Largest batch handed to onEvents at once; default 1000. */
  batchSize?: number;
}

export interface Subscription {
  /** Resolves once no further batch will be delivered. */
  stop(): Promise<void>;
  /** Resolves when every event appended before the call has been handed to onEvents. */
  caughtUp(): Promise<void>;
}
