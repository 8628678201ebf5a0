import { familyOf, type ReferenceListImported, type RmapStatusListImported } from '@dd/domain';
import type { RecordedEvent } from '@dd/event-store';
import type { RecordedEventOf } from '../core/event-handlers';
import type { SmelterRegisterStatements } from './smelter-register.tables';

/** An imported list, or the list a withdrawal makes current again (null: none is), with what left it. */
function referenceListInForce(
  s: SmelterRegisterStatements,
  event: RecordedEvent,
  list: Pick<ReferenceListImported, 'asOf' | 'rows'> | null,
  removed: ReferenceListImported['diff']['removed'],
): void {
  const position = event.globalPosition;
  const asOf = list?.asOf ?? null;
  // The EMRT's own list (cobalt ... refiners) is a list of its own: it never replaces the 3TG list.
  const listName = familyOf(event.data as { family?: 'emrt' }) === 'emrt' ? 'reference:emrt' : 'reference';
  if (s.upsertList.run(listName, asOf, event.metadata.eventId, position).changes === 0) return;
  const seen = new Set<string>();
  for (const row of list?.rows ?? []) {
    if (!row.smelterId || seen.has(row.smelterId)) continue;
    seen.add(row.smelterId);
    s.upsertReference.run(row.smelterId, row.metal, row.standardName || row.lookupName, row.country || null, asOf, position);
  }
  for (const smelter of removed) s.removeFromReference.run(asOf, position, smelter.smelterId, position);
}

/** An imported status list, or the one a withdrawal makes current again (null: none is), with the status changes. */
function statusListInForce(
  s: SmelterRegisterStatements,
  event: RecordedEvent,
  list: Pick<RmapStatusListImported, 'asOf' | 'entries'> | null,
  changes: RmapStatusListImported['changes'],
  withdrawnAsOf: string | null,
): void {
  const position = event.globalPosition;
  const eventId = event.metadata.eventId;
  const asOf = list?.asOf ?? null;
  if (s.upsertList.run('rmap-status', asOf, eventId, position).changes === 0) return;
  for (const entry of list?.entries ?? [])
    s.upsertStatus.run(entry.smelterId, entry.metal, entry.name ?? entry.smelterId, entry.status, asOf, eventId, position);
  for (const change of changes) {
    if (change.to === null) s.upsertStatus.run(change.smelterId, change.metal, change.smelterId, null, asOf, eventId, position);
  }
  for (const change of changes) s.insertStatusHistory.run(change.smelterId, position, change.to, asOf, eventId, withdrawnAsOf);
}

export function referenceListImported(s: SmelterRegisterStatements, event: RecordedEventOf<'ReferenceListImported'>): void {
  referenceListInForce(s, event, event.data, event.data.diff.removed);
}

export function referenceListWithdrawn(s: SmelterRegisterStatements, event: RecordedEventOf<'ReferenceListWithdrawn'>): void {
  referenceListInForce(s, event, event.data.restored, event.data.diff.removed);
}

export function rmapStatusListImported(s: SmelterRegisterStatements, event: RecordedEventOf<'RmapStatusListImported'>): void {
  statusListInForce(s, event, event.data, event.data.changes, null);
}

export function rmapStatusListWithdrawn(s: SmelterRegisterStatements, event: RecordedEventOf<'RmapStatusListWithdrawn'>): void {
  statusListInForce(s, event, event.data.restored, event.data.changes, event.data.asOf);
}
