import { familyOf, sightingsOfResponse } from '@dd/domain';
import type { RecordedEventOf } from '../core/event-handlers';
import { ALL_PERIODS, fileFact, type OecdStatusStatements } from './oecd-status.tables';

export function supplierRegistered(s: OecdStatusStatements, event: RecordedEventOf<'SupplierRegistered'>): void {
  fileFact(s, ALL_PERIODS, 'supply-chain-mapped', event, event.data.supplierId);
}

export function cmrtSent(s: OecdStatusStatements, event: RecordedEventOf<'CMRTSent'>): void {
  const sent = event.data;
  // An EMRT request is evidence of surveying as much as a CMRT one; the request table (overdue, chased) is the CMRT's.
  fileFact(s, sent.period, 'suppliers-surveyed', event, sent.supplierId);
  if (familyOf(sent) !== 'cmrt') return;
  s.upsertRequest.run(sent.period, sent.supplierId, sent.requestNumber, sent.dueDate, event.metadata.eventId);
}

export function reminderSent(s: OecdStatusStatements, event: RecordedEventOf<'ReminderSent'>): void {
  const reminder = event.data;
  fileFact(s, reminder.period, 'non-responders-chased', event, reminder.supplierId);
  if (familyOf(reminder) !== 'cmrt') return;
  s.requestReminded.run(event.metadata.eventId, reminder.period, reminder.supplierId, reminder.requestNumber);
}

/** Evidence of review and of smelters identified; the latest response's red flags, scope and in-scope smelters. */
export function responseRecorded(s: OecdStatusStatements, event: RecordedEventOf<'ResponseRecorded'>): void {
  const response = event.data;
  const { period, supplierId } = response;
  fileFact(s, period, 'responses-reviewed', event, supplierId);
  s.requestAnswered.run(event.metadata.eventId, period, supplierId, response.requestNumber);
  if (response.declaration.smelters?.some((smelter) => (smelter.smelterId ?? '').trim() !== '')) {
    fileFact(s, period, 'smelters-identified', event, supplierId);
  }
  let redFlags = 0;
  for (const finding of response.findings) if (finding.severity === 'red-flag') redFlags++;
  const latest = s.upsertLatestResponse.run({
    period,
    supplierId,
    eventId: event.metadata.eventId,
    position: event.globalPosition,
    redFlags,
    responseNumber: response.responseNumber,
    inScopeMetals: JSON.stringify(response.inScopeMetals),
  });
  if (latest.changes === 0) return;
  s.clearSmelters.run(period, supplierId);
  for (const sighting of sightingsOfResponse(response)) {
    if (sighting.status === 'matched' && sighting.inScope && sighting.smelterId && sighting.metal) {
      s.upsertSmelter.run(period, supplierId, sighting.index, sighting.metal, sighting.smelterId);
    }
  }
}

export function smelterMatchConfirmed(s: OecdStatusStatements, event: RecordedEventOf<'SmelterMatchConfirmed'>): void {
  const confirmed = event.data;
  // The latest-response smelters stay the CMRT's (an EMRT's confirmed row names its own response).
  if (familyOf(confirmed) !== 'cmrt') return;
  const scope = s.latestScope.get(confirmed.period, confirmed.supplierId, confirmed.responseNumber) as string | undefined;
  if (scope !== undefined && (JSON.parse(scope) as string[]).includes(confirmed.metal)) {
    s.upsertSmelter.run(confirmed.period, confirmed.supplierId, confirmed.index, confirmed.metal, confirmed.smelterId);
  }
}

/**
 * An EMRT response is evidence of review (and, with identified smelters, of smelters identified) for the
 * OECD steps; the latest-response facts (red flags, 3TG scope and smelters) stay the CMRT's.
 */
export function emrtResponseRecorded(s: OecdStatusStatements, event: RecordedEventOf<'EmrtResponseRecorded'>): void {
  const { period, supplierId, declaration } = event.data;
  fileFact(s, period, 'responses-reviewed', event, supplierId);
  if (declaration.smelters.some((smelter) => (smelter.smelterId ?? '').trim() !== '')) {
    fileFact(s, period, 'smelters-identified', event, supplierId);
  }
}
