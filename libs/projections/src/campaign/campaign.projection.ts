import { eventTypesOf } from '@dd/domain';
import { defineProjection } from '../core/event-handlers';
import {
  campaignLaunched,
  cmrtSent,
  emrtResponseRecorded,
  followUpRequested,
  followUpResolved,
  nonResponseEscalated,
  reminderSent,
  responseAccepted,
  responseRecorded,
  supplierOwnerAssigned,
  supplierRegistered,
} from './campaign.handlers';
import { CAMPAIGN_SCHEMA, prepareCampaignStatements } from './campaign.tables';

/**
 * The survey campaign of each period, per template family (CMRT, EMRT): every request (who sent it, when, due when, how many
 * reminders, escalated or answered), each supplier's latest response (its declaration scope, accepted
 * or not, usable or not), open follow-ups, and the campaigns launched with the suppliers they selected. A small
 * supplier table (tier, owner) sits beside them for the figures by tier and for escalations.
 *
 * Rates, shares and "overdue" are computed at query time (campaign.queries.ts) from these rows and
 * "today". Counters are never incremented: numbers are MAX()ed in from the events that carry them
 * (reminder 2, response 3), and "latest" is guarded by the global position, so an event applied
 * again leaves every row as it was.
 */
export const campaignProjection = defineProjection({
  name: 'campaign',
  // 2: received and usable responses counted apart (latest_usable, usable). 3: per template family (cmrt, emrt).
  version: 5,
  tables: [
    'campaign_suppliers',
    'campaign_surveys',
    'campaign_requests',
    'campaign_follow_ups',
    'campaign_launches',
    'campaign_members',
    'campaign_survey_counts',
    'campaign_request_counts',
    'campaign_open_counts',
  ],
  schema: CAMPAIGN_SCHEMA,
  prepare: prepareCampaignStatements,
  handlers: {
    SupplierRegistered: supplierRegistered,
    SupplierOwnerAssigned: supplierOwnerAssigned,
    CampaignLaunched: campaignLaunched,
    CMRTSent: cmrtSent,
    ReminderSent: reminderSent,
    NonResponseEscalated: nonResponseEscalated,
    ResponseRecorded: responseRecorded,
    EmrtResponseRecorded: emrtResponseRecorded,
    ResponseAccepted: responseAccepted,
    FollowUpRequested: followUpRequested,
    FollowUpResolved: followUpResolved,
  },
  ignores: [
    // The answer page checks revoked links in the survey stream itself.
    'SupplierLinkRevoked',
    'FollowUpChased',
    'SupplierContactAdded',
    'SupplierRenamed',
    'SupplierStatusChanged',
    'SmelterMatchConfirmed',
    ...eventTypesOf(
      'product',
      'period',
      'program',
      'risk',
      'referenceList',
      'rmapStatus',
      'logSeal',
      'customerDeclaration',
      'riskReport',
      'message',
    ),
  ],
});
