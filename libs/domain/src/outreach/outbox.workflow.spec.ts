import type { WorkflowEvent } from '../shared/workflow';
import { messageIdFor, outboxWorkflow, type OutboxRequest, type OutboxSupplier, type OutboxView } from './outbox.workflow';

interface Kept {
  suppliers?: Record<string, OutboxSupplier>;
  requests?: Record<string, OutboxRequest>;
  oldestAccepted?: Record<number, string>;
}

const viewOf = (kept: Kept): OutboxView => ({
  supplier: (supplierId) => kept.suppliers?.[supplierId],
  request: (supplierId, period, family) =>
    kept.requests?.[family === 'cmrt' ? `${supplierId}/${period}` : `${supplierId}/${period}/${family}`],
  oldestAccepted: (period) => kept.oldestAccepted?.[period],
});

const acme: OutboxSupplier = {
  name: 'Acme Contract Manufacturing',
  contacts: [
    { name: 'Li Wei', email: 'li.wei@acme.example', language: 'zh' },
    { name: 'Ana Silva', email: 'ana@acme.example', language: 'en' },
  ],
};
const request: OutboxRequest = { requestNumber: 1, dueDate: '2026-03-31', templateVersion: '6.5', campaignId: 'c-2025' };
const kept: Kept = { suppliers: { acme }, requests: { 'acme/2025': request }, oldestAccepted: { 2025: '6.1' } };

const event = <T extends WorkflowEvent<(typeof outboxWorkflow.handles)[number]>['type']>(
  type: T,
  data: Extract<WorkflowEvent<(typeof outboxWorkflow.handles)[number]>, { type: T }>['data'],
  eventId = 'e-1',
) => ({ type, data, metadata: { eventId } }) as WorkflowEvent<(typeof outboxWorkflow.handles)[number]>;

