import { Inject, Injectable } from '@nestjs/common';
import { CommandRefused, riskFromGrievance, type GrievanceRecorded } from '@dd/domain';
import type { EventStore, RecordedEvent } from '@dd/event-store';
import type { Database } from 'better-sqlite3';
import { CommandDispatcher } from '../commands/command-dispatcher';
import { EVENT_STORE, READ_MODEL_DB } from '../tokens';
import { LogProcessManager } from './log-process-manager';

export const GRIEVANCE_ACTOR = 'system:grievance-risk';
const CHECKPOINT = 'process-manager:grievance-risk';

/**
 * "A grievance raises a risk": every GrievanceRecorded becomes a RaiseRisk (grievance-risk.policy.ts).
 * Like the risk-from-findings process manager, a consumer of the store with its own checkpoint; the
 * command id is derived from the grievance event, so an event delivered again after a crash raises
 * nothing twice.
 */
@Injectable()
export class GrievanceRiskProcessManager extends LogProcessManager {
  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(READ_MODEL_DB) db: Database,
    private readonly commands: CommandDispatcher,
  ) {
    super(store, db, CHECKPOINT);
  }

  protected async handle(event: RecordedEvent): Promise<void> {
    if (event.type !== 'GrievanceRecorded') return;
    const risk = riskFromGrievance(event.data as GrievanceRecorded, event.metadata.eventId);
    try {
      await this.commands.dispatch('RaiseRisk', risk, {
        commandId: `grievance-risk/${event.metadata.eventId}`,
        actor: GRIEVANCE_ACTOR,
        correlationId: event.metadata.correlationId,
        causationId: event.metadata.eventId,
        causedAt: event.metadata.occurredAt,
      });
    } catch (error) {
      // A refusal would be the same on every retry (e.g. the supplier it names is unknown): note it and go on.
      if (!(error instanceof CommandRefused)) throw error;
      this.logger.warn(
        `grievance ${risk.source.kind === 'grievance' ? risk.source.grievanceId : ''} raised no risk (${error.code}): ${error.reason}`,
      );
    }
  }
}
