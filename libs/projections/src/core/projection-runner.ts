import { resolve } from 'node:path';
import { SqliteEventStore, type EventStore, type RecordedEvent, type Subscription } from '@dd/event-store';
import type { ProjectionDefinition } from './projection';
import { ProjectionSet } from './projection-set';
import {
  isTransientSqliteError,
  messageOf,
  ProjectionBatchFailed,
  ReadModelsUnavailable,
  type ProjectionState,
  type ProjectionStatus,
} from './projection-status';
import type { ReadModelDb } from './read-model-db';
import { DEFAULT_RETRY_POLICY, Pause, retryDelay, type RetryPolicy } from './retry-policy';

/** Page size of replays (rebuilds, "as of"): one transaction per page keeps commits few and memory flat. */
export const REPLAY_PAGE_SIZE = 5000;

export interface ProjectionRunnerOptions {
  /** Largest live batch (one transaction each); default REPLAY_PAGE_SIZE, so a catch-up after downtime is as fast as a replay. */
  batchSize?: number;
  /** Called when a projection stops (its batch kept failing); the other projections go on. */
  onError?: (error: unknown) => void;
  /** Called whenever a projection's state changes (running, retrying, stopped). */
  onStateChange?: (statuses: ProjectionStatus[]) => void;
  /** How failed batches are retried; defaults in DEFAULT_RETRY_POLICY. */
  retry?: Partial<RetryPolicy>;
}

export interface RebuildResult {
  /** Events read from the log and applied. */
  events: number;
  ms: number;
  /** Projections that stopped during the rebuild (their batch kept failing); empty when all went through. */
  stopped: ProjectionStatus[];
}

interface Failure {
  state: Exclude<ProjectionState, 'running'>;
  error: string;
  cause: unknown;
  failingSince: string;
  attempts: number;
  willRetry: boolean;
}

/** Thrown out of a delivery when stop() interrupts a retry: the batch is left for the next start. */
class RunnerHalted extends Error {}

/**
 * Keeps the read models of one database up to date with the log: one subscription from the lowest
 * checkpoint, one transaction per delivered batch for all projections and their checkpoints.
 *
 * A batch that fails is retried, not dropped: on a transient error (the database busy or locked by
 * another connection) with back-off for as long as it lasts; past the retry budget the projections
 * count as stopped but are still tried every maxDelayMs. On any other error the batch is tried a few
 * times, then the projection it failed in is stopped alone and the others go on without it. A
 * stopped projection's reads are refused (caughtUp throws ReadModelsUnavailable) rather than served stale.
 */
export class ProjectionRunner {
  private readonly projections: ProjectionSet;
  private readonly retry: RetryPolicy;
  private subscription: Subscription | null = null;
  /** Whether the runner should be following the log (between start() and stop()). */
  private following = false;
  /** Set by stop() to cut a retry short. */
  private halting = false;
  private readonly pause = new Pause();
  private readonly failures = new Map<string, Failure>();
  /** The subscription's own failure (the log could not be read), when it is not a projection's. */
  private logFailure: unknown = null;
  /** start, stop and rebuild run one at a time; caughtUp waits for the one under way. */
  private operation: Promise<unknown> = Promise.resolve();
  private readonly stateListeners: Array<(statuses: ProjectionStatus[]) => void> = [];

  constructor(
    private readonly store: EventStore,
    db: ReadModelDb,
    projections: readonly ProjectionDefinition[],
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    this.projections = new ProjectionSet(db, projections, { logFile: viewableLogFile(store, db) });
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  }

  get names(): string[] {
    return this.projections.names;
  }

  /**
   * Opens the read models and follows the log. A projection that is new, or whose definition version
   * changed, is (dropped and) replayed before this resolves; the others catch up through the
   * subscription. A projection that fails during that replay is stopped (see statuses()), not the start.
   */
  start(): Promise<void> {
    this.halting = false;
    return this.exclusive(async () => {
      this.following = true;
      if (this.subscription) return;
      const reset = this.projections.open();
      if (reset.length > 0) await this.replayInto(reset);
      this.follow();
    });
  }

