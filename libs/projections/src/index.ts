export { openReadModelDb, ensureCheckpointTable, type ReadModelDb, type ReadModelDbOptions } from './core/read-model-db';
export type { ProjectionApplier, ProjectionDefinition } from './core/projection';
export {
  defineProjection,
  isEventOf,
  type DeclaredProjection,
  type EventHandler,
  type EventHandlers,
  type RecordedEventOf,
  type RecordedEventOfOne,
} from './core/event-handlers';
export { ProjectionSet, type ProjectionSetOptions } from './core/projection-set';
export { ProjectionRunner, REPLAY_PAGE_SIZE, type ProjectionRunnerOptions, type RebuildResult } from './core/projection-runner';
export { replayAsOf, type AsOf } from './core/replay-as-of';
export {
  AS_OF_REPLAY_REASONS,
  AS_OF_REPLAY_REASON_WORDS,
  openHistoryAsOf,
  readModelsAsOf,
  type AsOfCut,
  type AsOfReplayReason,
  type ReadModelsAsOf,
} from './temporal/read-models-as-of';
export { HISTORY_SUFFIX, historyTableOf } from './temporal/history-tables';
export { canonicalDump } from './core/canonical-dump';
export { StatementCache } from './core/statement-cache';
export { keysetCondition, WHOLE_LIST, type KeysetPage } from './keyset-page';

export * from './audit-trail/audit-trail.projection';
export * from './audit-trail/audit-trail.queries';
export * from './risk-register/risk-register.projection';
export * from './risk-register/risk-register.queries';
export * from './suppliers/suppliers.projection';
export * from './suppliers/suppliers.queries';
export * from './suppliers/follow-up-queue.queries';
export * from './oecd-status/oecd-status.projection';
export * from './oecd-status/oecd-criteria';
export * from './oecd-status/oecd-status.queries';
export * from './risk-register/risk-history';
export * from './smelter-register/smelter-register.projection';
export * from './smelter-register/smelter-register.queries';
export * from './smelter-register/conformance';
export * from './supply-chain/supply-chain.projection';
export * from './supply-chain/supply-chain.queries';
export * from './periods/periods.projection';
export * from './periods/periods.queries';
export * from './campaign/campaign.projection';
export * from './campaign/campaign.queries';
export * from './program/program.projection';
export * from './program/program.queries';
export * from './product-conclusions/product-conclusions.projection';
export * from './product-conclusions/product-conclusions.queries';
export * from './messages/messages.projection';
export * from './messages/messages.queries';

export { allProjections } from './all-projections';
export {
  isTransientSqliteError,
  messageOf,
  ProjectionBatchFailed,
  ReadModelsUnavailable,
  type ProjectionState,
  type ProjectionStatus,
} from './core/projection-status';
export { DEFAULT_RETRY_POLICY, Pause, retryDelay, type RetryPolicy } from './core/retry-policy';
