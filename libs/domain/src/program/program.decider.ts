import { CommandRefused } from '../shared/command-refused';
import { decideByType, type Decider } from '../shared/decider';
import { commandRow, typed } from '../shared/command-row';
import { streams } from '../shared/streams';
import { AdoptPolicy, AssignTeam, CommunicatePolicy, DeclareGrievanceMechanism, ReportToManagement } from './program.commands';
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
        return {
          ...state,
          grievanceMechanism: { description: event.data.description, ...(event.data.url ? { url: event.data.url } : {}) },
        };
      case 'ManagementReported':
        return { ...state, managementReports: event.data.reportNumber };
      default:
        return state;
    }
  },
  decide: decideByType<ProgramCommand, ProgramEvent, ProgramState, void>({
    AdoptPolicy: ({ data }, state) => {
      if (state.policyVersion === data.version) {
        throw new CommandRefused('policy-already-adopted', `policy ${data.version} is already adopted for ${data.period}`);
      }
      return [{ type: 'PolicyAdopted', data }];
    },
    CommunicatePolicy: ({ data }, state) => {
      if (!state.policyVersion)
        throw new CommandRefused('no-policy', `no policy adopted for ${data.period}: adopt one before communicating it`);
      return [{ type: 'PolicyCommunicated', data: { ...data, policyVersion: state.policyVersion } }];
    },
    AssignTeam: ({ data }) => [{ type: 'TeamAssigned', data }],
    DeclareGrievanceMechanism: ({ data }, state) => {
      // The same mechanism declared again is already true; a changed one is recorded as its revision.
      if (state.grievanceMechanism?.description === data.description && state.grievanceMechanism.url === data.url) return [];
      return [{ type: 'GrievanceMechanismDeclared', data }];
    },
    ReportToManagement: ({ data }, state) => [{ type: 'ManagementReported', data: { ...data, reportNumber: state.managementReports + 1 } }],
  }),
};

// A policy is adopted, a team assigned, when it is recorded: business time is the engine clock's (a demo year's clock moves it).
const onProgram = {
  decider: programDecider,
  streamId: (data: { period: number }) => streams.program(data.period),
  public: true,
  context: () => undefined,
};

/** The management-system commands' rows of the command table (command-table.ts). */
export const programCommandRows = {
  AdoptPolicy: commandRow({
    businessTime: { rule: 'past-allowed', why: 'management-system record: when the policy was adopted' },
    closedPeriod: { rule: 'refused', why: "the year's management-system record (program-<year>)" },
    example: { period: 2024, version: '2024-1', url: 'https://example.com/policy.pdf' },
    ...onProgram,
    schema: AdoptPolicy,
    summary: 'Adopt a responsible minerals sourcing policy (OECD step 1)',
    command: typed('AdoptPolicy'),
  }),
  CommunicatePolicy: commandRow({
    businessTime: { rule: 'past-allowed', why: 'management-system record: when the policy was communicated' },
    closedPeriod: { rule: 'refused', why: "the year's management-system record" },
    example: { period: 2024, audience: 'suppliers', count: 210 },
    ...onProgram,
    schema: CommunicatePolicy,
    summary: 'Record that the policy was communicated to suppliers or customers',
    command: typed('CommunicatePolicy'),
  }),
  AssignTeam: commandRow({
    businessTime: { rule: 'past-allowed', why: 'management-system record: when the team was assigned' },
    closedPeriod: { rule: 'refused', why: "the year's management-system record" },
    example: { period: 2024, members: [{ name: 'Kim', role: 'lead' }], sponsor: 'CFO' },
    ...onProgram,
    schema: AssignTeam,
    summary: 'Assign the internal due-diligence team and its senior sponsor',
    command: typed('AssignTeam'),
  }),
  DeclareGrievanceMechanism: commandRow({
    businessTime: { rule: 'past-allowed', why: 'management-system record: when the mechanism was in place' },
    closedPeriod: { rule: 'refused', why: "the year's management-system record" },
    example: { period: 2024, description: 'Whistleblower line', url: 'https://example.com/speak-up' },
    ...onProgram,
    schema: DeclareGrievanceMechanism,
    summary: 'Declare the grievance mechanism of the year (e.g. a whistleblower line), where people can raise concerns (OECD step 1)',
    command: typed('DeclareGrievanceMechanism'),
  }),
  ReportToManagement: commandRow({
    businessTime: { rule: 'past-allowed', why: 'management-system record: when management was told' },
    closedPeriod: { rule: 'refused', why: "the year's management-system record" },
    example: { period: 2024, recipient: 'CFO', summary: 'register reviewed' },
    ...onProgram,
    schema: ReportToManagement,
    summary: 'Record a risk report to senior management (OECD step 3)',
    command: typed('ReportToManagement'),
  }),
};