describe('outbox workflow: one message per cause', () => {
  it('given a supplier with contacts, when a CMRT request is sent, then it queues the request in the first contact language, with what is asked', () => {
    const decision = outboxWorkflow.decide(
      event(
        'CMRTSent',
        { supplierId: 'acme', period: 2025, dueDate: '2026-03-31', templateVersion: '6.5', requestNumber: 1, campaignId: 'c-2025' },
        'cmrt-1',
      ),
      viewOf({ suppliers: { acme }, oldestAccepted: { 2025: '6.1' } }),
    );
    expect(decision.commands).toEqual([
      {
        name: 'QueueMessage',
        commandId: 'outbox/cmrt-1',
        data: {
          messageId: messageIdFor('cmrt-1'),
          kind: 'survey-request',
          supplierId: 'acme',
          supplierName: 'Acme Contract Manufacturing',
          period: 2025,
          requestNumber: 1,
          dueDate: '2026-03-31',
          campaignId: 'c-2025',
          recipients: acme.contacts,
          language: 'zh',
          template: { family: 'CMRT', version: '6.5', oldestAccepted: '6.1' },
          wave: 'request',
          causeEventId: 'cmrt-1',
        },
      },
    ]);
    expect(decision.changes).toEqual([{ change: 'request-sent', supplierId: 'acme', period: 2025, family: 'cmrt', request }]);
  });

  it('given a CMRT and an EMRT request to one supplier, when the EMRT is chased, then the reminder asks for the EMRT with its own due date', () => {
    const emrtRequest: OutboxRequest = { requestNumber: 1, dueDate: '2026-05-31', templateVersion: '2.1' };
    const view = viewOf({ suppliers: { acme }, requests: { 'acme/2025': request, 'acme/2025/emrt': emrtRequest } });
    const decision = outboxWorkflow.decide(
      event(
        'ReminderSent',
        { supplierId: 'acme', period: 2025, requestNumber: 1, reminderNumber: 1, overdue: false, family: 'emrt' },
        'rem-emrt',
      ),
      view,
    );
    expect(decision.commands.map((command) => [command.data.template, command.data.dueDate])).toEqual([
      [{ family: 'EMRT', version: '2.1' }, '2026-05-31'],
    ]);
    const sent = outboxWorkflow.decide(
      event('CMRTSent', { supplierId: 'acme', period: 2025, dueDate: '2026-05-31', requestNumber: 1, family: 'emrt' }, 'emrt-1'),
      viewOf({ suppliers: { acme } }),
    );
    expect(sent.changes).toEqual([
      { change: 'request-sent', supplierId: 'acme', period: 2025, family: 'emrt', request: { requestNumber: 1, dueDate: '2026-05-31' } },
    ]);
    expect(sent.commands[0]?.data.template.family).toBe('EMRT');
  });

  it('given an EMRT request, when the EMRT answer is recorded, then the acknowledgement is about the EMRT, with its request and answer numbers', () => {
    const emrtRequest: OutboxRequest = { requestNumber: 1, dueDate: '2026-05-31', templateVersion: '2.1', campaignId: 'c-emrt' };
    const view = viewOf({ suppliers: { acme }, requests: { 'acme/2025': request, 'acme/2025/emrt': emrtRequest } });
    // Only what the acknowledgement reads of the answer; the declaration itself is the survey decider's.
    const answer = { supplierId: 'acme', period: 2025, family: 'emrt', requestNumber: 1, responseNumber: 2 } as Extract<
      WorkflowEvent<'EmrtResponseRecorded'>,
      { type: 'EmrtResponseRecorded' }
    >['data'];
    const decision = outboxWorkflow.decide(event('EmrtResponseRecorded', answer, 'emrt-answer-2'), view);
    expect(decision.commands).toHaveLength(1);
    expect(decision.commands[0]).toMatchObject({
      commandId: 'outbox/emrt-answer-2',
      data: {
        kind: 'acknowledgement',
        wave: 'acknowledgement',
        responseNumber: 2,
        requestNumber: 1,
        campaignId: 'c-emrt',
        template: { family: 'EMRT', version: '2.1' },
      },
    });
  });

  it('derives the message id from the cause: the same event delivered again queues the same message', () => {
    const cause = event('ReminderSent', { supplierId: 'acme', period: 2025, requestNumber: 1, reminderNumber: 2, overdue: false }, 'rem-2');
    const first = outboxWorkflow.decide(cause, viewOf(kept));
    const again = outboxWorkflow.decide(cause, viewOf(kept));
    expect(again).toEqual(first);
    expect(first.commands[0]).toMatchObject({
      commandId: 'outbox/rem-2',
      data: { kind: 'reminder', wave: 'reminder-2', reminderNumber: 2, dueDate: '2026-03-31', messageId: 'msg-rem-2' },
    });
  });

  it('queues an escalation, a follow-up with what to correct, and an acknowledgement of a response', () => {
    const escalation = outboxWorkflow.decide(
      event('NonResponseEscalated', {
        supplierId: 'acme',
        period: 2025,
        requestNumber: 1,
        owner: 'buyer-1',
        reminders: 2,
        dueDate: '2026-03-31',
      }),
      viewOf(kept),
    );
    expect(escalation.commands[0].data).toMatchObject({ kind: 'escalation', wave: 'escalation', overdue: true });
    const followUp = outboxWorkflow.decide(
      event('FollowUpRequested', {
        supplierId: 'acme',
        period: 2025,
        followUpId: 'f-1',
        kind: 'incomplete',
        responseNumber: 1,
        origin: 'checker',
        findings: [
          {
            ruleId: 'checker.company-name',
            severity: 'error',
            field: 'company.name',
            cell: 'Declaration!D8',
            message: 'Company name is missing',
          },
        ],
        note: 'Please also name the authorizer',
      }),
      viewOf(kept),
    );
    expect(followUp.commands[0].data).toMatchObject({
      kind: 'follow-up-request',
      followUp: { kind: 'incomplete', items: ['Declaration!D8: Company name is missing', 'Please also name the authorizer'] },
    });
  });

  it('given an open follow-up, when the reviewer chases it, then the follow-up request goes out again with their words', () => {
    const chase = outboxWorkflow.decide(
      event(
        'FollowUpChased',
        {
          supplierId: 'acme',
          period: 2025,
          followUpId: 'f-1',
          kind: 'incomplete',
          note: 'D8 is still blank: please send the corrected CMRT',
        },
        'e-chase',
      ),
      viewOf(kept),
    );
    expect(chase.commands).toHaveLength(1);
    expect(chase.commands[0].data).toMatchObject({
      messageId: messageIdFor('e-chase'),
      kind: 'follow-up-request',
      wave: 'follow-up',
      language: 'zh',
      followUp: { kind: 'incomplete', items: ['D8 is still blank: please send the corrected CMRT'] },
    });
  });

  it('given a supplier without contacts, queues nothing: there is nobody to write to', () => {
    const decision = outboxWorkflow.decide(
      event('CMRTSent', { supplierId: 'mute', period: 2025, dueDate: '2026-03-31', requestNumber: 1 }),
      viewOf({ suppliers: { mute: { name: 'Mute Ltd', contacts: [] } } }),
    );
    expect(decision.commands).toEqual([]);
    // The request is still kept: a contact added later makes the reminders reach someone.
    expect(decision.changes).toEqual([
      { change: 'request-sent', supplierId: 'mute', period: 2025, family: 'cmrt', request: { requestNumber: 1, dueDate: '2026-03-31' } },
    ]);
  });

  it('keeps contacts, names and policies as changes, sending nothing for them', () => {
    const contact = outboxWorkflow.decide(
      event('SupplierContactAdded', { supplierId: 'acme', name: 'Ana', email: 'ana@acme.example' }),
      viewOf({}),
    );
    // A contact recorded before contacts had a language is written to in English.
    expect(contact).toEqual({
      commands: [],
      changes: [{ change: 'contact-added', supplierId: 'acme', contact: { name: 'Ana', email: 'ana@acme.example', language: 'en' } }],
    });
  });
});
