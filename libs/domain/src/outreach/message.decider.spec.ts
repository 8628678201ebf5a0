import { DeciderSpecification } from '../shared/decider-specification';
import type { RecordMessageHanded } from './message.commands';
import type { MessageQueued } from './message.events';
import { messageDecider, type MessageCommand } from './message.decider';

const spec = DeciderSpecification.for(messageDecider);

const queued: MessageQueued = {
  messageId: 'msg-1',
  kind: 'survey-request',
  supplierId: 'acme',
  supplierName: 'Acme',
  period: 2025,
  requestNumber: 1,
  recipients: [{ name: 'Ana', email: 'ana@acme.example', language: 'en' }],
  language: 'en',
  dueDate: '2026-03-31',
  template: { family: 'CMRT' },
  wave: 'request',
  causeEventId: 'cmrt-1',
};
const isQueued = { type: 'MessageQueued' as const, data: queued };
const failedAttempt = (nextAttemptAt?: string): MessageCommand => ({
  type: 'RecordMessageAttemptFailed',
  data: { messageId: 'msg-1', supplierId: 'acme', reply: '451 4.3.0 try later', ...(nextAttemptAt ? { nextAttemptAt } : {}) },
});
const handover: RecordMessageHanded = {
  messageId: 'msg-1',
  transport: 'smtp',
  serverMessageId: 'Q1',
  response: '250 OK queued as Q1',
  messageIdHeader: '<msg-1@acme.example>',
};
const handed: MessageCommand = { type: 'RecordMessageHanded', data: handover };

describe('a message: queued once, then handed over or failed, with its attempts counted', () => {
  it('queues a message once per cause', () => {
    spec.given([]).when({ type: 'QueueMessage', data: queued }, {}).then([isQueued]);
    spec.given([isQueued]).when({ type: 'QueueMessage', data: queued }, {}).thenNothing();
  });

  it('counts a deferred attempt and records the handover as the next attempt', () => {
    spec
      .given([isQueued])
      .when(failedAttempt('2026-01-01T00:01:00.000Z'), {})
      .then([
        {
          type: 'MessageDeliveryDeferred',
          data: { messageId: 'msg-1', attempt: 1, reply: '451 4.3.0 try later', nextAttemptAt: '2026-01-01T00:01:00.000Z' },
        },
      ]);
    spec
      .given([
        isQueued,
        {
          type: 'MessageDeliveryDeferred',
          data: { messageId: 'msg-1', attempt: 1, reply: 'x', nextAttemptAt: '2026-01-01T00:01:00.000Z' },
        },
      ])
      .when(handed, {})
      .then([{ type: 'MessageHandedToMailServer', data: { ...handover, attempt: 2 } }]);
  });

  it('when a request fails for good, raises the unreachable supplier for its owner', () => {
    spec
      .given([isQueued])
      .when(failedAttempt(), { supplier: { status: 'registered', supplierId: 'acme', name: 'Acme', tier: 'direct', owner: 'buyer-1' } })
      .then([
        { type: 'MessageFailed', data: { messageId: 'msg-1', attempts: 1, reply: '451 4.3.0 try later' } },
        {
          type: 'SupplierUnreachable',
          data: { supplierId: 'acme', period: 2025, messageId: 'msg-1', owner: 'buyer-1', reply: '451 4.3.0 try later' },
        },
      ]);
  });

  it('a reminder that fails for good is only recorded as failed', () => {
    const reminder = { type: 'MessageQueued' as const, data: { ...queued, kind: 'reminder' as const, wave: 'reminder-1' } };
    spec
      .given([reminder])
      .when(failedAttempt(), {})
      .then([{ type: 'MessageFailed', data: { messageId: 'msg-1', attempts: 1, reply: '451 4.3.0 try later' } }]);
  });

  it('settles a message once: a second report after a restart changes nothing', () => {
    const handedEvent = { type: 'MessageHandedToMailServer' as const, data: { ...handover, attempt: 1 } };
    spec.given([isQueued, handedEvent]).when(handed, {}).thenNothing();
    spec.given([isQueued, handedEvent]).when(failedAttempt(), {}).thenNothing();
  });

  it('refuses to record the fate of a message never queued', () => {
    spec.given([]).when(handed, {}).thenRefused('message-unknown');
  });
});
