export * from './event-envelope';
export type { EventStore } from './event-store.port';
export { EventLookupUnsupportedError, ExpectedVersionConflictError, IdempotencyKeyReusedError } from './errors';
export { canonicalJson, chainFormat, eventHash, firstBrokenLink, GENESIS_HASH } from './hash-chain';
export type { BrokenLink, BrokenLinkReason, ChainFormat, HashableEvent } from './hash-chain';
export { commandFingerprint } from './command-fingerprint';
export type { StoreBookkeeping } from './store-bookkeeping';
export { eventIdFor } from './event-ids';
export { NO_STREAM_VERSION, satisfiesExpectedVersion } from './expected-version';
export { MemoryEventStore } from './memory/memory-event-store';
export { SqliteEventStore } from './sqlite/sqlite-event-store';
export type { SqliteEventStoreOptions } from './sqlite/sqlite-event-store';
// The KurrentDB adapter is reached through createEventStore, which loads its gRPC client only when chosen.
export type { KurrentDbEventStore } from './kurrentdb/kurrentdb-event-store';
export { createEventStore, SQLITE_FILE_NAME } from './create-event-store';
export type { EventStoreConfig } from './create-event-store';
export { verifyStreamUpTo, type StreamVerification } from './verify-stream';
export {
  nextLogDigest,
  verifyLog,
  verifyLogFromSeal,
  verifyStream,
  type LogVerification,
  type SealedHead,
  type VerifyLogOptions,
} from './verify-log';
export * from './log-seal';
// The baseline benchmark writes rows of exactly this shape with the raw driver.
export { SCHEMA_SQL as SQLITE_EVENT_STORE_SCHEMA_SQL } from './sqlite/sqlite-schema';
