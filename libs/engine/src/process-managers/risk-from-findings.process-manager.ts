import { Inject, Injectable } from '@nestjs/common';
import { riskFromFindingsWorkflow, type WorkflowCommand } from '@dd/domain';
import type { EventStore } from '@dd/event-store';
import type { Database } from 'better-sqlite3';
import { CommandDispatcher } from '../commands/command-dispatcher';
import { EVENT_STORE, READ_MODEL_DB } from '../tokens';
import { NO_STATE, WorkflowProcessManager } from './workflow-process-manager';

/**
 * Turns the red-flag findings of each recorded response into risks (risks-from-findings.policy.ts). A
 * refusal (a closed reporting year: period-closed) would be the same on every retry: it is skipped, and
 * one warning per response says how many risks were not raised and why.
 */
@Injectable()
export class RiskFromFindingsProcessManager extends WorkflowProcessManager<'ResponseRecorded', WorkflowCommand<'RaiseRisk'>> {
  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(READ_MODEL_DB) db: Database, commands: CommandDispatcher) {
    super(store, db, commands, riskFromFindingsWorkflow, () => NO_STATE);
  }
}
