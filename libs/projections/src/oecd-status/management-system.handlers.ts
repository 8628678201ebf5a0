import type { RecordedEvent } from '@dd/event-store';
import type { RecordedEventOf } from '../core/event-handlers';
import { fileFact, type OecdStatusStatements } from './oecd-status.tables';

/** Files a management-system event as evidence of its criterion and keeps it as the latest of its kind. */
function programRecord(s: OecdStatusStatements, criterion: string, kind: string, event: RecordedEvent<string, { period: number }>): void {
  fileFact(s, event.data.period, criterion, event, null);
  s.upsertProgramLatest.run(event.data.period, kind, JSON.stringify(event.data), event.metadata.eventId, event.globalPosition);
}

export const policyAdopted = (s: OecdStatusStatements, event: RecordedEventOf<'PolicyAdopted'>) =>
  programRecord(s, 'policy-adopted', 'policy', event);
export const teamAssigned = (s: OecdStatusStatements, event: RecordedEventOf<'TeamAssigned'>) =>
  programRecord(s, 'internal-team-assigned', 'team', event);
export const grievanceMechanismDeclared = (s: OecdStatusStatements, event: RecordedEventOf<'GrievanceMechanismDeclared'>) =>
  programRecord(s, 'grievance-mechanism', 'grievance-mechanism', event);
export const reportPublished = (s: OecdStatusStatements, event: RecordedEventOf<'ReportPublished'>) =>
  programRecord(s, 'report-published', 'report', event);

export function policyCommunicated(s: OecdStatusStatements, event: RecordedEventOf<'PolicyCommunicated'>): void {
  if (event.data.audience === 'suppliers') fileFact(s, event.data.period, 'policy-communicated-to-suppliers', event, null);
}

export function contractClauseRecorded(s: OecdStatusStatements, event: RecordedEventOf<'ContractClauseRecorded'>): void {
  fileFact(s, event.data.period, 'contract-clauses', event, event.data.supplierId);
}

export function managementReported(s: OecdStatusStatements, event: RecordedEventOf<'ManagementReported'>): void {
  fileFact(s, event.data.period, 'risks-reported-to-management', event, null);
}

/** A risk report issued to senior management (IssueRiskReport) is evidence of the same criterion as a ReportToManagement. */
export function riskReportIssued(s: OecdStatusStatements, event: RecordedEventOf<'RiskReportIssued'>): void {
  fileFact(s, event.data.period, 'risks-reported-to-management', event, null);
}
