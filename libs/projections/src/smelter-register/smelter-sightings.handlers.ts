import { familyOf, sightingsOfEmrtResponse, sightingsOfResponse, type SmelterSighting } from '@dd/domain';
import type { RecordedEventOf } from '../core/event-handlers';
import type { SmelterRegisterStatements } from './smelter-register.tables';

/** The Smelter List rows of a supplier's latest response, matched or not. */
export function responseRecorded(s: SmelterRegisterStatements, event: RecordedEventOf<'ResponseRecorded'>): void {
  const response = event.data;
  const { supplierId, period } = response;
  // The latest response replaces the rows of the one before (a replay may bring an older one again: ignored).
  const latest = s.upsertLatest.run(
    supplierId,
    period,
    'cmrt',
    response.responseNumber,
    JSON.stringify(response.inScopeMetals),
    event.metadata.eventId,
    event.globalPosition,
  );
  if (latest.changes === 0) return;
  s.clearSightings.run(supplierId, period, 'cmrt');
  const candidates = new Map(response.smelterMatches.map((match) => [match.index, match.candidates]));
  insertSightings(s, 'cmrt', sightingsOfResponse(response), candidates, event.metadata.eventId);
}

/**
 * The Smelter List rows of a supplier's latest EMRT (cobalt, mica ... smelters and processors), apart
 * from its CMRT's: a row with the RMI id the EMRT's own Look-up gave names that smelter.
 */
export function emrtResponseRecorded(s: SmelterRegisterStatements, event: RecordedEventOf<'EmrtResponseRecorded'>): void {
  const response = event.data;
  const { supplierId, period } = response;
  const latest = s.upsertLatest.run(
    supplierId,
    period,
    'emrt',
    response.responseNumber,
    JSON.stringify(response.inScopeMinerals),
    event.metadata.eventId,
    event.globalPosition,
  );
  if (latest.changes === 0) return;
  s.clearSightings.run(supplierId, period, 'emrt');
  const sightings = sightingsOfEmrtResponse(response);
  for (const sighting of sightings) {
    if (sighting.status !== 'matched' || !sighting.smelterId || !sighting.metal) continue;
    const row = response.declaration.smelters[sighting.index];
    s.upsertNamedOnly.run(
      sighting.smelterId,
      sighting.metal,
      sighting.standardName ?? sighting.name ?? sighting.smelterId,
      row?.country ?? null,
    );
  }
  const candidates = new Map((response.smelterMatches ?? []).map((match) => [match.index, match.candidates]));
  insertSightings(s, 'emrt', sightings, candidates, event.metadata.eventId);
}

function insertSightings(
  s: SmelterRegisterStatements,
  family: 'cmrt' | 'emrt',
  sightings: SmelterSighting[],
  candidates: Map<number, unknown>,
  eventId: string,
): void {
  for (const sighting of sightings) {
    s.insertSighting.run(
      sighting.supplierId,
      sighting.period,
      family,
      sighting.index,
      sighting.responseNumber,
      sighting.row,
      sighting.metal ?? null,
      sighting.inScope ? 1 : 0,
      sighting.status,
      sighting.method ?? null,
      sighting.smelterId ?? null,
      sighting.standardName ?? null,
      sighting.name ?? null,
      JSON.stringify(candidates.get(sighting.index) ?? []),
      eventId,
    );
  }
}

/** A reviewer named the smelter of a row; it counts only for the response it names. */
export function smelterMatchConfirmed(s: SmelterRegisterStatements, event: RecordedEventOf<'SmelterMatchConfirmed'>): void {
  const confirmed = event.data;
  const family = familyOf(confirmed);
  const scope = s.latestScope.get(confirmed.supplierId, confirmed.period, family, confirmed.responseNumber) as string | undefined;
  if (scope === undefined) return;
  s.confirmSighting.run(
    confirmed.smelterId,
    confirmed.standardName,
    confirmed.metal,
    (JSON.parse(scope) as string[]).includes(confirmed.metal) ? 1 : 0,
    event.metadata.eventId,
    confirmed.supplierId,
    confirmed.period,
    family,
    confirmed.index,
    confirmed.responseNumber,
  );
}
