import type { Workflow, WorkflowCommand, WorkflowDecision, WorkflowEvent } from '../shared/workflow';
import { familyOf, SURVEY_FAMILY_LABELS, type SurveyFamily } from '../survey/survey-family';
import { DEFAULT_MESSAGE_LANGUAGE, type MessageLanguage } from './message-language';
import type { MessageKind, MessageQueued, MessageRecipient } from './message.events';

export type OutboxEventType =
  | 'SupplierRegistered'
  | 'SupplierRenamed'
  | 'SupplierContactAdded'
  | 'PeriodOpened'
  | 'CMRTSent'
  | 'ReminderSent'
  | 'FollowUpRequested'
  | 'FollowUpChased'
  | 'NonResponseEscalated'
  | 'ResponseRecorded'
  | 'EmrtResponseRecorded';

/** A supplier as the outbox needs it: whom to write to, in which language, and what to call them. */
export interface OutboxSupplier {
  name: string;
  contacts: readonly MessageRecipient[];
}

/** The open request of a supplier for a period: what a reminder or an escalation repeats. */
export interface OutboxRequest {
  requestNumber: number;
  dueDate: string;
  templateVersion?: string;
  campaignId?: string;
}

/** What the workflow reads of its state (tables kept by the engine): read-only. */
export interface OutboxView {
  supplier(supplierId: string): OutboxSupplier | undefined;
  request(supplierId: string, period: number, family: SurveyFamily): OutboxRequest | undefined;
  /** The period policy's oldest accepted CMRT revision, if it names one. */
  oldestAccepted(period: number): string | undefined;
}

export type OutboxChange =
  | { change: 'supplier-named'; supplierId: string; name: string }
  | { change: 'contact-added'; supplierId: string; contact: MessageRecipient }
  | { change: 'period-policy'; period: number; oldestAccepted?: string }
  | { change: 'request-sent'; supplierId: string; period: number; family: SurveyFamily; request: OutboxRequest };

type Decision = WorkflowDecision<WorkflowCommand<'QueueMessage'>, OutboxChange>;
const only = (...changes: OutboxChange[]): Decision => ({ commands: [], changes });

/** The message id a cause makes: the cause event's id, so the cause delivered again makes the same message. */
export const messageIdFor = (causeEventId: string): string => `msg-${causeEventId}`;

/**
 * "Every survey request, reminder, follow-up request, escalation and acknowledgement becomes a message
 * in the outbox": one QueueMessage per cause event, its id derived from the event's id. A supplier
 * with no contact on file gets none (there is nobody to write to: add a contact first). The message
 * names its recipients and language as they are when it is queued (the supplier's contacts, the first
 * contact's language). The workflow keeps what a message needs that its cause does not carry: the
 * supplier's name and contacts, the request's due date and revision, the period's oldest accepted revision.
 */
export const outboxWorkflow: Workflow<OutboxEventType, WorkflowCommand<'QueueMessage'>, OutboxChange, OutboxView> = {
  name: 'outbox',
  actor: 'system:outbox',
  handles: [
    'SupplierRegistered',
    'SupplierRenamed',
    'SupplierContactAdded',
    'PeriodOpened',
    'CMRTSent',
    'ReminderSent',
    'FollowUpRequested',
    'FollowUpChased',
    'NonResponseEscalated',
    'ResponseRecorded',
    'EmrtResponseRecorded',
  ],
  decide(event, view) {
    switch (event.type) {
      case 'SupplierRegistered':
      case 'SupplierRenamed':
        return only({ change: 'supplier-named', supplierId: event.data.supplierId, name: event.data.name });
      case 'SupplierContactAdded': {
        const { supplierId, name, email } = event.data;
        return only({
          change: 'contact-added',
          supplierId,
          contact: { name, email, language: event.data.language ?? DEFAULT_MESSAGE_LANGUAGE },
        });
      }
      case 'PeriodOpened':
        return only({
          change: 'period-policy',
          period: event.data.period,
          oldestAccepted: event.data.policy.oldestAcceptedTemplateVersion,
        });
      case 'CMRTSent':
        return cmrtSent(event, view);
      case 'ReminderSent':
        return chase(event, view, 'reminder', `reminder-${event.data.reminderNumber}`, {
          reminderNumber: event.data.reminderNumber,
          overdue: event.data.overdue,
        });
      case 'NonResponseEscalated':
        return chase(event, view, 'escalation', 'escalation', { overdue: true });
      case 'FollowUpRequested':
        return followUp(event, view);
      case 'FollowUpChased':
        // The follow-up request again, with what the reviewer says is still to correct.
        return {
          commands: queue(event, view, 'follow-up-request', 'follow-up', {
            followUp: { kind: event.data.kind, items: [event.data.note] },
          }),
          changes: [],
        };
      case 'ResponseRecorded':
      case 'EmrtResponseRecorded':
        // An EMRT answer is acknowledged like a CMRT's, in the EMRT's words (its family is on the event).
        return acknowledgement(event, view);
      default:
        return event satisfies never;
    }
  },
};

