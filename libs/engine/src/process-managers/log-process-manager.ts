import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { EventStore, RecordedEvent, Subscription } from '@dd/event-store';
import type { Database, Statement } from 'better-sqlite3';

/**
 * A process manager fed from the log: it follows the store from its own checkpoint (kept in the
 * read-model database) and turns events into commands. Delivery is at least once — after a crash the
 * events since the checkpoint come again — so every command it sends carries an id derived from the
 * event that caused it, and the store answers a repeat with its first result: the effect is once.
 *
 * It sends through the command handlers themselves, not the CommandBus: on start it may replay a
 * backlog during the engine's bootstrap, before the CQRS module has registered the bus's handlers.
 */
export abstract class LogProcessManager implements OnApplicationShutdown {
  protected readonly logger = new Logger(this.constructor.name);
  private subscription?: Subscription;
  private checkpointSql?: { read: Statement; save: Statement };

  protected constructor(
    protected readonly store: EventStore,
    protected readonly db: Database,
    /** The checkpoint's name in the read-model database; stable across releases. */
    private readonly checkpointName: string,
  ) {}

  start(): void {
    if (this.subscription) return;
    this.subscription = this.store.subscribe({
      after: this.position(),
      onEvents: (events) => this.handleBatch(events),
      onError: (error) => this.logger.error(`stopped: ${String(error)}`),
    });
  }

  /** Resolves when every event appended before the call has been handled. */
  async caughtUp(): Promise<void> {
    await this.subscription?.caughtUp();
  }

  /** The global position of the last event handled for good. */
  position(): number {
    const row = this.checkpointStatements().read.get(this.checkpointName) as { position: number } | undefined;
    return row?.position ?? 0;
  }

  async stop(): Promise<void> {
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
