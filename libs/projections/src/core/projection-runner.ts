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
  /** Keep the tables' history for "as of" reads (temporal/history-tables.ts); default true. */
  history?: boolean;
}

export interface RebuildResult {
  /** Events read from the log and applied. */
  events: number;
  ms: number;
  /** Projections that stopped during the rebuild (their batch kept failing); empty when all went through. */
  stopped: ProjectionStatus[];
}

export interface ProjectionRunnerStartOptions {
  /**
   * Resolve as soon as the read models are open and let the replay (new or changed read models) and
   * the catch-up (read models behind the log) run in the background: meanwhile those read models
   * report 'catching-up' and caughtUp() refuses them at once instead of waiting (see catchingUp()).
   * A server starts so, to listen at once; a CLI command waits for the read models it reads.
   */
  background?: boolean;
}

/** A start's replay running in the background: until it ends, read models behind the log are catching up. */
interface BackgroundCatchUp {
  /** The log's head when the runner started: the replay ends there, and the subscription follows on. */
  readonly target: number;
  /** The log's head as last seen by the replay: a read model short of it is catching up. */
  head: number;
  /** Set to end the replay after its current page (rebuild, stop). */
  interrupted: boolean;
  /**
   * The projections that were behind when the others were level with the log: replayed apart, in a
   * set of their own, while the others follow the log live (null: one replay for all).
   */
  apart: { set: ProjectionSet; names: readonly string[] } | null;
  /** Settles when the replay has ended (and the runner follows the log, unless it was interrupted). */
  done: Promise<void>;
}