interface Cause {
  metadata: { eventId: string };
  /** Survey events name their template family when it is not the CMRT. */
  data: { supplierId: string; period: number; family?: SurveyFamily };
}

function queue(
  cause: Cause,
  view: OutboxView,
  kind: MessageKind,
  wave: string,
  facts: Partial<MessageQueued>,
): WorkflowCommand<'QueueMessage'>[] {
  const { supplierId, period } = cause.data;
  const supplier = view.supplier(supplierId);
  const recipients = [...(supplier?.contacts ?? [])];
  // Nobody to write to: no message (the supplier's record shows it has no contact; see docs/outreach.md).
  if (recipients.length === 0) return [];
  const language: MessageLanguage = recipients[0]?.language ?? DEFAULT_MESSAGE_LANGUAGE;
  const family = familyOf(cause.data);
  const request = view.request(supplierId, period, family);
  const oldestAccepted = view.oldestAccepted(period);
  const data: MessageQueued = {
    messageId: messageIdFor(cause.metadata.eventId),
    kind,
    supplierId,
    supplierName: supplier?.name ?? supplierId,
    period,
    ...(request ? { requestNumber: request.requestNumber, dueDate: request.dueDate } : {}),
    ...(request?.campaignId ? { campaignId: request.campaignId } : {}),
    recipients,
    language,
    template: {
      family: SURVEY_FAMILY_LABELS[family],
      ...(request?.templateVersion ? { version: request.templateVersion } : {}),
      ...(oldestAccepted ? { oldestAccepted } : {}),
    },
    wave,
    causeEventId: cause.metadata.eventId,
    ...facts,
  };
  return [{ name: 'QueueMessage', data, commandId: `outbox/${cause.metadata.eventId}` }];
}

function cmrtSent(event: WorkflowEvent<'CMRTSent'>, view: OutboxView): Decision {
  const { supplierId, period, dueDate, templateVersion, campaignId, requestNumber } = event.data;
  const request: OutboxRequest = {
    requestNumber,
    dueDate,
    ...(templateVersion ? { templateVersion } : {}),
    ...(campaignId ? { campaignId } : {}),
  };
  // The view answers with the request this event makes: the message is decided on the state after it.
  const family = familyOf(event.data);
  const withRequest: OutboxView = {
    ...view,
    request: (s, p, f) => (s === supplierId && p === period && f === family ? request : view.request(s, p, f)),
  };
  return {
    commands: queue(event, withRequest, 'survey-request', 'request', {}),
    changes: [{ change: 'request-sent', supplierId, period, family, request }],
  };
}

function chase(
  event: WorkflowEvent<'ReminderSent' | 'NonResponseEscalated'>,
  view: OutboxView,
  kind: MessageKind,
  wave: string,
  facts: Partial<MessageQueued>,
): Decision {
  return { commands: queue(event, view, kind, wave, facts), changes: [] };
}

function followUp(event: WorkflowEvent<'FollowUpRequested'>, view: OutboxView): Decision {
  const { kind, findings, note } = event.data;
  const items = [
    ...findings.map((finding) => (finding.cell ? `${finding.cell}: ${finding.message}` : finding.message)),
    ...(note ? [note] : []),
  ];
  return { commands: queue(event, view, 'follow-up-request', 'follow-up', { followUp: { kind, items } }), changes: [] };
}

function acknowledgement(event: WorkflowEvent<'ResponseRecorded' | 'EmrtResponseRecorded'>, view: OutboxView): Decision {
  return { commands: queue(event, view, 'acknowledgement', 'acknowledgement', { responseNumber: event.data.responseNumber }), changes: [] };
}
