import type { RecordedEventOf } from '../core/event-handlers';
import { ALL_PERIODS, fileFact, withdrawFact, type OecdStatusStatements } from './oecd-status.tables';

export function rmapStatusListImported(s: OecdStatusStatements, event: RecordedEventOf<'RmapStatusListImported'>): void {
  const list = event.data;
  if (s.upsertList.run('rmap-status', list.asOf, event.metadata.eventId, event.globalPosition).changes === 0) return;
  fileFact(s, ALL_PERIODS, 'smelters-checked-against-audit-programme', event, null);
  for (const entry of list.entries) s.upsertStatus.run(entry.smelterId, entry.status);
  for (const change of list.changes) if (change.to === null) s.deleteStatus.run(change.smelterId);
}

/**
 * A check against a withdrawn list is no check: its evidence goes; the list current again (carried
 * in full by the withdrawal) is what smelters stand checked against, with the withdrawal as evidence.
 */
export function rmapStatusListWithdrawn(s: OecdStatusStatements, event: RecordedEventOf<'RmapStatusListWithdrawn'>): void {
  const withdrawal = event.data;
  const withdrawnEventId = s.listEventId.get('rmap-status') as string | undefined;
  if (s.upsertList.run('rmap-status', withdrawal.restored?.asOf ?? null, event.metadata.eventId, event.globalPosition).changes === 0)
    return;
  if (withdrawnEventId) withdrawFact(s, 'smelters-checked-against-audit-programme', withdrawnEventId);
  if (withdrawal.restored) fileFact(s, ALL_PERIODS, 'smelters-checked-against-audit-programme', event, null);
  for (const change of withdrawal.changes) {
    if (change.to === null) s.deleteStatus.run(change.smelterId);
    else s.upsertStatus.run(change.smelterId, change.to);
  }
}
