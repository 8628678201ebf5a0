import { commandRow, typed } from '../../shared/command-row';
import { decideByType, type Decider } from '../../shared/decider';
import { customerDeclarationStream, RecordCustomerDeclaration, type CustomerDeclarationEvent } from './customer-declaration.events';

export interface CustomerDeclarationState {
  /** Declarations issued for the period so far. */
  issued: number;
}

export type CustomerDeclarationCommand = { type: 'RecordCustomerDeclaration'; data: RecordCustomerDeclaration };

/** The `declaration-<year>` stream: every declaration produced is recorded, numbered in issue order. */
export const customerDeclarationDecider: Decider<CustomerDeclarationCommand, CustomerDeclarationEvent, CustomerDeclarationState, void> = {
  initialState: () => ({ issued: 0 }),
  evolve: (state) => ({ issued: state.issued + 1 }),
  decide: decideByType<CustomerDeclarationCommand, CustomerDeclarationEvent, CustomerDeclarationState, void>({
    RecordCustomerDeclaration: ({ data }, state) => [
      { type: 'CustomerDeclarationIssued', data: { ...data, issueNumber: state.issued + 1 } },
    ],
  }),
};

/** Engine-issued (the declaration service records the file it produced), dated by the engine clock. */
export const customerDeclarationCommandRows = {
  RecordCustomerDeclaration: commandRow({
    businessTime: { rule: 'now', why: 'issuing a declaration to customers is done now, by the engine, from the records as they are' },
    closedPeriod: {
      rule: 'not-period-bound',
      why: "a declaration states what a year's records show; customers ask for it after the year is closed, and it changes none of them",
    },
    schema: RecordCustomerDeclaration,
    summary: 'Record a declaration we issued to our customers (its SHA-256)',
    public: false,
    decider: customerDeclarationDecider,
    streamId: (data) => customerDeclarationStream(data.period),
    command: typed('RecordCustomerDeclaration'),
    context: () => undefined,
  }),
};
