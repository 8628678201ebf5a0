import { eventTypesOf } from '@dd/domain';
import { defineProjection } from '../core/event-handlers';
import {
  cmrtSent,
  followUpRequested,
  followUpResolved,
  reminderSent,
  responseRecorded,
  supplierRegistered,
  supplierRenamed,
} from './suppliers.handlers';
import { prepareSupplierStatements, SUPPLIERS_SCHEMA } from './suppliers.tables';

/**
 * Supplier overview: registration, and per period the survey's state, reminders and responses.
 * Reminders and responses are rows keyed by their global position (not counters), so applying an
 * event twice changes nothing.
 */
export const suppliersProjection = defineProjection({
  name: 'suppliers',
  version: 2,
  tables: ['suppliers', 'supplier_surveys', 'supplier_reminders', 'supplier_responses', 'supplier_follow_ups'],
  schema: SUPPLIERS_SCHEMA,
  prepare: prepareSupplierStatements,
  handlers: {
    SupplierRegistered: supplierRegistered,
    SupplierRenamed: supplierRenamed,
    CMRTSent: cmrtSent,
    ReminderSent: reminderSent,
    ResponseRecorded: responseRecorded,
    FollowUpRequested: followUpRequested,
    FollowUpResolved: followUpResolved,
  },
  ignores: [
    // The answer page checks revoked links in the survey stream itself.
    'SupplierLinkRevoked',
    // EMRT answers (cobalt, mica ...) are counted by the campaign read model; this one reads CMRT responses.
    'EmrtResponseRecorded',
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
