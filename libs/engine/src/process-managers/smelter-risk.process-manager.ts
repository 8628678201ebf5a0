import { Inject, Injectable } from '@nestjs/common';
import {
  smelterRiskWorkflow,
  type SmelterRiskChange,
  type SmelterRiskCommand,
  type SmelterRiskEventType,
  type SmelterRiskView,
} from '@dd/domain';
import type { EventStore } from '@dd/event-store';
import type { Database } from 'better-sqlite3';
import { CommandDispatcher } from '../commands/command-dispatcher';
import { EVENT_STORE, READ_MODEL_DB } from '../tokens';
import { SmelterRiskTables } from './smelter-risk.tables';
import { WorkflowProcessManager } from './workflow-process-manager';

/**
 * "A non-conformant, unknown or unidentified smelter in an in-scope metal raises a risk; a later status
 * change raises or closes those risks by itself": the smelter-risk workflow (libs/domain), run from the
 * log with its state in tables beside the read models (smelter-risk.tables.ts).
 */
@Injectable()
export class SmelterRiskProcessManager extends WorkflowProcessManager<
  SmelterRiskEventType,
  SmelterRiskCommand,
  SmelterRiskChange,
  SmelterRiskView
> {
  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(READ_MODEL_DB) db: Database, commands: CommandDispatcher) {
    super(store, db, commands, smelterRiskWorkflow, () => new SmelterRiskTables(db));
  }
}
