/**
 * What a store keeps beside the events themselves and trusts when it appends: each stream's version
 * and last hash, the log's tip, an unhashed copy of recordedAt. Editing them does not touch a hash, so
 * `audit verify` holds each against the events (see verifyLog).
 */
export interface StoreBookkeeping {
  /**
   * The last global position of the log as these records stand: records and events are read from one
   * snapshot, so a verification beside a running server holds them against the events up to here and
   * takes what was appended since for the next run, not for tampering.
   */
  position: number;
  /** Each stream's recorded version and the hash its next event will chain to (sqlite: `streams`). */
  streams: Iterable<{ streamId: string; version: number; lastHash: string }>;
  /** Position and hash the next event will follow and link to (sqlite: `log_head`); null when not kept. */
  logHead: { position: number; hash: string } | null;
  /** The first event whose stored recorded_at differs from the hashed metadata.recordedAt, if any. */
  firstRecordedAtMismatch: { globalPosition: number; streamId: string; streamVersion: number; column: string; hashed: string } | null;
}
