import { Inject, Injectable } from '@nestjs/common';
import { grievanceRiskWorkflow, type WorkflowCommand } from '@dd/domain';
import type { EventStore } from '@dd/event-store';
import type { Database } from 'better-sqlite3';
import { CommandDispatcher } from '../commands/command-dispatcher';
import { EVENT_STORE, READ_MODEL_DB } from '../tokens';
import { NO_STATE, WorkflowProcessManager } from './workflow-process-manager';

/**
 * "A grievance raises a risk" (grievance-risk.policy.ts). A refusal would be the same on every retry
 * (e.g. the supplier it names is unknown): it is logged and skipped.
 */
@Injectable()
export class GrievanceRiskProcessManager extends WorkflowProcessManager<'GrievanceRecorded', WorkflowCommand<'RaiseRisk'>> {
  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(READ_MODEL_DB) db: Database, commands: CommandDispatcher) {
    super(store, db, commands, grievanceRiskWorkflow, () => NO_STATE);
  }
}
