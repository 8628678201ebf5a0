import { CommandRefused } from '../shared/command-refused';
import { decideByType, type Decider } from '../shared/decider';
import { commandRow, typed } from '../shared/command-row';
import { streams } from '../shared/streams';
import { grievanceOnProgramStream } from './program-stream-records';
import type { SupplierState } from '../supplier/supplier.decider';
import { RecordGrievance } from './program.commands';
import type { GrievanceRecorded } from './program.events';

export type GrievanceCommand = { type: 'RecordGrievance'; data: RecordGrievance };
export type GrievanceEvent = { type: 'GrievanceRecorded'; data: GrievanceRecorded };

export interface GrievanceState {
  recorded: boolean;
}

export interface GrievanceContext {
  /** The supplier the grievance names, when it names one. */
  supplier?: SupplierState;
  /**
   * The year's program stream already holds a grievance of this id: logs written before each
   * grievance had a stream of its own recorded them all there (see program-stream-records.ts).
   */
  onProgramStream: boolean;
}

/**
 * The `grievance-<year>-<id>` stream: one grievance. A grievance is decided on its own, so
 * recording one never reads, or races with, the other grievances of the year; its id is unique
 * within the year because the stream is.
 */
export const grievanceDecider: Decider<GrievanceCommand, GrievanceEvent, GrievanceState, GrievanceContext> = {
  initialState: () => ({ recorded: false }),
  evolve: () => ({ recorded: true }),
  decide: decideByType<GrievanceCommand, GrievanceEvent, GrievanceState, GrievanceContext>({
    RecordGrievance: ({ data }, state, context) => {
      const { grievanceId, period, supplierId } = data;
      if (state.recorded || context.onProgramStream) {
        throw new CommandRefused('grievance-already-recorded', `grievance ${grievanceId} is already recorded for ${period}`);
      }
      if (supplierId && context.supplier?.status !== 'registered')
        throw new CommandRefused('supplier-unknown', `supplier ${supplierId} is not registered`);
      return [{ type: 'GrievanceRecorded', data }];
    },
  }),
};

/** The grievance's row of the command table (command-table.ts). */
export const grievanceCommandRows = {
  /** It reads the supplier it names and, for logs that recorded a year's grievances on `program-<year>`, whether that stream holds its id. */
  RecordGrievance: commandRow({
    businessTime: { rule: 'past-allowed', why: 'records a grievance on the day it was raised' },
    closedPeriod: { rule: 'refused', why: 'record it in an open year (or reopen this one)' },
    example: { period: 2024, grievanceId: 'g-1', description: 'tip about a smelter', supplierId: 'acme' },
    schema: RecordGrievance,
    summary: 'Record a grievance (anonymous allowed); it raises a risk',
    public: true,
    decider: grievanceDecider,
    streamId: (data) => streams.grievance(data.period, data.grievanceId),
    needs: {
      supplier: (data) => data.supplierId,
      fold: (data) => ({ streamId: streams.program(data.period), fold: grievanceOnProgramStream(data.grievanceId) }),
    },
    command: typed('RecordGrievance'),
    context: (facts) => ({ supplier: facts.supplier, onProgramStream: facts.folded === true }),
  }),
};
