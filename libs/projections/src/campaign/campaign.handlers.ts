import { familyOf, usabilityOf } from '@dd/domain';
import type { RecordedEventOf } from '../core/event-handlers';
import type { CampaignStatements } from './campaign.tables';

export function supplierRegistered(s: CampaignStatements, event: RecordedEventOf<'SupplierRegistered'>): void {
  s.upsertSupplier.run(event.data.supplierId, event.data.tier);
}

export function supplierOwnerAssigned(s: CampaignStatements, event: RecordedEventOf<'SupplierOwnerAssigned'>): void {
  s.assignOwner.run(event.data.owner, event.data.supplierId);
}

export function campaignLaunched(s: CampaignStatements, event: RecordedEventOf<'CampaignLaunched'>): void {
  const c = event.data;
  const { occurredAt, actor, eventId } = event.metadata;
  s.launched.run(
    c.campaignId,
    c.period,
    JSON.stringify(c.selection),
    c.dueDate,
    c.family ?? 'cmrt',
    c.templateVersion ?? null,
    c.supplierIds.length,
    occurredAt,
    actor,
    eventId,
    event.globalPosition,
  );
  for (const supplierId of c.supplierIds) s.member.run(c.campaignId, supplierId);
}

export function cmrtSent(s: CampaignStatements, event: RecordedEventOf<'CMRTSent'>): void {
  const sent = event.data;
  const family = familyOf(sent);
  s.upsertSurvey.run(sent.period, sent.supplierId, family, sent.requestNumber);
  s.upsertRequest.run(
    sent.period,
    sent.supplierId,
    family,
    sent.requestNumber,
    event.metadata.occurredAt,
    event.metadata.eventId,
    sent.dueDate,
    sent.templateVersion ?? null,
    sent.campaignId ?? null,
  );
}

export function reminderSent(s: CampaignStatements, event: RecordedEventOf<'ReminderSent'>): void {
  const r = event.data;
  s.reminded.run({
    number: r.reminderNumber,
    at: event.metadata.occurredAt,
    period: r.period,
    supplierId: r.supplierId,
    family: familyOf(r),
    requestNumber: r.requestNumber,
  });
}

export function nonResponseEscalated(s: CampaignStatements, event: RecordedEventOf<'NonResponseEscalated'>): void {
  const e = event.data;
  s.escalated.run(event.metadata.occurredAt, e.owner, event.metadata.eventId, e.period, e.supplierId, familyOf(e), e.requestNumber);
}

export function responseRecorded(s: CampaignStatements, event: RecordedEventOf<'ResponseRecorded'>): void {
  const r = event.data;
  // Events recorded before usability was judged are judged now, by the same rule, from their findings.
  answered(s, event, { ...r, family: 'cmrt', usable: (r.usability ?? usabilityOf(r.findings)) === 'usable' });
}

/** An EMRT response counts on the supplier's EMRT survey, received and usable as a CMRT's. */
export function emrtResponseRecorded(s: CampaignStatements, event: RecordedEventOf<'EmrtResponseRecorded'>): void {
  const r = event.data;
  answered(s, event, { ...r, family: 'emrt', usable: r.usability === 'usable' });
}

function answered(
  s: CampaignStatements,
  event: { globalPosition: number },
  r: {
    period: number;
    supplierId: string;
    family: string;
    requestNumber: number;
    responseNumber: number;
    receivedAt: string;
    declaration: { company?: { scope?: string } };
    usable: boolean;
  },
): void {
  const usable = r.usable ? 1 : 0;
  const position = event.globalPosition;
  s.requestAnswered.run({
    receivedAt: r.receivedAt,
    usable,
    position,
    period: r.period,
    supplierId: r.supplierId,
    family: r.family,
    requestNumber: r.requestNumber,
  });
  s.surveyAnswered.run({
    responseNumber: r.responseNumber,
    position,
    scope: r.declaration.company?.scope ?? null,
    usable,
    period: r.period,
    supplierId: r.supplierId,
    family: r.family,
  });
}

export function responseAccepted(s: CampaignStatements, event: RecordedEventOf<'ResponseAccepted'>): void {
  s.accepted.run(event.data.responseNumber, event.data.period, event.data.supplierId, familyOf(event.data));
}

export function followUpRequested(s: CampaignStatements, event: RecordedEventOf<'FollowUpRequested'>): void {
  s.followUpOpened.run(event.data.followUpId, event.data.period, event.data.supplierId, familyOf(event.data));
}

export function followUpResolved(s: CampaignStatements, event: RecordedEventOf<'FollowUpResolved'>): void {
  s.followUpClosed.run(event.data.followUpId, event.data.period, event.data.supplierId, familyOf(event.data));
}
