import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { EventStore, RecordedEvent, Subscription } from '@dd/event-store';
import { DEFAULT_RETRY_POLICY, isTransientSqliteError, messageOf, Pause, retryDelay, type RetryPolicy } from '@dd/projections';
import type { Database, Statement } from 'better-sqlite3';
import type { ProcessManagerStatus } from './process-manager-status';

interface Failure {
  state: 'retrying' | 'stopped';
  error: string;
  failingSince: string;
  attempts: number;
  willRetry: boolean;
}

/**
 * A process manager fed from the log: it follows the store from its own checkpoint (kept in the
 * read-model database) and turns events into commands. Delivery is at least once — after a crash the
 * events since the checkpoint come again — so every command it sends carries an id derived from the
 * event that caused it, and the store answers a repeat with its first result: the effect is once.
 *
 * It sends through the CommandDispatcher, which needs no Nest wiring to be ready: on start it may
 * replay a backlog during the engine's bootstrap.
 *
 * A batch that fails is tried again from the checkpoint (the repeats are harmless, see above): with
 * back-off, for as long as a transient cause (a busy database) lasts, a few times for any other; then
 * the process manager is stopped, and says so in status().
 */
export abstract class LogProcessManager implements OnApplicationShutdown {
  protected readonly logger = new Logger(this.constructor.name);
  private subscription?: Subscription;
  private checkpointSql?: { read: Statement; save: Statement };
  private running = false;
  private retry: RetryPolicy = DEFAULT_RETRY_POLICY;
  private failure: Failure | null = null;
  /** Fed pages by a shared reader (ProcessManagerCatchUp) instead of following the log itself. */
  private catchingUp = false;
  private readonly pause = new Pause();
  /** Told whenever status().state changes (the read side publishes failures for other processes). */
  onStateChange?: () => void;

  protected constructor(
    protected readonly store: EventStore,
    protected readonly db: Database,
    /** The checkpoint's name in the read-model database; stable across releases. */
    private readonly checkpointName: string,
  ) {}

  /** Its name in health reports: the checkpoint's, without the "process-manager:" prefix. */
  get name(): string {
    return this.checkpointName.replace(/^process-manager:/, '');
  }

  start(retry: Partial<RetryPolicy> = {}): void {
    this.prepare(retry);
    this.follow();
  }

  /**
   * Starts without reading the log itself: a shared reader (ProcessManagerCatchUp) hands it the pages
   * it is behind on (catchUpWith), then finishCatchUp() lets it follow the log alone.
   */
  startCatchingUp(retry: Partial<RetryPolicy> = {}): void {
    this.prepare(retry);
    this.catchingUp = true;
  }

  /**
   * One page of the shared catch-up: handles the events after its checkpoint, as a batch of its own
   * subscription would be (its own transaction and checkpoint). False when it failed or is stopped:
   * it then leaves the shared reader and reads on alone from its checkpoint, retrying as it would.
   */
  async catchUpWith(page: readonly RecordedEvent[]): Promise<boolean> {
    if (!this.catchingUp || !this.running) return false;
    const position = this.position();
    const events = position < page[0].globalPosition ? page : page.filter((event) => event.globalPosition > position);
    if (events.length === 0) return true;
    try {
      await this.handleBatch(events as RecordedEvent[]);
      return true;
    } catch (error) {
      this.catchingUp = false;
      this.failed(error);
      return false;
    }
  }

  /** The shared reader is done with it (it reached the head, or stops): it follows the log alone. */
  finishCatchUp(): void {
    if (!this.catchingUp) return;
    this.catchingUp = false;
    this.follow();
  }

  /** Whether it is still fed by the shared reader. */
  get isCatchingUp(): boolean {
    return this.catchingUp && this.running;
  }

  /** What start() and startCatchingUp() have in common; a process manager that notes something on start does it here. */
  protected prepare(retry: Partial<RetryPolicy>): void {
    this.retry = { ...DEFAULT_RETRY_POLICY, ...retry };
    this.running = true;
  }