  /**
   * Resolves once every event appended before the call is committed to the named read models (all by
   * default). Throws ReadModelsUnavailable when one of them is stopped; waits while one is retrying.
   */
  async caughtUp(names: readonly string[] = this.projections.names): Promise<void> {
    await this.operation.catch(() => undefined);
    this.assertAvailable(names);
    const subscription = this.subscription;
    // Between a failed read of the log and the next attempt: unavailable for now, not "not running".
    if (!subscription && this.following) throw new ReadModelsUnavailable(names.map((name) => this.status(name)));
    if (!subscription) throw new Error('projection runner is not running');
    try {
      await subscription.caughtUp();
    } catch (error) {
      // The subscription only knows that it stopped; the runner knows which projection failed and why.
      this.assertAvailable(names);
      throw this.logFailure ?? error;
    }
    // onEvents commits synchronously, so a batch handed over is a batch committed; a projection
    // stopped meanwhile is reported here rather than as "caught up".
    this.assertAvailable(names);
  }

  /**
   * Drops the named read models (all by default), replays the log into them page by page and, if the
   * runner was started, follows the log again. A rebuilt projection starts afresh: running.
   */
  rebuild(names?: readonly string[]): Promise<RebuildResult> {
    this.halting = false;
    return this.exclusive(async () => {
      await this.unsubscribe();
      const started = performance.now();
      this.projections.open();
      const targets = names ?? this.projections.names;
      this.projections.reset(targets);
      for (const name of targets) this.failures.delete(name);
      this.logFailure = null;
      this.changed();
      const events = await this.replayInto(targets);
      const ms = Math.round(performance.now() - started);
      if (this.following) this.follow();
      return { events, ms, stopped: this.statuses().filter((status) => targets.includes(status.name) && status.state !== 'running') };
    });
  }

  stop(): Promise<void> {
    this.halting = true;
    this.pause.interrupt();
    return this.exclusive(async () => {
      this.following = false;
      await this.unsubscribe();
    });
  }

  /** Also tells this listener whenever a projection's state changes (like options.onStateChange). */
  addStateListener(listener: (statuses: ProjectionStatus[]) => void): void {
    this.stateListeners.push(listener);
  }

  /** Committed checkpoint of a projection: the global position of the last event it reflects. */
  position(name: string): number {
    return this.projections.position(name);
  }

  /** Every projection with its state, position and, when failing, why. */
  statuses(): ProjectionStatus[] {
    return this.projections.names.map((name) => this.status(name));
  }

  status(name: string): ProjectionStatus {
    const position = this.projections.position(name);
    const failure = this.failures.get(name);
    if (!failure) return { name, state: 'running', position };
    return {
      name,
      state: failure.state,
      position,
      error: failure.error,
      failingSince: failure.failingSince,
      attempts: failure.attempts,
      willRetry: failure.willRetry,
    };
  }

  /** The error that stopped a projection (the first one stopped), or the log's, if any. */
  get error(): unknown {
    for (const failure of this.failures.values()) if (failure.state === 'stopped') return failure.cause;
    return this.logFailure;
  }

  private assertAvailable(names: readonly string[]): void {
    const stopped = names.map((name) => this.status(name)).filter((status) => status.state === 'stopped');
    if (stopped.length > 0) throw new ReadModelsUnavailable(stopped);
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
    this.logFailure = null;
    let subscription: Subscription | null = null;
    subscription = this.store.subscribe({
      after: this.projections.minPosition(),
      batchSize: this.options.batchSize ?? REPLAY_PAGE_SIZE,
      onEvents: (events: RecordedEvent[]) => this.apply(events),
      onError: (error: unknown) => {
        if (this.subscription === subscription) this.subscription = null;
        if (error instanceof RunnerHalted) return;
        this.logFailure = error;
        if (this.options.onError) this.options.onError(error);
        else console.error('projection runner stopped: the log could not be read', error);
        // A busy log file passes: follow again from the checkpoints after a pause.
        if (isTransientSqliteError(error) && this.following && !this.halting) {
          const failure = { message: `reading the log failed: ${messageOf(error)}`, cause: error };
          this.failing(this.active(), 'retrying', failure, Date.now(), 1, true);
          void this.pause.for(this.retry.maxDelayMs).then(() => {
            if (!this.following || this.halting || this.subscription) return;
            this.logFailure = null;
            this.recovered();
            this.follow();
          });
          return;
        }
        this.failing(
          this.active(),
          'stopped',
          { message: `reading the log after event ${this.projections.minPosition()} failed: ${messageOf(error)}`, cause: error },
          Date.now(),
          1,
          false,
        );
      },
    });
    this.subscription = subscription;
  }