interface Failure {
  state: Exclude<ProjectionState, 'running' | 'catching-up'>;
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
  /** Every projection; while a start replays some apart (see replayApart), those are suspended in it. */
  private projections: ProjectionSet;
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
  /** A start's replay under way in the background (start({ background: true })), null otherwise. */
  private background: BackgroundCatchUp | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly db: ReadModelDb,
    private readonly definitions: readonly ProjectionDefinition[],
    private readonly options: ProjectionRunnerOptions = {},
  ) {
    this.projections = this.setOf(definitions);
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  }

  get names(): string[] {
    return this.projections.names;
  }

  /**
   * Opens the read models and follows the log. A projection that is new, or whose definition version
   * changed, is (dropped and) replayed before this resolves; the others catch up through the
   * subscription. A projection that fails during that replay is stopped (see statuses()), not the start.
   * With `background`, it resolves once the read models are open and replays meanwhile (see
   * ProjectionRunnerStartOptions); catchingUp() says whether that is still under way.
   */
  start(options: ProjectionRunnerStartOptions = {}): Promise<void> {
    this.halting = false;
    return this.exclusive(async () => {
      this.following = true;
      if (this.subscription || this.background) return;
      const reset = this.projections.open();
      if (!options.background) {
        if (reset.length > 0) await this.replayInto(reset);
        this.follow();
        return;
      }
      // Nothing proportional to the log before this resolves: one look at the head.
      const head = await this.store.headPosition();
      if (this.projections.minPosition() >= head) {
        this.follow();
        return;
      }
      const behind = this.projections.names.filter((name) => this.projections.position(name) < head);
      if (behind.length < this.projections.names.length) this.replayApart(behind, reset, head);
      else this.replayInBackground(reset, head);
    });
  }

  /** Whether a start's replay is still under way in the background (start({ background: true })). */
  get catchingUp(): boolean {
    return this.background !== null;
  }

  /**
   * Resolves when the start's replay in the background has ended (at once when none is under way):
   * for what must not run on half-built read models (a scheduled pass on start).
   */
  async replayed(): Promise<void> {
    await this.operation.catch(() => undefined);
    await this.background?.done;
  }

  /**
   * Resolves once every event appended before the call is committed to the named read models (all by
   * default). Throws ReadModelsUnavailable when one of them is stopped; waits while one is retrying.
   */
  async caughtUp(names: readonly string[] = this.projections.names): Promise<void> {
    await this.operation.catch(() => undefined);
    this.assertAvailable(names);
    if (this.background) return this.caughtUpInBackground(names);
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
      // The live subscription first: a replay apart joins the live set only once no live batch can come.
      await this.unsubscribe();
      await this.interruptBackground();
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
      // The live subscription first: a replay apart joins the live set only once no live batch can come.
      await this.unsubscribe();
      await this.interruptBackground();
    });
  }

  /** Also tells this listener whenever a projection's state changes (like options.onStateChange). */
  addStateListener(listener: (statuses: ProjectionStatus[]) => void): void {
    this.stateListeners.push(listener);
  }

  /** Committed checkpoint of a projection: the global position of the last event it reflects. */
  position(name: string): number {
    const apart = this.background?.apart;
    return apart?.names.includes(name) ? apart.set.position(name) : this.projections.position(name);
  }

  /** Short of the head while a start's replay runs: when some replay apart, only those. */
  private isCatchingUp(name: string, position: number): boolean {
    const background = this.background;
    if (!background || position >= background.head) return false;
    return background.apart === null || background.apart.names.includes(name);
  }

  /** Every projection with its state, position and, when failing, why. */
  statuses(): ProjectionStatus[] {
    return this.projections.names.map((name) => this.status(name));
  }

  status(name: string): ProjectionStatus {
    const position = this.position(name);
    const failure = this.failures.get(name);
    if (!failure) return { name, state: this.isCatchingUp(name, position) ? 'catching-up' : 'running', position };
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
  private async apply(events: RecordedEvent[], apart?: ProjectionSet): Promise<void> {
    let transientSince: number | null = null;
    let transientAttempts = 0;
    const persistentAttempts = new Map<string, number>();
    for (;;) {
      if (this.halting) throw new RunnerHalted('projection runner stopped');
      // Looked up on every attempt: the live set is replaced when a replay apart joins it.
      const projections = apart ?? this.projections;
      try {
        projections.applyBatch(events);
        this.recovered();
        return;
      } catch (error) {
        const failure = error instanceof ProjectionBatchFailed ? error : new ProjectionBatchFailed(null, events[0].globalPosition, error);
        if (isTransientSqliteError(failure.cause)) {
          transientSince ??= Date.now();
          transientAttempts++;
          const stopped = Date.now() - transientSince >= this.retry.transientBudgetMs;
          this.failing(this.active(projections), stopped ? 'stopped' : 'retrying', failure, transientSince, transientAttempts, true);
          await this.pause.for(retryDelay(this.retry, transientAttempts));
          continue;
        }
        // Not attributable to one projection (the checkpoints table itself): all of them stop.
        const blamed = failure.projection === null ? this.active(projections) : [failure.projection];
        const key = blamed.join(',');
        const attempts = (persistentAttempts.get(key) ?? 0) + 1;
        persistentAttempts.set(key, attempts);
        if (attempts < this.retry.persistentAttempts) {
          await this.pause.for(retryDelay(this.retry, attempts));
          continue;
        }
        for (const name of blamed) projections.suspend(name);
        this.failing(blamed, 'stopped', failure, Date.now(), attempts, false);
        if (this.options.onError) this.options.onError(failure);
        else console.error(`projection ${blamed.join(', ')} stopped: its batch keeps failing`, failure);
        if (this.active(projections).length === 0) return;
      }
    }
  }

  /** Projections that are not stopped for good. */
  private active(projections = this.projections): string[] {
    return projections.names.filter((name) => !projections.isSuspended(name));
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

  /**
   * The replay of a start in the background: the same pages as a blocking start, one transaction each,
   * with the event loop free between them (HTTP answers meanwhile). Then it follows the log as usual.
   * Should the log not be readable, the subscription takes over from the checkpoints: it retries and
   * reports as it does when following.
   */
  private replayInBackground(reset: readonly string[], head: number): void {
    const background: BackgroundCatchUp = { target: head, head, interrupted: false, apart: null, done: Promise.resolve() };
    this.background = background;
    background.done = this.replayInto(reset, background)
      // stop() cut it short (RunnerHalted), or the log could not be read: following from the
      // checkpoints reads it again, retrying and reporting as the subscription does.
      .catch(() => undefined)
      .then(() => {
        this.background = null;
        if (!background.interrupted && this.following && !this.halting && !this.subscription) this.follow();
        this.changed();
      });
    this.changed();
  }

  /**
   * A start where some read models are level with the log and others behind (one was reset by an
   * upgrade): the level ones follow the log live at once, so their reads stay current while commands
   * append, and the others replay apart, in a ProjectionSet of their own on the same database, up to
   * where the live ones are. Then one set again, opened from the committed checkpoints, follows for all.
   */
  private replayApart(behind: readonly string[], reset: readonly string[], head: number): void {
    const set = this.setOf(this.definitions.filter((definition) => behind.includes(definition.name)));
    set.open();
    const background: BackgroundCatchUp = {
      target: head,
      head,
      interrupted: false,
      apart: { set, names: behind },
      done: Promise.resolve(),
    };
    this.background = background;
    for (const name of behind) this.projections.suspend(name);
    this.follow();
    let indexesRestored = false;
    const restore = set.deferIndexes(reset);
    const joinHere = () => {
      if (!indexesRestored) restore();
      indexesRestored = true;
      this.join(set);
    };
    const replay = async (): Promise<void> => {
      let after = set.minPosition();
      for (;;) {
        if (background.interrupted || this.halting) throw new RunnerHalted('replay apart interrupted');
        // Checked and joined in one synchronous step: no live batch can be applied in between.
        const live = this.projections.minPosition();
        if (after >= live) return joinHere();
        const page = await this.store.readAll({ after, maxCount: Math.min(REPLAY_PAGE_SIZE, live - after) });
        if (page.length === 0) throw new Error(`the log ends before position ${live}`);
        await this.apply(page, set);
        after = page[page.length - 1].globalPosition;
        background.head = Math.max(background.head, await this.store.headPosition());
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    background.done = replay()
      .catch(async () => {
        // Interrupted (rebuild, stop), or the log could not be read: with the live subscription ended,
        // one subscription for all from the checkpoints catches the replayed ones up (and retries).
        await this.unsubscribe();
        joinHere();
        if (this.following && !this.halting && !background.interrupted) this.follow();
      })
      .then(() => {
        this.background = null;
        this.changed();
      });
    this.changed();
  }

  /**
   * One set again after a replay apart: opened from the committed checkpoints (the replayed read models
   * at, or past, the live ones' position: the live batches skip what each has), keeping what was stopped.
   */
  private join(apart: ProjectionSet): void {
    const joined = this.setOf(this.definitions);
    joined.open();
    for (const name of joined.names) {
      const stopped = apart.names.includes(name) ? apart.isSuspended(name) : this.projections.isSuspended(name);
      if (stopped) joined.suspend(name);
    }
    this.projections = joined;
  }

  /** A set of read models on this runner's database, keeping their history unless the options say not to. */
  private setOf(definitions: readonly ProjectionDefinition[]): ProjectionSet {
    return new ProjectionSet(this.db, definitions, {
      history: this.options.history ?? true,
      logFile: viewableLogFile(this.store, this.db),
    });
  }

  /** Ends a replay in the background after its current page (and waits for that). */
  private async interruptBackground(): Promise<void> {
    const background = this.background;
    if (!background) return;
    background.interrupted = true;
    await background.done;
  }

  /**
   * caughtUp() while the start's replay runs in the background: a read model level with the log's head
   * is read as it is; one short of it is catching up, and refused at once rather than waited for.
   */
  private async caughtUpInBackground(names: readonly string[]): Promise<void> {
    const apart = this.background?.apart;
    const live = apart ? names.filter((name) => !apart.names.includes(name)) : [];
    const head = await this.store.headPosition();
    const behind = names
      .filter((name) => !live.includes(name))
      .map((name) => this.status(name))
      .filter((status) => status.state !== 'stopped' && status.position < head)
      .map((status) => ({ ...status, state: 'catching-up' as const, behind: head - status.position }));
    if (behind.length === 0) {
      // The read models level with the log at the start follow it live meanwhile: read your writes as usual.
      const subscription = this.subscription;
      if (live.length > 0 && subscription) await subscription.caughtUp();
      return;
    }
    throw new ReadModelsUnavailable(
      behind,
      `read model${behind.length === 1 ? '' : 's'} ${behind
        .map((status) => `${status.name} (at position ${status.position}, ${status.behind} behind)`)
        .join(', ')} still catching up with the log (head ${head}) since this server started; try again shortly`,
      head,
    );
  }

  /** Replays into projections that were just reset, their secondary indexes built once at the end. */
  private async replayInto(reset: readonly string[], background?: BackgroundCatchUp): Promise<number> {
    const restore = this.projections.prepareReplay(reset);
    try {
      return await this.replay(background);
    } finally {
      await restore();
    }
  }

  /** Reads the log in pages from the lowest checkpoint; each page is one transaction. */
  private async replay(background?: BackgroundCatchUp): Promise<number> {
    let after = this.projections.minPosition();
    let count = 0;
    for (;;) {
      // In the background it ends at the head as it was at the start: under a steady stream of appends an
      // "empty page" may never come, and from there the subscription follows as it does live.
      if (background && (background.interrupted || after >= background.target)) return count;
      const page = await this.store.readAll({ after, maxCount: REPLAY_PAGE_SIZE });
      if (page.length === 0 || background?.interrupted) return count;
      await this.apply(page);
      count += page.length;
      after = page[page.length - 1].globalPosition;
      if (background) {
        // The log grows meanwhile (commands are accepted): a read model short of the new head is still catching up.
        background.head = Math.max(background.head, await this.store.headPosition());
        // A synchronous store's reads settle as microtasks: without a turn of the event loop between
        // pages, no request would be answered until the whole replay is done.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  }
}

/** The log's file when both it and the read models are SQLite files, so that a read model can view the log instead of copying it. */
function viewableLogFile(store: EventStore, db: ReadModelDb): string | undefined {
  const inFile = (name: string) => name !== '' && name !== ':memory:';
  return store instanceof SqliteEventStore && inFile(store.path) && inFile(db.name) ? resolve(store.path) : undefined;
}
