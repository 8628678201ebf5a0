import type { RecordedEvent } from '@dd/event-store';
import type { RecordedEventOf } from '../core/event-handlers';
import type { ProgramStatements } from './program.tables';

/** Makes the record the current one of its kind for its period. */
function current(s: ProgramStatements, kind: string, event: RecordedEvent<string, { period: number }>): void {
  const { occurredAt, actor, eventId } = event.metadata;
  s.upsertCurrent.run(event.data.period, kind, JSON.stringify(event.data), occurredAt, actor, eventId, event.globalPosition);
}

/** Adds the record to its period's list. */
function logged(s: ProgramStatements, event: RecordedEvent, data: { period: number }): void {
  const { occurredAt, actor, eventId } = event.metadata;
  s.insertLog.run(event.globalPosition, data.period, event.type, JSON.stringify(data), occurredAt, actor, eventId);
}

export const policyAdopted = (s: ProgramStatements, event: RecordedEventOf<'PolicyAdopted'>) => current(s, 'policy', event);
export const teamAssigned = (s: ProgramStatements, event: RecordedEventOf<'TeamAssigned'>) => current(s, 'team', event);
export const grievanceMechanismDeclared = (s: ProgramStatements, event: RecordedEventOf<'GrievanceMechanismDeclared'>) =>
  current(s, 'grievance-mechanism', event);

export const policyCommunicated = (s: ProgramStatements, event: RecordedEventOf<'PolicyCommunicated'>) => logged(s, event, event.data);
export const contractClauseRecorded = (s: ProgramStatements, event: RecordedEventOf<'ContractClauseRecorded'>) =>
  logged(s, event, event.data);
export const managementReported = (s: ProgramStatements, event: RecordedEventOf<'ManagementReported'>) => logged(s, event, event.data);

export function grievanceRecorded(s: ProgramStatements, event: RecordedEventOf<'GrievanceRecorded'>): void {
  // The reporter's name stays in the event (for those entitled to read the log), not in the read model.
  const { reporter, ...grievance } = event.data;
  const kept = { ...grievance, named: reporter !== undefined };
  logged(s, event, kept);
}

/** The risk a grievance raised. */
export function riskRaised(s: ProgramStatements, event: RecordedEventOf<'RiskRaised'>): void {
  const risk = event.data;
  if (risk.source.kind === 'grievance' && risk.source.grievanceId) {
    s.insertGrievanceRisk.run(risk.period, risk.source.grievanceId, risk.riskId, event.metadata.eventId);
  }
}
