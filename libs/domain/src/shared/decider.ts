/**
 * A decider in the emmett shape: pure functions, no I/O. `decide` may read facts from other streams
 * through `context`, which the command handler loads before calling it.
 */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
}

export interface Decider<Command, Event extends DomainEvent, State, Context = void> {
  /** A new state each call, with new collections: each fold owns the state it builds. */
  initialState: () => State;
  /**
   * The state after one more event. It may add to (or delete from) a collection of the state it is
   * given rather than copy it: only the fold holds that state (foldState starts every fold from
   * initialState), and copying a set per event made a fold quadratic in its stream. It must never
   * change anything it did not create, such as an event's data.
   */
  evolve: (state: State, event: Event) => State;
  /** Returns the events the command produces, or throws CommandRefused. */
  decide: (command: Command, state: State, context: Context) => Event[];
  /**
   * True (for every command, or for the commands it answers true for) when the stream's last event
   * alone gives the state that command needs (a list that replaces the one before): the engine then
   * reads only that event, however long the stream.
   */
  latestEventOnly?: boolean | ((command: Command) => boolean);
}

/** Folds a stream's events into the decider's state. */
export function foldState<Event extends DomainEvent, State>(
  decider: Pick<Decider<unknown, Event, State, unknown>, 'initialState' | 'evolve'>,
  events: Iterable<Event>,
): State {
  let state = decider.initialState();
  for (const event of events) state = decider.evolve(state, event);
  return state;
}

/** One named decision per command type; a command type without one fails to compile. */
export type DecisionsOf<Command extends DomainEvent, Event extends DomainEvent, State, Context> = {
  [Type in Command['type']]: (command: Extract<Command, { type: Type }>, state: State, context: Context) => Event[];
};

/** A decider's `decide` that hands each command to the decision named for its type. */
export function decideByType<Command extends DomainEvent, Event extends DomainEvent, State, Context>(
  decisions: DecisionsOf<Command, Event, State, Context>,
): (command: Command, state: State, context: Context) => Event[] {
  return (command, state, context) => {
    // The mapped type pairs each type with its decision; TypeScript cannot follow the pairing through the index.
    const decision = decisions[command.type as Command['type']] as (command: Command, state: State, context: Context) => Event[];
    return decision(command, state, context);
  };
}
