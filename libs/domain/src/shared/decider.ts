/**
 * A decider in the emmett shape: pure functions, no I/O. `decide` may read facts from other streams
 * through `context`, which the command handler loads before calling it.
 */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
}

export interface Decider<Command, Event extends DomainEvent, State, Context = void> {
  initialState: () => State;
  evolve: (state: State, event: Event) => State;
  /** Returns the events the command produces, or throws CommandRefused. */
  decide: (command: Command, state: State, context: Context) => Event[];
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
