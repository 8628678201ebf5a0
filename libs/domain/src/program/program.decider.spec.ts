import { DeciderSpecification } from '../shared/decider-specification';
import { programDecider } from './program.decider';
import type { ProgramEvent } from './program.events';

const spec = DeciderSpecification.for(programDecider);
const none = undefined;
const adopted: ProgramEvent = { type: 'PolicyAdopted', data: { period: 2024, version: '2024-1', url: 'https://example.com/policy.pdf' } };

describe('management systems (OECD step 1)', () => {
  it('adopts a policy, and refuses the same version twice', () => {
    spec
      .given([])
      .when({ type: 'AdoptPolicy', data: adopted.data as never }, none)
      .then([adopted]);
    spec
      .given([adopted])
      .when({ type: 'AdoptPolicy', data: adopted.data as never }, none)
      .thenRefused('policy-already-adopted');
  });

  it('communicates only an adopted policy, naming its version', () => {
    const communicate = { type: 'CommunicatePolicy' as const, data: { period: 2024, audience: 'suppliers' as const, count: 210 } };
    spec.given([]).when(communicate, none).thenRefused('no-policy');
    spec
      .given([adopted])
      .when(communicate, none)
      .then([{ type: 'PolicyCommunicated', data: { ...communicate.data, policyVersion: '2024-1' } }]);
  });

  it('declares the grievance mechanism; the same declaration again is nothing new, a changed one is recorded', () => {
    const declare = {
      type: 'DeclareGrievanceMechanism' as const,
      data: { period: 2024, description: 'Whistleblower line run by an external ombudsman', url: 'https://example.com/speak-up' },
    };
    const declared: ProgramEvent = { type: 'GrievanceMechanismDeclared', data: declare.data };
    spec.given([]).when(declare, none).then([declared]);
    spec.given([declared]).when(declare, none).thenNothing();
    const revised = { ...declare, data: { period: 2024, description: 'RMI industry grievance mechanism' } };
    spec
      .given([declared])
      .when(revised, none)
      .then([{ type: 'GrievanceMechanismDeclared', data: revised.data }]);
  });

  it('numbers reports to senior management', () => {
    const report = { type: 'ReportToManagement' as const, data: { period: 2024, recipient: 'CFO', summary: '3 open risks' } };
    spec
      .given([])
      .when(report, none)
      .then([{ type: 'ManagementReported', data: { ...report.data, reportNumber: 1 } }]);
  });

  it('passes over the grievances and contract clauses an older log holds on the program stream', () => {
    // Logs written before grievances and clauses had streams of their own recorded them here.
    const older: ProgramEvent[] = [
      adopted,
      { type: 'ContractClauseRecorded', data: { period: 2024, supplierId: 'acme', clause: 'MSA 2024 §12' } },
      { type: 'GrievanceRecorded', data: { period: 2024, grievanceId: 'g-1', anonymous: true, description: 'Tin from an armed group' } },
      { type: 'ManagementReported', data: { period: 2024, recipient: 'CFO', summary: '1 open risk', reportNumber: 1 } },
    ];
    const report = { type: 'ReportToManagement' as const, data: { period: 2024, recipient: 'CFO', summary: '2 open risks' } };
    spec
      .given(older)
      .when(report, none)
      .then([{ type: 'ManagementReported', data: { ...report.data, reportNumber: 2 } }]);
    spec
      .given(older)
      .when({ type: 'AdoptPolicy', data: adopted.data as never }, none)
      .thenRefused('policy-already-adopted');
  });
});
