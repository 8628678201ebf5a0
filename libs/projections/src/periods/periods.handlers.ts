import type { RecordedEventOf } from '../core/event-handlers';
import type { PeriodStatements } from './periods.tables';

export function periodOpened(s: PeriodStatements, event: RecordedEventOf<'PeriodOpened'>): void {
  const { occurredAt, actor } = event.metadata;
  s.opened.run(event.data.period, JSON.stringify(event.data.policy), event.data.formSdDeadline, occurredAt, actor);
}

export function periodClosed(s: PeriodStatements, event: RecordedEventOf<'PeriodClosed'>): void {
  const { occurredAt, actor, eventId } = event.metadata;
  const { period, note } = event.data;
  s.closed.run(occurredAt, note ?? null, period);
  s.statusChanged.run(event.globalPosition, period, 'closed', occurredAt, actor, note ?? null, eventId);
}

export function periodReopened(s: PeriodStatements, event: RecordedEventOf<'PeriodReopened'>): void {
  const { occurredAt, actor, eventId } = event.metadata;
  const { period, reason } = event.data;
  s.reopened.run(occurredAt, reason, period);
  s.statusChanged.run(event.globalPosition, period, 'reopened', occurredAt, actor, reason, eventId);
}

export function reportPublished(s: PeriodStatements, event: RecordedEventOf<'ReportPublished'>): void {
  const { occurredAt, actor, eventId } = event.metadata;
  const data = event.data;
  s.published.run(
    event.globalPosition,
    data.period,
    data.url,
    data.sha256,
    data.formSdDeadline,
    data.onTime ? 1 : 0,
    occurredAt,
    actor,
    eventId,
  );
}
