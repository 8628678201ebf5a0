import { Inject, Injectable } from '@nestjs/common';
import { CommandRefused, risksFromResponse, type ResponseRecorded } from '@dd/domain';
import type { EventStore, RecordedEvent } from '@dd/event-store';
import type { Database } from 'better-sqlite3';
import { CommandDispatcher } from '../commands/command-dispatcher';
import { EVENT_STORE, READ_MODEL_DB } from '../tokens';
import { LogProcessManager } from './log-process-manager';

export const SYSTEM_ACTOR = 'system:risk-from-findings';
const CHECKPOINT = 'process-manager:risk-from-findings';

/**
 * Turns the red-flag findings of each recorded response into risks (RaiseRisk commands). It is a
 * consumer of the store with its own checkpoint: after a crash it resumes from the checkpoint, and
 * because each command's id is derived from the source event, a replayed event raises nothing twice.
 * A refusal (a closed reporting year: period-closed) would be the same on every retry: it is skipped,
 * and one warning per response says how many risks were not raised and why.
 */
@Injectable()
export class RiskFromFindingsProcessManager extends LogProcessManager {
  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(READ_MODEL_DB) db: Database,
    private readonly commands: CommandDispatcher,
  ) {
    super(store, db, CHECKPOINT);
  }

  protected async handle(event: RecordedEvent): Promise<void> {
    if (event.type !== 'ResponseRecorded') return;
    const refused: string[] = [];
    for (const risk of risksFromResponse(event.data as ResponseRecorded, event.metadata.eventId)) {
      try {
        await this.commands.dispatch('RaiseRisk', risk, {
          commandId: `risk-from-findings/${event.metadata.eventId}/${risk.category}/${risk.metal ?? 'all'}`,
          actor: SYSTEM_ACTOR,
          correlationId: event.metadata.correlationId,
          causationId: event.metadata.eventId,
          causedAt: event.metadata.occurredAt,
        });
      } catch (error) {
        if (!(error instanceof CommandRefused)) throw error;
        refused.push(error.code);
      }
    }
    if (refused.length) {
      this.logger.warn(
        `ResponseRecorded ${event.metadata.eventId}: ${refused.length} risk(s) not raised (${[...new Set(refused)].join(', ')})`,
      );
    }
  }
}
