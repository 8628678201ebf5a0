import { eventTypesOf } from '@dd/domain';
import { defineProjection } from '../core/event-handlers';
import { responseRecorded } from './red-flags.handlers';
import {
  mitigationDecided,
  mitigationProgressRecorded,
  riskAssessed,
  riskClosed,
  riskEscalated,
  riskOwnerAssigned,
  riskRaised,
  riskReopened,
  riskSeverityRaised,
} from './risk-lifecycle.handlers';
import { prepareRiskRegisterStatements, RISK_REGISTER_SCHEMA } from './risk-register.tables';

export * from './risk-lifecycle';

/**
 * The risk register: one row per risk with where it stands (status, owner, assessment, plan,
 * escalations, closure), every event of the risk as its history, and the red-flag findings of each
 * supplier's latest response per period, so a risk can be shown with the findings behind it.
 *
 * Each row remembers the position of the last event applied to it and ignores anything older, so an
 * event applied again (a replay over kept tables) changes nothing.
 */
export const riskRegisterProjection = defineProjection({
  name: 'risk-register',
  // 3: supplier_id may be NULL (a risk raised from a grievance that names no supplier).
  // 4: the roll-forward's figures kept per business year and category (risk_roll_forward), the
  // register's totals per period, status, category and severity (risk_register_counts).
  version: 4,
  tables: ['risk_register', 'risk_register_counts', 'risk_history', 'risk_roll_forward', 'red_flags', 'risk_latest_responses'],
  schema: RISK_REGISTER_SCHEMA,
  prepare: prepareRiskRegisterStatements,
  handlers: {
    RiskRaised: riskRaised,
    RiskReopened: riskReopened,
    RiskSeverityRaised: riskSeverityRaised,
    RiskAssessed: riskAssessed,
    RiskOwnerAssigned: riskOwnerAssigned,
    MitigationDecided: mitigationDecided,
    MitigationProgressRecorded: mitigationProgressRecorded,
    RiskEscalated: riskEscalated,
    RiskClosed: riskClosed,
    ResponseRecorded: responseRecorded,
  },
  ignores: [
    // The answer page checks revoked links in the survey stream itself.
    'SupplierLinkRevoked',
    'FollowUpChased',
    // EMRT answers (cobalt, mica ...) are counted by the campaign read model; this one reads CMRT responses.
    'EmrtResponseRecorded',
    'CMRTSent',
    'ReminderSent',
    'FollowUpRequested',
    'FollowUpResolved',
    'ResponseAccepted',
    'SmelterMatchConfirmed',
    'NonResponseEscalated',
    ...eventTypesOf(
      'supplier',
      'product',
      'period',
      'campaign',
      'program',
      'referenceList',
      'rmapStatus',
      'logSeal',
      'customerDeclaration',
      'riskReport',
      'message',
    ),
  ],
});
