import type { EventStore, RecordedEvent, Subscription } from '@dd/event-store';
import type { ProjectionDefinition } from './projection';
import { ProjectionSet } from './projection-set';
import type { ReadModelDb } from './read-model-db';

/** Page size of replays (rebuilds, "as of"): one transaction per page keeps commits few and memory flat. */
export const REPLAY_PAGE_SIZE = 5000;

export interface ProjectionRunnerOptions {
  /** Largest live batch (one transaction each); default REPLAY_PAGE_SIZE, so a catch-up after downtime is as fast as a replay. */
  batchSize?: number;
  /** Called when a batch could not be applied; the runner then stops (a projection bug is not retried in a loop). */
  onError?: (error: unknown) => void;
}

export interface RebuildResult {
  /** Events read from the log and applied. */
  events: number;
  ms: number;
}

/**
 * Keeps the read models of one database up to date with the log: one subscription from the lowest
 * checkpoint, one transaction per delivered batch for all projections and their checkpoints.
 */
export class ProjectionRunner {
  private readonly projections: ProjectionSet;
  private subscription: Subscription | null = null;
  private failure: unknown = null;

  constructor(
    private readonly store: EventStore,
    private readonly db: ReadModelDb,
    projections: readonly ProjectionDefinition[],
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    this.projections = new ProjectionSet(db, projections);
  }

  /**
   * Opens the read models and follows the log. A projection whose definition version changed is
   * dropped and replayed before this resolves; the others catch up through the subscription.
   */
  async start(): Promise<void> {
    if (this.subscription) return;
    const reset = this.projections.open();
    if (reset.length > 0) await this.replay();
    this.follow();
  }

  /** Resolves once every event appended before the call is committed to every read model. */
  async caughtUp(): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.subscription) throw new Error('projection runner is not running');
    try {
      await this.subscription.caughtUp();
    } catch (error) {
      // The subscription only knows that it stopped; the runner knows which batch failed and why.
      throw this.failure ?? error;
    }
    // onEvents commits synchronously, so a batch handed over is a batch committed; a failed one
    // stopped the subscription and is reported here rather than as "caught up".
    if (this.failure) throw this.failure;
  }

  /**
   * Drops the named read models (all by default), replays the log into them page by page and, if the
   * runner was following the log, follows it again.
   */
  async rebuild(names?: readonly string[]): Promise<RebuildResult> {
    const wasRunning = this.subscription !== null;
    await this.stop();
    const started = performance.now();
    this.projections.open();
    this.projections.reset(names ?? this.projections.names);
    this.failure = null;
    const events = await this.replay();
    const ms = performance.now() - started;
    if (wasRunning) this.follow();
    return { events, ms: Math.round(ms) };
  }

  async stop(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = null;
    if (subscription) await subscription.stop();
  }

  /** Committed checkpoint of a projection: the global position of the last event it reflects. */
  position(name: string): number {
    return this.projections.position(name);
  }

  /** The error that stopped the runner, if any. */
  get error(): unknown {
    return this.failure;
  }

  private follow(): void {
    this.failure = null;
    this.subscription = this.store.subscribe({
      after: this.projections.minPosition(),
      batchSize: this.options.batchSize ?? REPLAY_PAGE_SIZE,
      onEvents: (events: RecordedEvent[]) => this.projections.applyBatch(events),
      onError: (error: unknown) => {
        this.failure = error;
        this.subscription = null;
        if (this.options.onError) this.options.onError(error);
        else console.error('projection runner stopped: a batch could not be applied', error);
      },
    });
  }

  /** Reads the log in pages from the lowest checkpoint; each page is one transaction. */
  private async replay(): Promise<number> {
    let after = this.projections.minPosition();
    let count = 0;
    for (;;) {
      const page = await this.store.readAll({ after, maxCount: REPLAY_PAGE_SIZE });
      if (page.length === 0) return count;
      this.projections.applyBatch(page);
      count += page.length;
      after = page[page.length - 1].globalPosition;
    }
  }
}