  /**
   * Applies one batch to every projection that is not stopped for good, retrying as the class comment
   * says. Resolves when the batch is committed for all of them (a projection stopped on the way is
   * left out); rejects only when stop() interrupts it.
   */
  private async apply(events: RecordedEvent[]): Promise<void> {
    let transientSince: number | null = null;
    let transientAttempts = 0;
    const persistentAttempts = new Map<string, number>();
    for (;;) {
      if (this.halting) throw new RunnerHalted('projection runner stopped');
      try {
        this.projections.applyBatch(events);
        this.recovered();
        return;
      } catch (error) {
        const failure = error instanceof ProjectionBatchFailed ? error : new ProjectionBatchFailed(null, events[0].globalPosition, error);
        if (isTransientSqliteError(failure.cause)) {
          transientSince ??= Date.now();
          transientAttempts++;
          const stopped = Date.now() - transientSince >= this.retry.transientBudgetMs;
          this.failing(this.active(), stopped ? 'stopped' : 'retrying', failure, transientSince, transientAttempts, true);
          await this.pause.for(retryDelay(this.retry, transientAttempts));
          continue;
        }
        // Not attributable to one projection (the checkpoints table itself): all of them stop.
        const blamed = failure.projection === null ? this.active() : [failure.projection];
        const key = blamed.join(',');
        const attempts = (persistentAttempts.get(key) ?? 0) + 1;
        persistentAttempts.set(key, attempts);
        if (attempts < this.retry.persistentAttempts) {
          await this.pause.for(retryDelay(this.retry, attempts));
          continue;
        }
        for (const name of blamed) this.projections.suspend(name);
        this.failing(blamed, 'stopped', failure, Date.now(), attempts, false);
        if (this.options.onError) this.options.onError(failure);
        else console.error(`projection ${blamed.join(', ')} stopped: its batch keeps failing`, failure);
        if (this.active().length === 0) return;
      }
    }
  }

  /** Projections that are not stopped for good. */
  private active(): string[] {
    return this.projections.names.filter((name) => !this.projections.isSuspended(name));
  }

  private failing(
    names: readonly string[],
    state: Failure['state'],
    failure: { message: string; cause: unknown },
    since: number,
    attempts: number,
    willRetry: boolean,
  ): void {
    let changed = false;
    for (const name of names) {
      const previous = this.failures.get(name);
      if (previous?.state !== state) changed = true;
      this.failures.set(name, {
        state,
        error: failure.message,
        cause: failure.cause,
        failingSince: previous?.failingSince ?? new Date(since).toISOString(),
        attempts,
        willRetry,
      });
    }
    if (changed) this.changed();
  }

  /** A batch went through: whatever was only retrying or waiting out a transient error runs again. */
  private recovered(): void {
    let changed = false;
    for (const [name, failure] of this.failures) {
      if (failure.willRetry) {
        this.failures.delete(name);
        changed = true;
      }
    }
    if (changed) this.changed();
  }

  private changed(): void {
    const statuses = this.statuses();
    this.options.onStateChange?.(statuses);
    for (const listener of this.stateListeners) listener(statuses);
  }

  /** Replays into projections that were just reset, their secondary indexes built once at the end. */
  private async replayInto(reset: readonly string[]): Promise<number> {
    const restore = this.projections.prepareReplay(reset);
    try {
      return await this.replay();
    } finally {
      restore();
    }
  }

  /** Reads the log in pages from the lowest checkpoint; each page is one transaction. */
  private async replay(): Promise<number> {
    let after = this.projections.minPosition();
    let count = 0;
    for (;;) {
      const page = await this.store.readAll({ after, maxCount: REPLAY_PAGE_SIZE });
      if (page.length === 0) return count;
      await this.apply(page);
      count += page.length;
      after = page[page.length - 1].globalPosition;
    }
  }
}

/** The log's file when both it and the read models are SQLite files, so that a read model can view the log instead of copying it. */
function viewableLogFile(store: EventStore, db: ReadModelDb): string | undefined {
  const inFile = (name: string) => name !== '' && name !== ':memory:';
  return store instanceof SqliteEventStore && inFile(store.path) && inFile(db.name) ? resolve(store.path) : undefined;
}
