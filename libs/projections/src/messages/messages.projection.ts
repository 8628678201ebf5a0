import { eventTypesOf } from '@dd/domain';
import { defineProjection } from '../core/event-handlers';
import {
  emrtResponseRecorded,
  messageDeferred,
  messageFailed,
  messageHanded,
  messageQueued,
  responseRecorded,
  supplierUnreachable,
} from './messages.handlers';
import { MESSAGES_SCHEMA, prepareMessageStatements } from './messages.tables';

/**
 * The outbox as read: every message to a supplier (what, to whom, when queued), its fate (accepted by
 * the mail server with its id and answer, waiting for another attempt, failed for good with the last
 * reply), and each supplier's first answer of a period, for the response rate by message wave. The
 * outbox sender reads the messages waiting for an attempt from here.
 */
export const messagesProjection = defineProjection({
  name: 'messages',
  // 2: messages and answers by template family (EMRT answers count in the EMRT's waves).
  version: 2,
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
    EmrtResponseRecorded: emrtResponseRecorded,
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
