import { familyOf, type Finding } from '@dd/domain';
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

// Each template family (CMRT, EMRT) is its own survey of the supplier for the year: every row names its family.

export function cmrtSent(s: SupplierStatements, event: RecordedEventOf<'CMRTSent'>): void {
  const sent = event.data;
  s.surveySent.run(
    sent.supplierId,
    sent.period,
    familyOf(sent),
    sent.requestNumber,
    sent.dueDate,
    sent.templateVersion ?? null,
    event.metadata.occurredAt,
    event.metadata.eventId,
  );
}

export function reminderSent(s: SupplierStatements, event: RecordedEventOf<'ReminderSent'>): void {
  const reminder = event.data;
  s.insertReminder.run(
    event.globalPosition,
    event.metadata.eventId,
    reminder.supplierId,
    reminder.period,
    familyOf(reminder),
    reminder.requestNumber,
    reminder.reminderNumber,
    reminder.overdue ? 1 : 0,
    event.metadata.occurredAt,
  );
}

export function responseRecorded(s: SupplierStatements, event: RecordedEventOf<'ResponseRecorded'>): void {
  const response = event.data;
  answered(s, event, 'cmrt', response.inScopeMetals, response.declaration.smelters?.length ?? 0);
}

/** An EMRT answer: its minerals in scope (cobalt ...) where a CMRT has its metals. */
export function emrtResponseRecorded(s: SupplierStatements, event: RecordedEventOf<'EmrtResponseRecorded'>): void {
  const response = event.data;
  answered(s, event, 'emrt', response.inScopeMinerals, response.declaration.smelters.length);
}

function answered(
  s: SupplierStatements,
  event: RecordedEventOf<'ResponseRecorded' | 'EmrtResponseRecorded'>,
  family: 'cmrt' | 'emrt',
  inScope: readonly string[],
  smelterCount: number,
): void {
  const response = event.data;
  const findings: readonly Finding[] = response.findings;
  let errors = 0;
  let warnings = 0;
  let redFlags = 0;
  let infos = 0;
  for (const finding of findings) {
    if (finding.severity === 'error') errors++;
    else if (finding.severity === 'warning') warnings++;
    else if (finding.severity === 'red-flag') redFlags++;
    else infos++;
  }
  const source = response.source;
  s.surveyAnswered.run(response.supplierId, response.period, family, response.requestNumber);
  s.insertResponse.run(
    event.globalPosition,
    event.metadata.eventId,
    response.supplierId,
    response.period,
    family,
    response.requestNumber,
    response.responseNumber,
    response.receivedAt,
    source.kind,
    source.kind === 'cmrt-file' ? source.fileName : null,
    source.kind === 'cmrt-file' ? source.templateVersion : (response.declaration.templateVersion ?? null),
    response.declaration.company?.scope ?? null,
    JSON.stringify(inScope),
    errors,
    warnings,
    redFlags,
    infos,
    JSON.stringify(response.followUpKinds),
    smelterCount,
    JSON.stringify(findings),
  );
}

export function followUpRequested(s: SupplierStatements, event: RecordedEventOf<'FollowUpRequested'>): void {
  const followUp = event.data;
  s.insertFollowUp.run(
    followUp.followUpId,
    followUp.supplierId,
    followUp.period,
    familyOf(followUp),
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
  s.resolveFollowUp.run(event.data.resolution, event.metadata.occurredAt, event.metadata.eventId, event.data.followUpId);
}
