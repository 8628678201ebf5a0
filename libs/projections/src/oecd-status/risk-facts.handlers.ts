import type { RecordedEvent } from '@dd/event-store';
import type { RecordedEventOf } from '../core/event-handlers';
import { fileFact, type OecdStatusStatements } from './oecd-status.tables';

/** Severity / plan / closed of a risk after an event of it (absent: unchanged); files the event as evidence of a strategy. */
function riskChanged(
  s: OecdStatusStatements,
  event: RecordedEvent,
  riskId: string,
  change: { severity?: string; hasPlan?: boolean; closed?: boolean },
  strategy: boolean,
): void {
  const period = s.riskPeriod.get(riskId) as number | undefined;
  if (period === undefined) return;
  const flag = (value: boolean | undefined) => (value === undefined ? null : value ? 1 : 0);
  s.updateRisk.run(change.severity ?? null, flag(change.hasPlan), flag(change.closed), event.globalPosition, riskId, event.globalPosition);
  if (strategy) fileFact(s, period, 'risk-strategy-decided', event, null);
}

export function riskRaised(s: OecdStatusStatements, event: RecordedEventOf<'RiskRaised'>): void {
  const risk = event.data;
  fileFact(s, risk.period, 'risks-recorded', event, risk.supplierId ?? null);
  s.insertRisk.run(risk.riskId, risk.period, risk.severity, event.globalPosition);
}

export function riskReopened(s: OecdStatusStatements, event: RecordedEventOf<'RiskReopened'>): void {
  riskChanged(s, event, event.data.riskId, { severity: event.data.severity, hasPlan: false, closed: false }, false);
}

export function riskSeverityRaised(s: OecdStatusStatements, event: RecordedEventOf<'RiskSeverityRaised'>): void {
  riskChanged(s, event, event.data.riskId, { severity: event.data.severity }, false);
}

export function riskAssessed(s: OecdStatusStatements, event: RecordedEventOf<'RiskAssessed'>): void {
  riskChanged(s, event, event.data.riskId, { severity: event.data.severity }, false);
}

export function mitigationDecided(s: OecdStatusStatements, event: RecordedEventOf<'MitigationDecided'>): void {
  riskChanged(s, event, event.data.riskId, { hasPlan: true }, true);
}

export function riskClosed(s: OecdStatusStatements, event: RecordedEventOf<'RiskClosed'>): void {
  riskChanged(s, event, event.data.riskId, { closed: true }, true);
}
