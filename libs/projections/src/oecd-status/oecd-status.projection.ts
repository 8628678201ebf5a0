import { eventTypesOf } from '@dd/domain';
import { defineProjection } from '../core/event-handlers';
import {
  contractClauseRecorded,
  grievanceMechanismDeclared,
  managementReported,
  riskReportIssued,
  policyAdopted,
  policyCommunicated,
  reportPublished,
  teamAssigned,
} from './management-system.handlers';
import { OECD_STATUS_SCHEMA, prepareOecdStatusStatements } from './oecd-status.tables';
import { mitigationDecided, riskAssessed, riskClosed, riskRaised, riskReopened, riskSeverityRaised } from './risk-facts.handlers';
import { rmapStatusListImported, rmapStatusListWithdrawn } from './status-list.handlers';
import {
  cmrtSent,
  emrtResponseRecorded,
  reminderSent,
  responseRecorded,
  smelterMatchConfirmed,
  supplierRegistered,
} from './survey-facts.handlers';

export { ALL_PERIODS } from './oecd-status.tables';

/**
 * Raw facts behind the OECD five-step status: which events evidence which criterion in which period,
 * plus the little state some criteria need (open requests and their reminders, each supplier's latest
 * response, each risk's severity and whether it has a plan or is closed, the smelters identified in the
 * latest responses and their current RMAP status). Whether a criterion is met is decided at query time (see oecd-criteria.ts), so a new
 * rule, or "today" moving past a due date, needs no rebuild.
 */
export const oecdStatusProjection = defineProjection({
  name: 'oecd-status',
  // 3: management-system facts (steps 1, 3 and 5) and oecd_program_latest.
  // 5: EMRT surveys and responses filed as evidence (surveyed, chased, reviewed, smelters identified).
  // 6: counts in oecd_fact_counts; of most criteria only the evidence shown is kept (rebuild at scale).
  // 7: counts and sets kept for the status read (oecd_risk_counts, oecd_period_smelters, oecd_risked_suppliers,
  // oecd_uncovered_red_flags).
  // 8: the overdue and uncovered-red-flag suppliers counted by kept rows (oecd_unchased_suppliers,
  // oecd_unchased_counts, oecd_uncovered_counts), no longer one index entry per supplier counted.
  version: 8,
  tables: [
    'oecd_facts',
    'oecd_fact_counts',
    'oecd_requests',
    'oecd_unchased_suppliers',
    'oecd_unchased_counts',
    'oecd_latest_responses',
    'oecd_risked_suppliers',
    'oecd_uncovered_red_flags',
    'oecd_uncovered_counts',
    'oecd_risks',
    'oecd_risk_counts',
    'oecd_smelters',
    'oecd_period_smelters',
    'oecd_rmap_statuses',
    'oecd_lists',
    'oecd_program_latest',
  ],
  schema: OECD_STATUS_SCHEMA,
  prepare: prepareOecdStatusStatements,
  handlers: {
    PolicyAdopted: policyAdopted,
    PolicyCommunicated: policyCommunicated,
    TeamAssigned: teamAssigned,
    ContractClauseRecorded: contractClauseRecorded,
    GrievanceMechanismDeclared: grievanceMechanismDeclared,
    ManagementReported: managementReported,
    RiskReportIssued: riskReportIssued,
    ReportPublished: reportPublished,
    SupplierRegistered: supplierRegistered,
    CMRTSent: cmrtSent,
    ReminderSent: reminderSent,
    ResponseRecorded: responseRecorded,
    EmrtResponseRecorded: emrtResponseRecorded,
    SmelterMatchConfirmed: smelterMatchConfirmed,
    RiskRaised: riskRaised,
    RiskReopened: riskReopened,
    RiskSeverityRaised: riskSeverityRaised,
    RiskAssessed: riskAssessed,
    MitigationDecided: mitigationDecided,
    RiskClosed: riskClosed,
    RmapStatusListImported: rmapStatusListImported,
    RmapStatusListWithdrawn: rmapStatusListWithdrawn,
  },
  ignores: [
    // The answer page checks revoked links in the survey stream itself.
    'SupplierLinkRevoked',
    'FollowUpChased',
    'SupplierContactAdded',
    'SupplierRenamed',
    'SupplierOwnerAssigned',
    'SupplierStatusChanged',
    'PeriodOpened',
    'PeriodClosed',
    'PeriodReopened',
    'GrievanceRecorded',
    'FollowUpRequested',
    'FollowUpResolved',
    'ResponseAccepted',
    'NonResponseEscalated',
    'RiskOwnerAssigned',
    'MitigationProgressRecorded',
    'RiskEscalated',
    ...eventTypesOf('product', 'campaign', 'referenceList', 'logSeal', 'customerDeclaration', 'message'),
  ],
});
