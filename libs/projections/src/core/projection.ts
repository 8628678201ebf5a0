import type { RecordedEvent } from '@dd/event-store';
import type { ReadModelDb } from './read-model-db';

/** What a projection does with the events of one batch. */
export interface ProjectionApplier {
  /**
   * Applies one event. Synchronous and called inside the runner's transaction, so the read model
   * and the checkpoint commit together. Must be idempotent (upserts keyed by ids): after a crash
   * between commit and acknowledgement an event may be applied again.
   */
  apply(event: RecordedEvent): void;
}

/** A read model: its tables and how events change them. Every read model can be rebuilt from the log. */
export interface ProjectionDefinition {
  /** Checkpoint key; stable across releases. */
  readonly name: string;
  /** Bump when the tables or what apply() writes change: the runner then drops and rebuilds the model. */
  readonly version: number;
  /** Tables the projection owns, dropped (with their indexes) on rebuild. */
  readonly tables: readonly string[];
  /**
   * Runs CREATE TABLE/INDEX IF NOT EXISTS and prepares the statements apply() uses, once.
   * apply() should find rows by primary key only: a rebuild drops the secondary indexes (those are
   * for queries) while it replays, and builds each once at the end, which is much cheaper than
   * keeping it sorted row by row.
   */
  create(db: ReadModelDb, context?: ProjectionContext): ProjectionApplier;
}

/** What a projection may know about where its events come from, when it is opened. */
export interface ProjectionContext {
  /**
   * The SQLite file of the log, when the log is one and the read models are in a file too: a read
   * model may then leave in the log what the log already holds and read it from there (audit trail).
   */
  readonly logFile?: string;
}
