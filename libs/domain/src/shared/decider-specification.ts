import { expect } from '@jest/globals';
import { CommandRefused } from './command-refused';
import { foldState, type Decider, type DomainEvent } from './decider';

/**
 * Given / when / then for deciders, after emmett's DeciderSpecification: a spec states the stream's
 * history, one command and the outcome, and never touches state or I/O, so it reads as the rule it
 * checks. Test-only: imports jest's `expect` explicitly (not the global) so it also compiles in the
 * production build, which has no jest types; nothing in the library's index exports it.
 *
 *   DeciderSpecification.for(surveyDecider)
 *     .given([cmrtSent])
 *     .when(sendCmrt, { supplier, now })
 *     .thenRefused('survey-request-open');
 */
export const DeciderSpecification = {
  for<Command, Event extends DomainEvent, State, Context>(decider: Decider<Command, Event, State, Context>) {
    return {
      given: (events: Event[]) => ({
        when: (command: Command, context: Context) => {
          // Decided lazily so each `then...` sees either the events or the refusal, never both.
          const decide = () => decider.decide(command, foldState(decider, events), context);
          return {
            /** Deep-equal events; a function instead checks events that are only partly determined. */
            then(expected: Event[] | ((events: Event[]) => void)): void {
              const events = decide();
              if (typeof expected === 'function') expected(events);
              else expect(events).toEqual(expected);
            },
            /** The command is well formed but the domain says no: a CommandRefused with this code. */
            thenRefused(code: string, reason?: RegExp | string): void {
              let events: Event[] | undefined;
              let refusal: unknown;
              try {
                events = decide();
              } catch (error) {
                refusal = error;
              }
              if (events)
                throw new Error(`expected refusal "${code}", but the decider decided [${events.map((event) => event.type).join(', ')}]`);
              expect(refusal).toBeInstanceOf(CommandRefused);
              expect((refusal as CommandRefused).code).toBe(code);
              // toMatch takes a RegExp or a substring, so reasons can be checked without their exact wording.
              if (reason !== undefined) expect((refusal as CommandRefused).reason).toMatch(reason);
            },
            /** Accepted but already true (an idempotent repeat): no events, no refusal. */
            thenNothing(): void {
              expect(decide()).toEqual([]);
            },
          };
        },
      }),
    };
  },
};
