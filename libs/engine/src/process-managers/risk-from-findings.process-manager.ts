import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { risksFromResponse, type ResponseRecorded } from '@dd/domain';
import type { EventStore, RecordedEvent, Subscription } from '@dd/event-store';
import type { Database, Statement } from 'better-sqlite3';
import { RaiseRiskCommand, RaiseRiskHandler } from '../commands/risk-command.handlers';
import { EVENT_STORE, READ_MODEL_DB } from '../tokens';

export const SYSTEM_ACTOR = 'system:risk-from-findings';
const CHECKPOINT = 'process-manager:risk-from-findings';

/**
 * Turns the red-flag findings of each recorded response into risks (RaiseRisk commands). It is a
 * consumer of the store with its own checkpoint: after a crash it resumes from the checkpoint, and
 * because each command's id is derived from the source event, a replayed event raises nothing twice.
 */
@Injectable()
export class RiskFromFindingsProcessManager implements OnApplicationShutdown {
  private readonly logger = new Logger(RiskFromFindingsProcessManager.name);
  private subscription?: Subscription;
  /** Prepared once: the checkpoint is saved after every batch, i.e. after nearly every command. */
  private statements?: { read: Statement; save: Statement };

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) private readonly db: Database,
    // The handler itself rather than the CommandBus: after a restart the subscription may replay
    // events before the CQRS module has registered its handlers (both are global modules, bootstrapped in turn).
    private readonly raiseRisk: RaiseRiskHandler,
  ) {}

  start(): void {
    if (this.subscription) return;
    this.subscription = this.store.subscribe({
      after: this.checkpoint(),
      onEvents: (events) => this.handle(events),
      onError: (error) => this.logger.error(`stopped: ${String(error)}`),
    });
  }

  async caughtUp(): Promise<void> {
    await this.subscription?.caughtUp();
  }

  position(): number {
    return this.checkpoint();
  }

  async stop(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = undefined;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  private async handle(events: RecordedEvent[]): Promise<void> {
    for (const event of events) {
      if (event.type === 'ResponseRecorded') {
        for (const risk of risksFromResponse(event.data as ResponseRecorded, event.metadata.eventId)) {
          await this.raiseRisk.execute(
            new RaiseRiskCommand(risk, {
              commandId: `risk-from-findings/${event.metadata.eventId}/${risk.category}/${risk.metal ?? 'all'}`,
              actor: SYSTEM_ACTOR,
              correlationId: event.metadata.correlationId,
              causationId: event.metadata.eventId,
            }),
          );
        }
      }
    }
    // Once per batch: replaying part of a batch after a crash is harmless (idempotent command ids).
    if (events.length) this.saveCheckpoint(events[events.length - 1].globalPosition);
  }

  private checkpoint(): number {
    const row = this.checkpointStatements().read.get(CHECKPOINT) as { position: number } | undefined;
    return row?.position ?? 0;
  }

  private saveCheckpoint(position: number): void {
    this.checkpointStatements().save.run(CHECKPOINT, position);
  }

  private checkpointStatements(): { read: Statement; save: Statement } {
    this.statements ??= {
      read: this.db.prepare('SELECT position FROM checkpoints WHERE name = ?'),
      save: this.db.prepare(
        'INSERT INTO checkpoints(name, position, version) VALUES (?, ?, 1) ON CONFLICT(name) DO UPDATE SET position = excluded.position',
      ),
    };
    return this.statements;
  }
}
