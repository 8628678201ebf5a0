import { familyOf, METALS, normalisedAnswer, type Metal, type ResponseRecorded, type RmapStatusListImported } from '@dd/domain';
import type { RecordedEvent } from '@dd/event-store';
import type { RecordedEventOf } from '../core/event-handlers';
import type { ProductConclusionStatements } from './product-conclusions.tables';

/** Q3 (covered-country sourcing) as concludeProduct wants it; a blank answer is left out. */
export function coveredCountrySourcing(response: ResponseRecorded): Partial<Record<Metal, 'yes' | 'no' | 'unknown'>> {
  const answers: Partial<Record<Metal, 'yes' | 'no' | 'unknown'>> = {};
  for (const metal of METALS) {
    if (!response.inScopeMetals.includes(metal)) continue;
    const answer = normalisedAnswer(response.declaration.minerals[metal]?.q3?.answer);
    if (answer === 'yes' || answer === 'no' || answer === 'unknown') answers[metal] = answer;
    else if (answer !== '') answers[metal] = 'unknown';
  }
  return answers;
}

export function productRegistered(s: ProductConclusionStatements, event: RecordedEventOf<'ProductRegistered'>): void {
  const product = event.data;
  s.insertProduct.run(
    product.productId,
    product.name,
    product.productLine,
    JSON.stringify(product.metalsNecessary),
    event.metadata.eventId,
    event.globalPosition,
  );
}

export function productMetalsDetermined(s: ProductConclusionStatements, event: RecordedEventOf<'ProductMetalsDetermined'>): void {
  const determined = event.data;
  s.determineMetals.run(
    JSON.stringify(determined.metalsNecessary),
    event.metadata.eventId,
    event.globalPosition,
    determined.productId,
    event.globalPosition,
  );
}

export function productSupplierLinked(s: ProductConclusionStatements, event: RecordedEventOf<'ProductSupplierLinked'>): void {
  s.linkSupplier.run(event.data.productId, event.data.supplierId, event.metadata.eventId);
}

export function responseRecorded(s: ProductConclusionStatements, event: RecordedEventOf<'ResponseRecorded'>): void {
  const response = event.data;
  const latest = s.upsertResponse.run(
    response.period,
    response.supplierId,
    response.responseNumber,
    response.declaration.company?.scope ?? null,
    JSON.stringify(response.inScopeMetals),
    JSON.stringify(coveredCountrySourcing(response)),
    event.metadata.eventId,
    event.globalPosition,
  );
  if (latest.changes === 0) return;
  // The latest response replaces the rows of the one before.
  s.clearRows.run(response.period, response.supplierId);
  for (const match of response.smelterMatches) {
    s.insertRow.run(
      response.period,
      response.supplierId,
      match.index,
      match.row,
      match.metal ?? null,
      match.status,
      match.smelterId ?? null,
    );
  }
}

export function smelterMatchConfirmed(s: ProductConclusionStatements, event: RecordedEventOf<'SmelterMatchConfirmed'>): void {
  const confirmed = event.data;
  // Product conclusions are about 3TG: a confirmed EMRT row (cobalt ...) is not one of the CMRT's rows.
  if (familyOf(confirmed) !== 'cmrt') return;
  // Only a confirmation of a row of the supplier's latest response still counts.
  if (s.latestResponseNumber.get(confirmed.period, confirmed.supplierId) !== confirmed.responseNumber) return;
  s.confirmRow.run(confirmed.metal, confirmed.smelterId, event.metadata.eventId, confirmed.period, confirmed.supplierId, confirmed.index);
}

/** The status list in force from this event on (null: none), complete: a smelter not on it has no status. */
function statusListInForce(
  s: ProductConclusionStatements,
  event: RecordedEvent,
  list: Pick<RmapStatusListImported, 'asOf' | 'entries'> | null,
): void {
  if (s.upsertList.run('rmap-status', list?.asOf ?? null, event.metadata.eventId, event.globalPosition).changes === 0) return;
  s.clearStatuses.run();
  for (const entry of list?.entries ?? []) s.insertStatus.run(entry.metal, entry.smelterId, entry.status);
}

export function rmapStatusListImported(s: ProductConclusionStatements, event: RecordedEventOf<'RmapStatusListImported'>): void {
  statusListInForce(s, event, event.data);
}

/** A withdrawal puts the list before back (carried in full by the event). */
export function rmapStatusListWithdrawn(s: ProductConclusionStatements, event: RecordedEventOf<'RmapStatusListWithdrawn'>): void {
  statusListInForce(s, event, event.data.restored);
}
