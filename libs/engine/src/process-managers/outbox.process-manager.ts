import { Inject, Injectable } from '@nestjs/common';
import { outboxWorkflow, type OutboxChange, type OutboxEventType, type OutboxView, type WorkflowCommand } from '@dd/domain';
import type { EventStore } from '@dd/event-store';
import type { Database } from 'better-sqlite3';
import { CommandDispatcher } from '../commands/command-dispatcher';
import { EVENT_STORE, READ_MODEL_DB } from '../tokens';
import { OutboxTables } from './outbox.tables';
import { WorkflowProcessManager } from './workflow-process-manager';

/**
 * Feeds the outbox from the log: each survey request, reminder, follow-up request, escalation and
 * recorded response queues one message (QueueMessage, its id derived from the cause event's), by the
 * outbox workflow (libs/domain) with its state in outbox.tables.ts. The OutboxSender sends them.
 */
@Injectable()
export class OutboxProcessManager extends WorkflowProcessManager<
  OutboxEventType,
  WorkflowCommand<'QueueMessage'>,
  OutboxChange,
  OutboxView
> {
  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(READ_MODEL_DB) db: Database, commands: CommandDispatcher) {
    super(store, db, commands, outboxWorkflow, () => new OutboxTables(db));
  }
}
