import { familyOf, sightingsOfResponse } from '@dd/domain';
import type { RecordedEventOf } from '../core/event-handlers';
import { ALL_PERIODS, fileFact, type OecdStatusStatements } from './oecd-status.tables';

export function supplierRegistered(s: OecdStatusStatements, event: RecordedEventOf<'SupplierRegistered'>): void {
  fileFact(s, ALL_PERIODS, 'supply-chain-mapped', event, event.data.supplierId);
}

export function cmrtSent(s: OecdStatusStatements, event: RecordedEventOf<'CMRTSent'>): void {
  // The OECD evidence and latest-response facts follow the CMRT survey so far; EMRT surveys are not counted here yet.
  if (familyOf(event.data) !== 'cmrt') return;
  const sent = event.data;
  fileFact(s, sent.period, 'suppliers-surveyed', event, sent.supplierId);
  s.upsertRequest.run(sent.period, sent.supplierId, sent.requestNumber, sent.dueDate, event.metadata.eventId);
}

export function reminderSent(s: OecdStatusStatements, event: RecordedEventOf<'ReminderSent'>): void {
  // The OECD evidence and latest-response facts follow the CMRT survey so far; EMRT surveys are not counted here yet.
  if (familyOf(event.data) !== 'cmrt') return;
  const reminder = event.data;
  fileFact(s, reminder.period, 'non-responders-chased', event, reminder.supplierId);
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
  const latest = s.upsertLatestResponse.run(
    period,
    supplierId,
    event.metadata.eventId,
    event.globalPosition,
    redFlags,
    response.responseNumber,
    JSON.stringify(response.inScopeMetals),
  );
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
  const scope = s.latestScope.get(confirmed.period, confirmed.supplierId, confirmed.responseNumber) as string | undefined;
  if (scope !== undefined && (JSON.parse(scope) as string[]).includes(confirmed.metal)) {
    s.upsertSmelter.run(confirmed.period, confirmed.supplierId, confirmed.index, confirmed.metal, confirmed.smelterId);
  }
}
