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
  /** Whether the runner should be following the log (between start() and stop()). */
  private following = false;
  private failure: unknown = null;
  /** start, stop and rebuild run one at a time; caughtUp waits for the one under way. */
  private operation: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: EventStore,
    db: ReadModelDb,
    projections: readonly ProjectionDefinition[],
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    this.projections = new ProjectionSet(db, projections);
  }

  /**
   * Opens the read models and follows the log. A projection that is new, or whose definition version
   * changed, is (dropped and) replayed before this resolves; the others catch up through the
   * subscription.
   */
  start(): Promise<void> {
    return this.exclusive(async () => {
      this.following = true;
      if (this.subscription) return;
      const reset = this.projections.open();
      try {
        if (reset.length > 0) await this.replayInto(reset);
      } catch (error) {
        this.failure = error;
        throw error;
      }
      this.follow();
    });
  }

  /** Resolves once every event appended before the call is committed to every read model. */
  async caughtUp(): Promise<void> {
    await this.operation.catch(() => undefined);
    if (this.failure) throw this.failure;
    const subscription = this.subscription;
    if (!subscription) throw new Error('projection runner is not running');
    try {
      await subscription.caughtUp();
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
   * runner was started, follows the log again.
   */
  rebuild(names?: readonly string[]): Promise<RebuildResult> {
    return this.exclusive(async () => {
      await this.unsubscribe();
      const started = performance.now();
      this.projections.open();
      const targets = names ?? this.projections.names;
      this.projections.reset(targets);
      this.failure = null;
      const events = await this.replayInto(targets);
      const ms = Math.round(performance.now() - started);
      if (this.following) this.follow();
      return { events, ms };
    });
  }

  stop(): Promise<void> {
    return this.exclusive(async () => {
      this.following = false;
      await this.unsubscribe();
    });
  }

  /** Committed checkpoint of a projection: the global position of the last event it reflects. */
  position(name: string): number {
    return this.projections.position(name);
  }

  /** The error that stopped the runner, if any. */
  get error(): unknown {
    return this.failure;
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.operation.catch(() => undefined).then(work);
    this.operation = result;
    return result;
  }

  private async unsubscribe(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = null;
    if (subscription) await subscription.stop();
  }

  private follow(): void {
    this.failure = null;
    let subscription: Subscription | null = null;
    subscription = this.store.subscribe({
      after: this.projections.minPosition(),
      batchSize: this.options.batchSize ?? REPLAY_PAGE_SIZE,
      onEvents: (events: RecordedEvent[]) => this.projections.applyBatch(events),
      onError: (error: unknown) => {
        this.failure = error;
        if (this.subscription === subscription) this.subscription = null;
        if (this.options.onError) this.options.onError(error);
        else console.error('projection runner stopped: a batch could not be applied', error);
      },
    });
    this.subscription = subscription;
  }

  /** Replays into projections that were just reset, their secondary indexes built once at the end. */
  private async replayInto(reset: readonly string[]): Promise<number> {
    const restoreIndexes = this.projections.deferIndexes(reset);
    try {
      return await this.replay();
    } finally {
      restoreIndexes();
    }
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
