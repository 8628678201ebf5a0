import { Inject, Injectable } from '@nestjs/common';
import {
  riskFromFindingsWorkflow,
  type RiskFromFindingsChange,
  type RiskFromFindingsEventType,
  type RiskFromFindingsView,
  type WorkflowCommand,
} from '@dd/domain';
import type { EventStore } from '@dd/event-store';
import type { Database } from 'better-sqlite3';
import { CommandDispatcher } from '../commands/command-dispatcher';
import { EVENT_STORE, READ_MODEL_DB } from '../tokens';
import { RiskFromFindingsTables } from './risk-from-findings.tables';
import { WorkflowProcessManager } from './workflow-process-manager';

export const SYSTEM_ACTOR = riskFromFindingsWorkflow.actor;

/**
 * Turns the red-flag findings of each recorded response into risks, in proportion to the RMAP status
 * list in force, and raises the monitored ones again when a later list takes a smelter's status away:
 * the risk-from-findings workflow (libs/domain), run from the log with its state in tables beside the
 * read models (risk-from-findings.tables.ts).
 */
@Injectable()
export class RiskFromFindingsProcessManager extends WorkflowProcessManager<
  RiskFromFindingsEventType,
  WorkflowCommand<'RaiseRisk'>,
  RiskFromFindingsChange,
  RiskFromFindingsView
> {
  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(READ_MODEL_DB) db: Database, commands: CommandDispatcher) {
    super(store, db, commands, riskFromFindingsWorkflow, () => new RiskFromFindingsTables(db));
  }
}
