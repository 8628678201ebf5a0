import { CommandRefused, type CommandOutcome, type EventType, type Workflow, type WorkflowCommand } from '@dd/domain';
import type { EventStore, RecordedEvent } from '@dd/event-store';
import { isEventOf } from '@dd/projections';
import type { Database } from 'better-sqlite3';
import type { CommandDispatcher } from '../commands/command-dispatcher';
import { LogProcessManager } from './log-process-manager';

/** A workflow's state as the engine keeps it: the view it decides on, and how its changes are applied. */
export interface WorkflowState<View, Change> {
  readonly view: View;
  apply(change: Change): void;
}

/** The state of a workflow that keeps none. */
export const NO_STATE: WorkflowState<void, never> = { view: undefined, apply: () => undefined };

/**
 * Runs a pure workflow (libs/domain) as a process manager fed from the log: for each event it handles,
 * the workflow decides on the state as it was before the event; the commands are sent through the
 * CommandDispatcher with the ids the workflow derived; then the state changes (the decision's, then
 * those the commands' outcomes make) and the checkpoint past the event are committed in one transaction.
 *
 * Exactly-once effect from at-least-once delivery: if the process dies between sending and committing,
 * the event comes again, the same commands are derived from the same state, and the store answers each
 * with its first result. A refusal is the domain's answer and would be the same on every retry (a
 * closed year, an unknown supplier): it is counted, logged and skipped.
 */
export abstract class WorkflowProcessManager<
  Handled extends EventType,
  Command extends WorkflowCommand,
  Change = never,
  View = void,
> extends LogProcessManager {
  private state?: WorkflowState<View, Change>;

  protected constructor(
    store: EventStore,
    db: Database,
    private readonly commands: CommandDispatcher,
    private readonly workflow: Workflow<Handled, Command, Change, View>,
    /** Opens the state, once, when the first event comes (its tables beside the read models). */
    private readonly openState: () => WorkflowState<View, Change>,
  ) {
    super(store, db, `process-manager:${workflow.name}`);
  }

  protected async handle(event: RecordedEvent): Promise<void> {
    if (!isEventOf(event, this.workflow.handles)) return;
    const state = (this.state ??= this.openState());
    const decision = this.workflow.decide(event, state.view);
    const commands = (await this.sendsFor(event)) ? decision.commands : [];
    const changes = [...decision.changes];
    const refusals: CommandRefused[] = [];
    for (const command of commands) {
      const outcome = await this.send(command, event, refusals);
      changes.push(...(this.workflow.changesAfter?.(command, outcome) ?? []));
    }
    if (refusals.length > 0) this.warnRefused(event, commands.length, refusals);
    // Without changes there is nothing to commit with the checkpoint: the batch's checkpoint covers the event.
    if (changes.length === 0) return;
    this.db.transaction(() => {
      for (const change of changes) state.apply(change);
      this.saveCheckpoint(event.globalPosition);
    })();
  }

  /**
   * Whether the commands decided for this event are sent (its state changes are applied either way).
   * Always, unless a process manager says otherwise: the outbox learns from history older than
   * itself without acting on it.
   */
  protected sendsFor(_event: RecordedEvent): boolean | Promise<boolean> {
    return true;
  }

  private async send(command: Command, cause: RecordedEvent, refusals: CommandRefused[]): Promise<CommandOutcome> {
    try {
      const result = await this.commands.dispatch(command.name, command.data, {
        commandId: command.commandId,
        actor: this.workflow.actor,
        correlationId: cause.metadata.correlationId,
        causationId: cause.metadata.eventId,
        causedAt: cause.metadata.occurredAt,
      });
      return result.eventIds.length > 0 ? 'appended' : 'unchanged';
    } catch (error) {
      if (!(error instanceof CommandRefused)) throw error;
      refusals.push(error);
      this.logger.debug(`${command.name} refused (${error.code}): ${error.reason}`);
      return 'refused';
    }
  }

  private warnRefused(event: RecordedEvent, sent: number, refusals: CommandRefused[]): void {
    const byCode = new Map<string, number>();
    for (const { code } of refusals) byCode.set(code, (byCode.get(code) ?? 0) + 1);
    const codes = [...byCode].map(([code, count]) => `${code}: ${count}`).join(', ');
    this.logger.warn(
      `${event.type} ${event.metadata.eventId}: ${refusals.length} of ${sent} command(s) refused and skipped (${codes}; first: ${refusals[0].reason})`,
    );
  }
}
