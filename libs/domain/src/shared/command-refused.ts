/**
 * A decider's refusal: the command was well formed but the rules of the domain say no
 * (HTTP 422 with `reason`). `code` is stable for clients; `reason` is for people.
 */
export class CommandRefused extends Error {
  override readonly name = 'CommandRefused';
  constructor(
    readonly code: string,
    readonly reason: string,
  ) {
    super(reason);
  }
}
