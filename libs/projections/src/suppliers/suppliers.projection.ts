import { eventTypesOf } from '@dd/domain';
import { defineProjection } from '../core/event-handlers';
import {
  cmrtSent,
  emrtResponseRecorded,
  followUpRequested,
  followUpResolved,
  reminderSent,
  responseRecorded,
  supplierRegistered,
  supplierRenamed,
} from './suppliers.handlers';
import { prepareSupplierStatements, SUPPLIERS_SCHEMA } from './suppliers.tables';

/**
 * Supplier overview: registration, and per period and template family (CMRT, EMRT) the survey's state,
 * reminders and responses.
 * Reminders and responses are rows keyed by their global position (not counters), so applying an
 * event twice changes nothing.
 */
export const suppliersProjection = defineProjection({
  name: 'suppliers',
  // 3: a survey per template family (the EMRT's beside the CMRT's).
  // 4: suppliers counted per tier (supplier_tier_counts); follow-ups indexed by supplier and period; suppliers
  // indexed by tier in id order.
  version: 4,
  tables: ['suppliers', 'supplier_tier_counts', 'supplier_surveys', 'supplier_reminders', 'supplier_responses', 'supplier_follow_ups'],
  schema: SUPPLIERS_SCHEMA,
  prepare: prepareSupplierStatements,
  handlers: {
    SupplierRegistered: supplierRegistered,
    SupplierRenamed: supplierRenamed,
    CMRTSent: cmrtSent,
    ReminderSent: reminderSent,
    ResponseRecorded: responseRecorded,
    EmrtResponseRecorded: emrtResponseRecorded,
    FollowUpRequested: followUpRequested,
    FollowUpResolved: followUpResolved,
  },
  ignores: [
    // The answer page checks revoked links in the survey stream itself.
    'SupplierLinkRevoked',
    'FollowUpChased',
    'SupplierContactAdded',
    'SupplierOwnerAssigned',
    'SupplierStatusChanged',
    'ResponseAccepted',
    'SmelterMatchConfirmed',
    'NonResponseEscalated',
    ...eventTypesOf(
      'product',
      'period',
      'campaign',
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
