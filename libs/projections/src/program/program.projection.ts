import { eventTypesOf } from '@dd/domain';
import { defineProjection } from '../core/event-handlers';
import {
  contractClauseRecorded,
  grievanceMechanismDeclared,
  grievanceRecorded,
  managementReported,
  policyAdopted,
  policyCommunicated,
  riskRaised,
  teamAssigned,
} from './program.handlers';
import { prepareProgramStatements, PROGRAM_SCHEMA } from './program.tables';

/** The records of program-<year> kept as a list, oldest first (communications, clauses, grievances, reports). */
export const PROGRAM_LOG_TYPES = ['PolicyCommunicated', 'ContractClauseRecorded', 'GrievanceRecorded', 'ManagementReported'] as const;

/**
 * The management systems of each reporting year (OECD step 1, and the step-3 reports to senior
 * management): the current policy, team and grievance mechanism, and the lists of communications,
 * contract clauses, grievances (with the risk each raised) and management reports.
 *
 * Rows are keyed by what they are (period and kind, the event's position, the grievance id), and the
 * "current" records only move forward by position, so an event applied again changes nothing.
 */
export const programProjection = defineProjection({
  name: 'program',
  version: 1,
  tables: ['program_current', 'program_log', 'program_grievance_risks'],
  schema: PROGRAM_SCHEMA,
  prepare: prepareProgramStatements,
  handlers: {
    PolicyAdopted: policyAdopted,
    TeamAssigned: teamAssigned,
    GrievanceMechanismDeclared: grievanceMechanismDeclared,
    PolicyCommunicated: policyCommunicated,
    ContractClauseRecorded: contractClauseRecorded,
    ManagementReported: managementReported,
    GrievanceRecorded: grievanceRecorded,
    RiskRaised: riskRaised,
  },
  ignores: [
    'RiskReopened',
    'RiskSeverityRaised',
    'RiskAssessed',
    'RiskOwnerAssigned',
    'MitigationDecided',
    'MitigationProgressRecorded',
    'RiskEscalated',
    'RiskClosed',
    ...eventTypesOf(
      'supplier',
      'product',
      'period',
      'campaign',
      'survey',
      'referenceList',
      'rmapStatus',
      'logSeal',
      'customerDeclaration',
      'riskReport',
      'message',
    ),
  ],
});
