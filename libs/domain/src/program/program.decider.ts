import { CommandRefused } from '../shared/command-refused';
import type { Decider } from '../shared/decider';
import type { AdoptPolicy, AssignTeam, CommunicatePolicy, DeclareGrievanceMechanism, ReportToManagement } from './program.commands';
import type { ProgramEvent } from './program.events';

export type ProgramCommand =
  | { type: 'AdoptPolicy'; data: AdoptPolicy }
  | { type: 'CommunicatePolicy'; data: CommunicatePolicy }
  | { type: 'AssignTeam'; data: AssignTeam }
  | { type: 'DeclareGrievanceMechanism'; data: DeclareGrievanceMechanism }
  | { type: 'ReportToManagement'; data: ReportToManagement };

export interface ProgramState {
  policyVersion?: string;
  /** The grievance mechanism as last declared. */
  grievanceMechanism?: { description: string; url?: string };
  managementReports: number;
}

/**
 * The `program-<year>` stream: OECD step 1 management systems and the reports to management, a few
 * records a year. Grievances and contract clauses, which grow with the year, have streams of their
 * own (grievance.decider.ts, contract-clause.decider.ts); older logs also hold them here, and this
 * fold passes over them: no decision of this stream depends on them.
 */
export const programDecider: Decider<ProgramCommand, ProgramEvent, ProgramState, void> = {
  initialState: () => ({ managementReports: 0 }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'PolicyAdopted':
        return { ...state, policyVersion: event.data.version };
      case 'GrievanceMechanismDeclared':
        return { ...state, grievanceMechanism: { description: event.data.description, ...(event.data.url ? { url: event.data.url } : {}) } };
      case 'ManagementReported':
        return { ...state, managementReports: event.data.reportNumber };
      default:
        return state;
    }
  },
  decide: (command, state) => {
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
      case 'DeclareGrievanceMechanism': {
        const { description, url } = command.data;
        // The same mechanism declared again is already true; a changed one is recorded as its revision.
        if (state.grievanceMechanism?.description === description && state.grievanceMechanism.url === url) return [];
        return [{ type: 'GrievanceMechanismDeclared', data: command.data }];
      }
      case 'ReportToManagement':
        return [{ type: 'ManagementReported', data: { ...command.data, reportNumber: state.managementReports + 1 } }];
    }
  },
};
