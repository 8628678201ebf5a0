import { Inject, Injectable } from '@nestjs/common';
import { outboxWorkflow, type OutboxChange, type OutboxEventType, type OutboxView, type WorkflowCommand } from '@dd/domain';
import type { EventStore, RecordedEvent } from '@dd/event-store';
import type { RetryPolicy } from '@dd/projections';
import type { Database } from 'better-sqlite3';
import { CommandDispatcher } from '../commands/command-dispatcher';
import { CLOCK, EVENT_STORE, READ_MODEL_DB, type Clock } from '../tokens';
import { OutboxTables } from './outbox.tables';
import { WorkflowProcessManager } from './workflow-process-manager';

/**
 * Feeds the outbox from the log: each survey request, reminder, follow-up request, escalation and
 * recorded response queues one message (QueueMessage, its id derived from the cause event's), by the
 * outbox workflow (libs/domain) with its state in outbox.tables.ts. The OutboxSender sends them.
 *
 * A log older than the outbox (a data directory of an earlier release) is history: the first time it
 * runs, the outbox notes the time, and for events recorded before it keeps what it learns (names,
 * contacts, requests) but queues nothing. Suppliers are not mailed years-old requests on an upgrade.
 *
 * History entered late is treated alike: an event whose business time (occurredAt) lies more than
 * LATE_HISTORY_DAYS before the engine's today was recorded after the fact (docs/business-time.md): the
 * request, reminder or acknowledgement it stands for happened then, outside the engine, so no message
 * goes out for it now.
 */
@Injectable()
export class OutboxProcessManager extends WorkflowProcessManager<
  OutboxEventType,
  WorkflowCommand<'QueueMessage'>,
  OutboxChange,
  OutboxView
> {
  /** Events recorded before this (wall-clock ISO time) are history: learnt from, not acted on. */
  private historyBefore = '';

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(READ_MODEL_DB) db: Database,
    commands: CommandDispatcher,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    super(store, db, commands, outboxWorkflow, () => new OutboxTables(db));
  }

  protected override prepare(retry: Partial<RetryPolicy>): void {
    this.historyBefore = this.firstStart();
    super.prepare(retry);
  }

  protected override sendsFor(event: RecordedEvent): boolean {
    return event.metadata.recordedAt >= this.historyBefore && !enteredLate(event, this.clock.now());
  }

  /**
   * When the outbox first ran on this data directory, noted once. Its first run on a log that holds
   * events already (its checkpoint still at the start): now; on an empty log it is the log's start.
   * Synchronous, before it follows the log, so no event recorded after it can be taken for history.
   */
  private firstStart(): string {
    this.db.exec('CREATE TABLE IF NOT EXISTS pm_outbox_history (id INTEGER PRIMARY KEY CHECK (id = 1), recorded_before TEXT NOT NULL)');
    const read = () => this.db.prepare('SELECT recorded_before FROM pm_outbox_history WHERE id = 1').pluck().get() as string | undefined;
    const noted = read();
    if (noted !== undefined) return noted;
    const since = this.position() === 0 ? new Date().toISOString() : '';
    this.db.prepare('INSERT OR IGNORE INTO pm_outbox_history (id, recorded_before) VALUES (1, ?)').run(since);
    return read() ?? since;
  }
}

/** How far before the engine's today a business time marks an event as history entered late. */
export const LATE_HISTORY_DAYS = 30;

function enteredLate(event: RecordedEvent, now: Date): boolean {
  return now.getTime() - Date.parse(event.metadata.occurredAt) > LATE_HISTORY_DAYS * 86_400_000;
}
