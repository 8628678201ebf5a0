import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CommandRefused, riskFromGrievance, type GrievanceRecorded } from '@dd/domain';
import type { EventStore, RecordedEvent, Subscription } from '@dd/event-store';
import type { Database, Statement } from 'better-sqlite3';
import { RaiseRiskCommand } from '../commands/risk-command.handlers';
import { EVENT_STORE, READ_MODEL_DB } from '../tokens';

export const GRIEVANCE_ACTOR = 'system:grievance-risk';
const CHECKPOINT = 'process-manager:grievance-risk';

/**
 * "A grievance raises a risk": every GrievanceRecorded becomes a RaiseRisk (grievance-risk.policy.ts).
 * Like the risk-from-findings process manager, a consumer of the store with its own checkpoint; the
 * command id is derived from the grievance event, so an event delivered again after a crash raises
 * nothing twice.
 */
@Injectable()
export class GrievanceRiskProcessManager implements OnApplicationShutdown {
  private readonly logger = new Logger(GrievanceRiskProcessManager.name);
  private subscription?: Subscription;
  private statements?: { read: Statement; save: Statement };

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) private readonly db: Database,
    private readonly commandBus: CommandBus,
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
      if (event.type !== 'GrievanceRecorded') continue;
      const risk = riskFromGrievance(event.data as GrievanceRecorded, event.metadata.eventId);
      try {
        await this.commandBus.execute(
          new RaiseRiskCommand(risk, {
            commandId: `grievance-risk/${event.metadata.eventId}`,
            actor: GRIEVANCE_ACTOR,
            correlationId: event.metadata.correlationId,
            causationId: event.metadata.eventId,
          }),
        );
      } catch (error) {
        // A refusal would be the same on every retry (e.g. the supplier it names is unknown): note it and go on.
        if (!(error instanceof CommandRefused)) throw error;
        this.logger.warn(`grievance ${risk.source.kind === 'grievance' ? risk.source.grievanceId : ''} raised no risk (${error.code}): ${error.reason}`);
      }
    }
    // Once per batch: replaying part of a batch after a crash is harmless (idempotent command ids).
    if (events.length) this.sql().save.run(CHECKPOINT, events[events.length - 1].globalPosition);
  }

  private checkpoint(): number {
    const row = this.sql().read.get(CHECKPOINT) as { position: number } | undefined;
    return row?.position ?? 0;
  }

  private sql(): { read: Statement; save: Statement } {
    this.statements ??= {
      read: this.db.prepare('SELECT position FROM checkpoints WHERE name = ?'),
      save: this.db.prepare(
        'INSERT INTO checkpoints(name, position, version) VALUES (?, ?, 1) ON CONFLICT(name) DO UPDATE SET position = excluded.position',
      ),
    };
    return this.statements;
  }
}
