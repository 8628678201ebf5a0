import { eventTypesOf } from '@dd/domain';
import { defineProjection } from '../core/event-handlers';
import { messageDeferred, messageFailed, messageHanded, messageQueued, responseRecorded, supplierUnreachable } from './messages.handlers';
import { MESSAGES_SCHEMA, prepareMessageStatements } from './messages.tables';

/**
 * The outbox as read: every message to a supplier (what, to whom, when queued), its fate (accepted by
 * the mail server with its id and answer, waiting for another attempt, failed for good with the last
 * reply), and each supplier's first answer of a period, for the response rate by message wave. The
 * outbox sender reads the messages waiting for an attempt from here.
 */
export const messagesProjection = defineProjection({
  name: 'messages',
  version: 1,
  tables: ['messages', 'message_answers'],
  schema: MESSAGES_SCHEMA,
  prepare: prepareMessageStatements,
  handlers: {
    MessageQueued: messageQueued,
    MessageDeliveryDeferred: messageDeferred,
    MessageHandedToMailServer: messageHanded,
    MessageFailed: messageFailed,
    SupplierUnreachable: supplierUnreachable,
    ResponseRecorded: responseRecorded,
  },
  ignores: [
    // The answer page checks revoked links in the survey stream itself.
    'SupplierLinkRevoked',
    'FollowUpChased',
    'CMRTSent',
    'ReminderSent',
    'FollowUpRequested',
    'FollowUpResolved',
    'ResponseAccepted',
    'SmelterMatchConfirmed',
    'NonResponseEscalated',
    // An EMRT answer is not yet acknowledged by mail nor counted in the waves (the waves are the CMRT's).
    'EmrtResponseRecorded',
    ...eventTypesOf(
      'supplier',
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
    ),
  ],
});
