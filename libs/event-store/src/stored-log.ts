/**
 * The log as a store keeps it: each event's payload and metadata as the JSON text that was hashed,
 * for `audit verify` to hash what is stored without decoding it (see verify-stored-log.ts). Only a
 * store that keeps that text and can answer a few questions about its own records offers it (sqlite).
 */
export interface StoredEventRow {
  globalPosition: number;
  streamId: string;
  streamVersion: number;
  type: string;
  /** The payload's JSON text as stored. */
  data: string;
  /** The metadata's JSON text as stored (the hash last, see seal-events.ts). */
  metadata: string;
  /** The store's unhashed copy of recordedAt (sqlite: the recorded_at column). */
  recordedAt: string;
}

/**
 * One consistent view of the stored log (a read snapshot where others may append meanwhile): the
 * events up to `position` and the store's records as they stood at that same moment.
 */
export interface StoredLogSnapshot {
  /** The last global position of the snapshot (0 for an empty log). */
  readonly position: number;
  /** The recorded log head (sqlite: `log_head`), null when the store has no such record. */
  readonly logHead: { position: number; hash: string } | null;
  /** True when others may append while the walk runs (a file opened by another connection): it may then yield. */
  readonly mayYield: boolean;
  /**
   * The file other connections may open read-only to verify ranges of positions up to `position` in
   * parallel (worker threads), null when there is none (a private in-memory database). Positions up to
   * `position` are never rewritten by the store, so a later snapshot of them is the same log.
   */
  readonly file: string | null;
  /** At most `limit` events after `after` and up to `position`, in global order. */
  page(after: number, limit: number): StoredEventRow[];
  /**
   * Every event after `after` and up to `until` (default: `position`), in global order, one at a time
   * (no page held). No other question may be asked of the snapshot until the iteration ends.
   */
  rows(after: number, until?: number): IterableIterator<StoredEventRow>;
  /** Every stream record (sqlite: `streams`): version and the hash its next event will chain to. Read lazily. */
  streamRecords(): Iterable<{ streamId: string; version: number; lastHash: string }>;
  /**
   * The first position below `before` holding an event whose predecessor in its stream (version - 1)
   * sits at a later position, or null. Answered from the store's (stream, version) index.
   */
  firstEventBeforeItsPredecessor(before: number): number | null;
  /** The event at a position, or null. */
  eventAt(position: number): StoredEventRow | null;
  /** The stream's event last before `position` in the log, or null when it has none before it. */
  streamEventBefore(streamId: string, position: number): StoredEventRow | null;
  /** Whether the stream has an event of a higher version. */
  streamGoesOn(streamId: string, version: number): boolean;
  /** The store's record of one stream, or null. */
  streamRecord(streamId: string): { version: number; lastHash: string } | null;
  close(): void;
}
