import { familyOf } from '@dd/domain';
import type { RecordedEventOf } from '../core/event-handlers';
import type { SupplierStatements } from './suppliers.tables';

export function supplierRegistered(s: SupplierStatements, event: RecordedEventOf<'SupplierRegistered'>): void {
  const supplier = event.data;
  s.upsertSupplier.run(
    supplier.supplierId,
    supplier.name,
    supplier.tier,
    supplier.country ?? null,
    supplier.parentSupplierId ?? null,
    event.metadata.occurredAt,
    event.metadata.eventId,
  );
}

/** The supplier keeps its id and its history; the overview shows the name it has now. */
export function supplierRenamed(s: SupplierStatements, event: RecordedEventOf<'SupplierRenamed'>): void {
  s.renameSupplier.run(event.data.name, event.data.supplierId);
}

export function cmrtSent(s: SupplierStatements, event: RecordedEventOf<'CMRTSent'>): void {
  // The supplier overview follows the CMRT survey; EMRT surveys are shown by the campaign read model.
  if (familyOf(event.data) !== 'cmrt') return;
  const sent = event.data;
  s.surveySent.run(
    sent.supplierId,
    sent.period,
    sent.requestNumber,
    sent.dueDate,
    sent.templateVersion ?? null,
    event.metadata.occurredAt,
    event.metadata.eventId,
  );
}

export function reminderSent(s: SupplierStatements, event: RecordedEventOf<'ReminderSent'>): void {
  // The supplier overview follows the CMRT survey; EMRT surveys are shown by the campaign read model.
  if (familyOf(event.data) !== 'cmrt') return;
  const reminder = event.data;
  s.insertReminder.run(
    event.globalPosition,
    event.metadata.eventId,
    reminder.supplierId,
    reminder.period,
    reminder.requestNumber,
    reminder.reminderNumber,
    reminder.overdue ? 1 : 0,
    event.metadata.occurredAt,
  );
}

export function responseRecorded(s: SupplierStatements, event: RecordedEventOf<'ResponseRecorded'>): void {
  const response = event.data;
  let errors = 0;
  let warnings = 0;
  let redFlags = 0;
  let infos = 0;
  for (const finding of response.findings) {
    if (finding.severity === 'error') errors++;
    else if (finding.severity === 'warning') warnings++;
    else if (finding.severity === 'red-flag') redFlags++;
    else infos++;
  }
  const source = response.source;
  s.surveyAnswered.run(response.supplierId, response.period, response.requestNumber);
  s.insertResponse.run(
    event.globalPosition,
    event.metadata.eventId,
    response.supplierId,
    response.period,
    response.requestNumber,
    response.responseNumber,
    response.receivedAt,
    source.kind,
    source.kind === 'cmrt-file' ? source.fileName : null,
    source.kind === 'cmrt-file' ? source.templateVersion : (response.declaration.templateVersion ?? null),
    response.declaration.company?.scope ?? null,
    JSON.stringify(response.inScopeMetals),
    errors,
    warnings,
    redFlags,
    infos,
    JSON.stringify(response.followUpKinds),
    response.declaration.smelters?.length ?? 0,
    JSON.stringify(response.findings),
  );
}

export function followUpRequested(s: SupplierStatements, event: RecordedEventOf<'FollowUpRequested'>): void {
  // The supplier overview follows the CMRT survey; EMRT surveys are shown by the campaign read model.
  if (familyOf(event.data) !== 'cmrt') return;
  const followUp = event.data;
  s.insertFollowUp.run(
    followUp.followUpId,
    followUp.supplierId,
    followUp.period,
    followUp.kind,
    followUp.origin,
    followUp.responseNumber,
    followUp.findings.length,
    event.metadata.occurredAt,
    event.metadata.eventId,
    event.globalPosition,
  );
}

export function followUpResolved(s: SupplierStatements, event: RecordedEventOf<'FollowUpResolved'>): void {
  // The supplier overview follows the CMRT survey; EMRT surveys are shown by the campaign read model.
  if (familyOf(event.data) !== 'cmrt') return;
  s.resolveFollowUp.run(event.data.resolution, event.metadata.occurredAt, event.metadata.eventId, event.data.followUpId);
}
