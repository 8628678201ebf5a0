import type { RecordedEventOf } from '../core/event-handlers';
import type { RiskRegisterStatements } from './risk-register.tables';

/** The red-flag findings of each supplier's latest response per period (only the latest's are kept). */
export function responseRecorded(s: RiskRegisterStatements, event: RecordedEventOf<'ResponseRecorded'>): void {
  const { supplierId, period, findings } = event.data;
  if (s.upsertLatest.run(supplierId, period, event.metadata.eventId, event.globalPosition).changes === 0) return;
  s.clearRedFlags.run(supplierId, period);
  let seq = 0;
  for (const finding of findings) {
    if (finding.severity !== 'red-flag') continue;
    s.insertRedFlag.run(
      supplierId,
      period,
      seq++,
      finding.ruleId,
      finding.metal ?? null,
      finding.smelterId ?? null,
      finding.field,
      finding.cell ?? null,
      finding.message,
      event.metadata.eventId,
    );
  }
}
