import { Inject, Injectable } from '@nestjs/common';
import { risksFromResponse, type ResponseRecorded } from '@dd/domain';
import type { EventStore, RecordedEvent } from '@dd/event-store';
import type { Database } from 'better-sqlite3';
import { RaiseRiskCommand, RaiseRiskHandler } from '../commands/risk-command.handlers';
import { EVENT_STORE, READ_MODEL_DB } from '../tokens';
import { LogProcessManager } from './log-process-manager';

export const SYSTEM_ACTOR = 'system:risk-from-findings';
const CHECKPOINT = 'process-manager:risk-from-findings';

/**
 * Turns the red-flag findings of each recorded response into risks (RaiseRisk commands). It is a
 * consumer of the store with its own checkpoint: after a crash it resumes from the checkpoint, and
 * because each command's id is derived from the source event, a replayed event raises nothing twice.
 */
@Injectable()
export class RiskFromFindingsProcessManager extends LogProcessManager {
  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(READ_MODEL_DB) db: Database,
    private readonly raiseRisk: RaiseRiskHandler,
  ) {
    super(store, db, CHECKPOINT);
  }

  protected async handle(event: RecordedEvent): Promise<void> {
    if (event.type !== 'ResponseRecorded') return;
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
