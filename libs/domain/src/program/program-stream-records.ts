import type { Decider } from '../shared/decider';
import type { ProgramEvent } from './program.events';

/** A fold of the program stream that answers one question (StreamCommandExecutor.load takes it). */
export type ProgramStreamFold<Answer> = Pick<Decider<never, ProgramEvent, Answer, never>, 'initialState' | 'evolve'>;

/**
 * Logs written before grievances and contract clauses had streams of their own hold every one of a
 * year on `program-<year>`. Those logs stay as they are (events are never rewritten), so a new
 * grievance or clause must still be refused when its year's program stream already records it. The
 * program stream gets no more of them, so what these folds read stops growing at the upgrade; they
 * keep one boolean rather than a set of ids, so they are linear in the stream, not quadratic.
 */
export function grievanceOnProgramStream(grievanceId: string): ProgramStreamFold<boolean> {
  return {
    initialState: () => false,
    evolve: (found, event) => found || (event.type === 'GrievanceRecorded' && event.data.grievanceId === grievanceId),
  };
}

/** Whether `program-<year>` records a contract clause of this supplier (see grievanceOnProgramStream). */
export function contractClauseOnProgramStream(supplierId: string): ProgramStreamFold<boolean> {
  return {
    initialState: () => false,
    evolve: (found, event) => found || (event.type === 'ContractClauseRecorded' && event.data.supplierId === supplierId),
  };
}
