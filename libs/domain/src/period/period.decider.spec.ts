import { DeciderSpecification } from '../shared/decider-specification';
import { daysUntil, formSdDeadline } from './form-sd-deadline';
import { periodDecider, type PeriodContext } from './period.decider';
import type { PeriodEvent } from './period.events';

const spec = DeciderSpecification.for(periodDecider);
const context: PeriodContext = { now: '2025-01-10T09:00:00.000Z' };
const policy = { reminderDays: [14, 28], defaultDueDate: '2025-03-31' };
const opened: PeriodEvent = { type: 'PeriodOpened', data: { period: 2024, policy, formSdDeadline: '2025-06-02' } };

describe('the Form SD deadline', () => {
  it('is 31 May of the following year, moved past weekends and Memorial Day', () => {
    expect(formSdDeadline(2013)).toBe('2014-06-02'); // 31 May 2014 was a Saturday: the first filing was due 2 June
    expect(formSdDeadline(2014)).toBe('2015-06-01'); // Sunday
    expect(formSdDeadline(2015)).toBe('2016-05-31'); // Tuesday
    expect(formSdDeadline(2020)).toBe('2021-06-01'); // Monday 31 May 2021 was Memorial Day
    expect(formSdDeadline(2024)).toBe('2025-06-02'); // Saturday
    expect(formSdDeadline(2025)).toBe('2026-06-01'); // Sunday
  });

  it('counts the days left', () => {
    expect(daysUntil('2025-06-02', '2025-05-31')).toBe(2);
    expect(daysUntil('2025-06-02', '2025-06-03')).toBe(-1);
  });
});

describe('reporting periods', () => {
  it('opens a period with its policy and deadline, once', () => {
    spec
      .given([])
      .when({ type: 'OpenPeriod', data: { period: 2024, policy } }, context)
      .then([opened]);
    spec
      .given([opened])
      .when({ type: 'OpenPeriod', data: { period: 2024, policy } }, context)
      .thenRefused('period-already-opened');
  });

  it('refuses a default due date already past', () => {
    spec
      .given([])
      .when({ type: 'OpenPeriod', data: { period: 2024, policy: { ...policy, defaultDueDate: '2024-12-31' } } }, context)
      .thenRefused('due-date-in-past');
  });

  it('closes only an open period', () => {
    spec
      .given([opened])
      .when({ type: 'ClosePeriod', data: { period: 2024 } }, context)
      .then([{ type: 'PeriodClosed', data: { period: 2024 } }]);
    spec
      .given([])
      .when({ type: 'ClosePeriod', data: { period: 2024 } }, context)
      .thenRefused('period-not-opened');
    spec
      .given([opened, { type: 'PeriodClosed', data: { period: 2024 } }])
      .when({ type: 'ClosePeriod', data: { period: 2024 } }, context)
      .thenRefused('period-closed');
  });

  it('reopens only a closed period, with the reason recorded', () => {
    const closed: PeriodEvent = { type: 'PeriodClosed', data: { period: 2024 } };
    const reopen = { type: 'ReopenPeriod' as const, data: { period: 2024, reason: 'Supplier acme sent a corrected CMRT after the close' } };
    spec
      .given([opened, closed])
      .when(reopen, context)
      .then([{ type: 'PeriodReopened', data: { period: 2024, reason: 'Supplier acme sent a corrected CMRT after the close' } }]);
    spec
      .given([opened])
      .when(reopen, context)
      .thenRefused('period-not-closed', /period 2024 is open/);
    spec
      .given([])
      .when(reopen, context)
      .thenRefused('period-not-closed', /not-opened/);
    spec
      .given([opened, closed, { type: 'PeriodReopened', data: reopen.data }])
      .when(reopen, context)
      .thenRefused('period-not-closed');
  });

  it('closes a reopened period again', () => {
    const closed: PeriodEvent = { type: 'PeriodClosed', data: { period: 2024 } };
    const reopened: PeriodEvent = { type: 'PeriodReopened', data: { period: 2024, reason: 'correction' } };
    spec
      .given([opened, closed, reopened])
      .when({ type: 'ClosePeriod', data: { period: 2024, note: 'corrected' } }, context)
      .then([{ type: 'PeriodClosed', data: { period: 2024, note: 'corrected' } }]);
  });

  it('records the published report of a closed period: filing follows the close and changes none of its records', () => {
    const publish = {
      type: 'PublishReport' as const,
      data: { period: 2024, url: 'https://example.com/cmr-2024.pdf', sha256: 'c'.repeat(64) },
    };
    spec
      .given([opened, { type: 'PeriodClosed', data: { period: 2024 } }])
      .when(publish, { now: '2025-05-20T12:00:00Z' })
      .then([{ type: 'ReportPublished', data: { ...publish.data, formSdDeadline: '2025-06-02', onTime: true } }]);
  });

  it('publishes the report and says whether it met the Form SD deadline', () => {
    const publish = {
      type: 'PublishReport' as const,
      data: { period: 2024, url: 'https://example.com/cmr-2024.pdf', sha256: 'c'.repeat(64) },
    };
    spec
      .given([opened])
      .when(publish, { now: '2025-05-20T12:00:00Z' })
      .then([{ type: 'ReportPublished', data: { ...publish.data, formSdDeadline: '2025-06-02', onTime: true } }]);
    spec
      .given([opened])
      .when(publish, { now: '2025-06-03T12:00:00Z' })
      .then([{ type: 'ReportPublished', data: { ...publish.data, formSdDeadline: '2025-06-02', onTime: false } }]);
    spec.given([]).when(publish, context).thenRefused('period-not-opened');
  });
});
