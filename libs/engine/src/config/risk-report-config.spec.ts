import { businessDayOnOrAfter, DEFAULT_RISK_REPORT_SCHEDULE, dueDatesBetween, riskReportScheduleFromEnv } from './risk-report-config';

describe('the risk report schedule', () => {
  it('by default falls due on the first business day of each quarter', () => {
    // 2028-01-01 is a Saturday, 2028-04-01 a Saturday, 2028-07-01 a Saturday, 2028-10-01 a Sunday.
    expect(dueDatesBetween(DEFAULT_RISK_REPORT_SCHEDULE, '2027-12-31', '2028-12-31')).toEqual([
      '2028-01-03',
      '2028-04-03',
      '2028-07-03',
      '2028-10-02',
    ]);
    // 2026: Thursday 1 January, Wednesday 1 April, Wednesday 1 July, Thursday 1 October.
    expect(dueDatesBetween(DEFAULT_RISK_REPORT_SCHEDULE, '2025-12-31', '2026-12-31')).toEqual([
      '2026-01-01',
      '2026-04-01',
      '2026-07-01',
      '2026-10-01',
    ]);
  });

  it('counts a Saturday occurrence as due on the Monday after, even when the window starts between them', () => {
    expect(dueDatesBetween(DEFAULT_RISK_REPORT_SCHEDULE, '2028-04-02', '2028-04-03')).toEqual(['2028-04-03']);
    expect(dueDatesBetween(DEFAULT_RISK_REPORT_SCHEDULE, '2028-04-03', '2028-06-30')).toEqual([]);
  });

  it('moves weekends only', () => {
    expect(businessDayOnOrAfter('2026-11-27')).toBe('2026-11-27');
    expect(businessDayOnOrAfter('2026-11-28')).toBe('2026-11-30');
    expect(businessDayOnOrAfter('2026-11-29')).toBe('2026-11-30');
  });

  it('reads its settings, refusing a malformed cron expression by name', () => {
    expect(riskReportScheduleFromEnv({})).toEqual({ cron: DEFAULT_RISK_REPORT_SCHEDULE, recipients: [] });
    expect(riskReportScheduleFromEnv({ DD_RISK_REPORT_SCHEDULE: 'off', DD_RISK_REPORT_RECIPIENTS: ' cfo@example.com, Board ,' })).toEqual({
      cron: null,
      recipients: ['cfo@example.com', 'Board'],
    });
    expect(() => riskReportScheduleFromEnv({ DD_RISK_REPORT_SCHEDULE: 'every quarter' })).toThrow(
      /DD_RISK_REPORT_SCHEDULE: expected a cron expression/,
    );
  });
});
