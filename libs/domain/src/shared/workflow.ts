import type { CommandData, CommandName } from '../command-table';
import type { DataOf, EventType } from '../event-catalogue';

/**
 * A process manager's policy as pure functions: given an event (and, for one with state, a read-only
 * view of that state), the commands to send and the changes to make to its state. The engine does the
 * I/O: it follows the log, supplies the view, sends the commands, then applies the changes in the
 * transaction that moves its checkpoint past the event.
 */
export interface Workflow<Handled extends EventType, Command extends WorkflowCommand, Change = never, View = void> {
  /** Stable across releases: it names the process manager's checkpoint. */
  readonly name: string;
  /** Who its commands are sent as. */
  readonly actor: string;
  /** The event types it acts on; every other one passes it by. */
  readonly handles: readonly Handled[];
  decide(event: WorkflowEvent<Handled>, view: View): WorkflowDecision<Command, Change>;
  /** State changes a command's outcome makes, applied with the decision's own (none when absent). */
  changesAfter?(command: Command, outcome: CommandOutcome): Change[];
}

/** An event as a workflow sees it: its type, its typed data and its id (every recorded event is one). */
export type WorkflowEvent<T extends EventType> = T extends EventType ? { type: T; data: DataOf<T>; metadata: { eventId: string } } : never;

/**
 * A command to send, with an id derived from the event that caused it and what it is about: the event
 * delivered again after a crash yields the same id, and the store answers the repeat with its first result.
 */
export type WorkflowCommand<Name extends CommandName = CommandName> = Name extends CommandName
  ? { name: Name; data: CommandData<Name>; commandId: string }
  : never;

export interface WorkflowDecision<Command extends WorkflowCommand, Change = never> {
  commands: Command[];
  /** Applied in the order given, after the commands were sent. */
  changes: Change[];
}

/** What became of a sent command: it appended events, it appended none (done already), or the domain refused it. */
export type CommandOutcome = 'appended' | 'unchanged' | 'refused';