  /**
   * Resolves when every event appended before the call has been handled; at once when it is not
   * following the log or its last batch failed (reads do not wait for a failing process manager;
   * status() reports it).
   */
  async caughtUp(): Promise<void> {
    // Catching up after a start: reads do not wait for the whole log; status() says how far it is.
    if (this.failure || this.catchingUp) return;
    try {
      await this.subscription?.caughtUp();
    } catch {
      // It stopped meanwhile; status() says why, and reads do not wait for it.
    }
  }

  /** The global position of the last event handled for good. */
  position(): number {
    const row = this.checkpointStatements().read.get(this.checkpointName) as { position: number } | undefined;
    return row?.position ?? 0;
  }

  status(): ProcessManagerStatus {
    const base = { name: this.name, driver: 'log' as const, position: this.position() };
    if (!this.running && !this.failure) return { ...base, state: 'off' };
    if (!this.failure) return { ...base, state: this.catchingUp ? 'catching-up' : 'running' };
    return { ...base, ...this.failure };
  }

  async stop(): Promise<void> {
    this.running = false;
    this.catchingUp = false;
    this.pause.interrupt();
    await this.subscription?.stop();
    this.subscription = undefined;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /** One event's commands; override handleBatch instead when state must commit with the checkpoint. */
  protected abstract handle(event: RecordedEvent): Promise<void>;

  protected async handleBatch(events: RecordedEvent[]): Promise<void> {
    for (const event of events) await this.handle(event);
    // Once per batch: replaying part of a batch after a crash is harmless (idempotent command ids).
    if (events.length) this.saveCheckpoint(events[events.length - 1].globalPosition);
  }

  protected saveCheckpoint(position: number): void {
    this.checkpointStatements().save.run(this.checkpointName, position);
  }

  private follow(): void {
    if (this.subscription || !this.running || this.catchingUp) return;
    // The callbacks compare against this subscription; they run only after subscribe has returned (the
    // first batch comes from an awaited read).
    const subscription: Subscription = this.store.subscribe({
      after: this.position(),
      onEvents: async (events) => {
        await this.handleBatch(events);
        this.recovered();
      },
      onError: (error) => {
        if (this.subscription === subscription) this.subscription = undefined;
        this.failed(error);
      },
    });
    this.subscription = subscription;
  }

  private failed(error: unknown): void {
    if (!this.running) return;
    const transient = isTransientSqliteError(error);
    const previous = this.failure;
    const attempts = (previous?.attempts ?? 0) + 1;
    const failingSince = previous?.failingSince ?? new Date().toISOString();
    const retry = transient || attempts < this.retry.persistentAttempts;
    const state = !retry || (transient && Date.now() - Date.parse(failingSince) >= this.retry.transientBudgetMs) ? 'stopped' : 'retrying';
    this.failure = { state, error: messageOf(error), failingSince, attempts, willRetry: retry };
    if (state === 'stopped') this.logger.error(`stopped${retry ? ' (still retried now and then)' : ''}: ${messageOf(error)}`);
    else this.logger.warn(`batch failed, retrying (attempt ${attempts}): ${messageOf(error)}`);
    if (previous?.state !== state) this.onStateChange?.();
    if (retry) void this.pause.for(retryDelay(this.retry, attempts)).then(() => this.follow());
  }

  private recovered(): void {
    if (!this.failure) return;
    this.logger.log(`running again after ${this.failure.attempts} failed attempt(s)`);
    this.failure = null;
    this.onStateChange?.();
  }

  private checkpointStatements(): { read: Statement; save: Statement } {
    this.checkpointSql ??= {
      read: this.db.prepare('SELECT position FROM checkpoints WHERE name = ?'),
      save: this.db.prepare(
        'INSERT INTO checkpoints(name, position, version) VALUES (?, ?, 1) ON CONFLICT(name) DO UPDATE SET position = excluded.position',
      ),
    };
    return this.checkpointSql;
  }
}
