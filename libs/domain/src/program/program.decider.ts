import { CommandRefused } from '../shared/command-refused';
import type { Decider } from '../shared/decider';
import type { SupplierState } from '../supplier/supplier.decider';
import type {
  AdoptPolicy,
  AssignTeam,
  CommunicatePolicy,
  DeclareGrievanceMechanism,
  RecordContractClause,
  RecordGrievance,
  ReportToManagement,
} from './program.commands';
import type { ProgramEvent } from './program.events';

export type ProgramCommand =
  | { type: 'AdoptPolicy'; data: AdoptPolicy }
  | { type: 'CommunicatePolicy'; data: CommunicatePolicy }
  | { type: 'AssignTeam'; data: AssignTeam }
  | { type: 'RecordContractClause'; data: RecordContractClause }
  | { type: 'DeclareGrievanceMechanism'; data: DeclareGrievanceMechanism }
  | { type: 'RecordGrievance'; data: RecordGrievance }
  | { type: 'ReportToManagement'; data: ReportToManagement };

export interface ProgramState {
  policyVersion?: string;
  /** The grievance mechanism as last declared. */
  grievanceMechanism?: { description: string; url?: string };
  grievances: Set<string>;
  clauses: Set<string>;
  managementReports: number;
}

export interface ProgramContext {
  /** The supplier a command names, when it names one. */
  supplier?: SupplierState;
}

/** The `program-<year>` stream: OECD step 1 management systems, grievances, reports to management. */
export const programDecider: Decider<ProgramCommand, ProgramEvent, ProgramState, ProgramContext> = {
  initialState: () => ({ grievances: new Set(), clauses: new Set(), managementReports: 0 }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'PolicyAdopted':
        return { ...state, policyVersion: event.data.version };
      case 'GrievanceMechanismDeclared':
        return { ...state, grievanceMechanism: { description: event.data.description, ...(event.data.url ? { url: event.data.url } : {}) } };
      case 'GrievanceRecorded':
        return { ...state, grievances: new Set(state.grievances).add(event.data.grievanceId) };
      case 'ContractClauseRecorded':
        return { ...state, clauses: new Set(state.clauses).add(event.data.supplierId) };
      case 'ManagementReported':
        return { ...state, managementReports: event.data.reportNumber };
      default:
        return state;
    }
  },
  decide: (command, state, context) => {
    const requireSupplier = (supplierId: string) => {
      if (context.supplier?.status !== 'registered') throw new CommandRefused('supplier-unknown', `supplier ${supplierId} is not registered`);
    };
    switch (command.type) {
      case 'AdoptPolicy':
        if (state.policyVersion === command.data.version) {
          throw new CommandRefused('policy-already-adopted', `policy ${command.data.version} is already adopted for ${command.data.period}`);
        }
        return [{ type: 'PolicyAdopted', data: command.data }];
      case 'CommunicatePolicy':
        if (!state.policyVersion) throw new CommandRefused('no-policy', `no policy adopted for ${command.data.period}: adopt one before communicating it`);
        return [{ type: 'PolicyCommunicated', data: { ...command.data, policyVersion: state.policyVersion } }];
      case 'AssignTeam':
        return [{ type: 'TeamAssigned', data: command.data }];
      case 'RecordContractClause':
        requireSupplier(command.data.supplierId);
        if (state.clauses.has(command.data.supplierId)) {
          throw new CommandRefused('clause-already-recorded', `a contract clause of ${command.data.supplierId} is already recorded for ${command.data.period}`);
        }
        return [{ type: 'ContractClauseRecorded', data: command.data }];
      case 'DeclareGrievanceMechanism': {
        const { description, url } = command.data;
        // The same mechanism declared again is already true; a changed one is recorded as its revision.
        if (state.grievanceMechanism?.description === description && state.grievanceMechanism.url === url) return [];
        return [{ type: 'GrievanceMechanismDeclared', data: command.data }];
      }
      case 'RecordGrievance': {
        if (state.grievances.has(command.data.grievanceId)) {
          throw new CommandRefused('grievance-already-recorded', `grievance ${command.data.grievanceId} is already recorded`);
        }
        if (command.data.supplierId) requireSupplier(command.data.supplierId);
        return [{ type: 'GrievanceRecorded', data: command.data }];
      }
      case 'ReportToManagement':
        return [{ type: 'ManagementReported', data: { ...command.data, reportNumber: state.managementReports + 1 } }];
    }
  },
};
