import { familyOf, SURVEY_FAMILY_LABELS } from '@dd/domain';
import type { RecordedEventOf } from '../core/event-handlers';
import type { MessageStatements } from './messages.tables';

export function messageQueued(s: MessageStatements, event: RecordedEventOf<'MessageQueued'>): void {
  const d = event.data;
  const at = event.metadata.occurredAt;
  s.queued.run(
    d.messageId,
    event.globalPosition,
    d.supplierId,
    d.period,
    d.kind,
    d.wave,
    d.template.family,
    d.campaignId ?? null,
    d.requestNumber ?? null,
    JSON.stringify(d.recipients.map((recipient) => recipient.email)),
    d.language,
    at,
    // Its first attempt is due at once.
    at,
  );
}

export function messageDeferred(s: MessageStatements, event: RecordedEventOf<'MessageDeliveryDeferred'>): void {
  const d = event.data;
  s.deferred.run(d.attempt, d.nextAttemptAt, d.reply, d.messageId, d.attempt);
}

export function messageHanded(s: MessageStatements, event: RecordedEventOf<'MessageHandedToMailServer'>): void {
  const d = event.data;
  s.handed.run(d.attempt, event.metadata.occurredAt, d.transport, d.serverMessageId, d.response, d.messageId);
}

export function messageFailed(s: MessageStatements, event: RecordedEventOf<'MessageFailed'>): void {
  const d = event.data;
  s.failed.run(d.attempts, event.metadata.occurredAt, d.reply, d.messageId);
}

export function supplierUnreachable(s: MessageStatements, event: RecordedEventOf<'SupplierUnreachable'>): void {
  s.unreachable.run(event.data.owner, event.data.messageId);
}

export function responseRecorded(s: MessageStatements, event: RecordedEventOf<'ResponseRecorded'>): void {
  s.answered.run(event.data.supplierId, event.data.period, SURVEY_FAMILY_LABELS.cmrt, event.metadata.occurredAt);
}

/** An EMRT answer counts for the EMRT's waves (its messages carry the family's label, as here). */
export function emrtResponseRecorded(s: MessageStatements, event: RecordedEventOf<'EmrtResponseRecorded'>): void {
  s.answered.run(event.data.supplierId, event.data.period, SURVEY_FAMILY_LABELS[familyOf(event.data)], event.metadata.occurredAt);
}
