import { CommandRefused } from '../shared/command-refused';
import { decideByType, type Decider } from '../shared/decider';
import { commandRow, typed } from '../shared/command-row';
import { streams } from '../shared/streams';
import { contractClauseOnProgramStream } from './program-stream-records';
import type { SupplierState } from '../supplier/supplier.decider';
import { RecordContractClause } from './program.commands';
import type { ContractClauseRecorded } from './program.events';

export type ContractClauseCommand = { type: 'RecordContractClause'; data: RecordContractClause };
export type ContractClauseEvent = { type: 'ContractClauseRecorded'; data: ContractClauseRecorded };

export interface ContractClauseState {
  recorded: boolean;
}

export interface ContractClauseContext {
  /** The supplier whose contract it is. */
  supplier: SupplierState;
  /**
   * The year's program stream already holds this supplier's clause: logs written before each clause
   * had a stream of its own recorded them all there (see program-stream-records.ts).
   */
  onProgramStream: boolean;
}

/**
 * The `contract-clause-<year>-<supplierId>` stream: a supplier's conflict-minerals contract clause
 * for the year, recorded once. One stream per supplier, so a year with thousands of suppliers does
 * not make each clause read (or wait for) all the others.
 */
export const contractClauseDecider: Decider<ContractClauseCommand, ContractClauseEvent, ContractClauseState, ContractClauseContext> = {
  initialState: () => ({ recorded: false }),
  evolve: () => ({ recorded: true }),
  decide: decideByType<ContractClauseCommand, ContractClauseEvent, ContractClauseState, ContractClauseContext>({
    RecordContractClause: ({ data }, state, context) => {
      const { supplierId, period } = data;
      if (context.supplier.status !== 'registered')
        throw new CommandRefused('supplier-unknown', `supplier ${supplierId} is not registered`);
      if (state.recorded || context.onProgramStream) {
        throw new CommandRefused('clause-already-recorded', `a contract clause of ${supplierId} is already recorded for ${period}`);
      }
      return [{ type: 'ContractClauseRecorded', data }];
    },
  }),
};

/** The contract clause's row of the command table (command-table.ts): it reads the supplier as a grievance does. */
export const contractClauseCommandRows = {
  RecordContractClause: commandRow({
    businessTime: { rule: 'past-allowed', why: 'records a contract signed outside the engine, on the day it was signed' },
    closedPeriod: { rule: 'refused', why: "the year's management-system record" },
    example: { period: 2024, supplierId: 'acme', clause: 'MSA §12' },
    schema: RecordContractClause,
    summary: "Record that a supplier's contract carries conflict-minerals terms",
    public: true,
    decider: contractClauseDecider,
    streamId: (data) => streams.contractClause(data.period, data.supplierId),
    needs: {
      supplier: (data) => data.supplierId,
      fold: (data) => ({ streamId: streams.program(data.period), fold: contractClauseOnProgramStream(data.supplierId) }),
    },
    command: typed('RecordContractClause'),
    context: (facts) => ({ supplier: facts.supplier ?? { status: 'unknown' }, onProgramStream: facts.folded === true }),
  }),
};
