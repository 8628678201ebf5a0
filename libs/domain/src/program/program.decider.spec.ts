import { DeciderSpecification } from '../shared/decider-specification';
import type { SupplierState } from '../supplier/supplier.decider';
import { RecordGrievance } from './program.commands';
import { programDecider, type ProgramContext } from './program.decider';
import type { ProgramEvent } from './program.events';

const spec = DeciderSpecification.for(programDecider);
const acme: SupplierState = { status: 'registered', supplierId: 'acme', name: 'Acme', tier: 'direct' };
const none: ProgramContext = {};
const adopted: ProgramEvent = { type: 'PolicyAdopted', data: { period: 2024, version: '2024-1', url: 'https://example.com/policy.pdf' } };

describe('management systems (OECD step 1)', () => {
  it('adopts a policy, and refuses the same version twice', () => {
    spec.given([]).when({ type: 'AdoptPolicy', data: adopted.data as never }, none).then([adopted]);
    spec.given([adopted]).when({ type: 'AdoptPolicy', data: adopted.data as never }, none).thenRefused('policy-already-adopted');
  });

  it('communicates only an adopted policy, naming its version', () => {
    const communicate = { type: 'CommunicatePolicy' as const, data: { period: 2024, audience: 'suppliers' as const, count: 210 } };
    spec.given([]).when(communicate, none).thenRefused('no-policy');
    spec.given([adopted]).when(communicate, none).then([{ type: 'PolicyCommunicated', data: { ...communicate.data, policyVersion: '2024-1' } }]);
  });

  it('records contract clauses of registered suppliers, once each', () => {
    const clause = { type: 'RecordContractClause' as const, data: { period: 2024, supplierId: 'acme', clause: 'MSA 2024 §12 conflict minerals' } };
    spec.given([]).when(clause, { supplier: acme }).then([{ type: 'ContractClauseRecorded', data: clause.data }]);
    spec.given([]).when(clause, { supplier: { status: 'unknown' } }).thenRefused('supplier-unknown');
    spec.given([{ type: 'ContractClauseRecorded', data: clause.data }]).when(clause, { supplier: acme }).thenRefused('clause-already-recorded');
  });

  it('declares the grievance mechanism; the same declaration again is nothing new, a changed one is recorded', () => {
    const declare = { type: 'DeclareGrievanceMechanism' as const, data: { period: 2024, description: 'Whistleblower line run by an external ombudsman', url: 'https://example.com/speak-up' } };
    const declared: ProgramEvent = { type: 'GrievanceMechanismDeclared', data: declare.data };
    spec.given([]).when(declare, none).then([declared]);
    spec.given([declared]).when(declare, none).thenNothing();
    const revised = { ...declare, data: { period: 2024, description: 'RMI industry grievance mechanism' } };
    spec.given([declared]).when(revised, none).then([{ type: 'GrievanceMechanismDeclared', data: revised.data }]);
  });

  it('records grievances, anonymous by default, once per id', () => {
    const grievance = RecordGrievance.parse({ period: 2024, grievanceId: 'g-1', description: 'A smelter in our chain is said to buy from an armed group' });
    expect(grievance.anonymous).toBe(true);
    spec.given([]).when({ type: 'RecordGrievance', data: grievance }, none).then([{ type: 'GrievanceRecorded', data: grievance }]);
    spec.given([{ type: 'GrievanceRecorded', data: grievance }]).when({ type: 'RecordGrievance', data: grievance }, none).thenRefused('grievance-already-recorded');
    expect(RecordGrievance.safeParse({ ...grievance, reporter: 'Jane' }).success).toBe(false);
  });

  it('numbers reports to senior management', () => {
    const report = { type: 'ReportToManagement' as const, data: { period: 2024, recipient: 'CFO', summary: '3 open risks' } };
    spec.given([]).when(report, none).then([{ type: 'ManagementReported', data: { ...report.data, reportNumber: 1 } }]);
  });
});
