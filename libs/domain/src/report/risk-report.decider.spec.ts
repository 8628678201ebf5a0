import { DeciderSpecification } from '../shared/decider-specification';
import { riskReportDecider } from './risk-report.decider';
import type { IssueRiskReport } from './risk-report.events';

const spec = DeciderSpecification.for(riskReportDecider);
const report = (reportId: string, asOfPosition = 10): IssueRiskReport => ({
  reportId,
  period: 2026,
  asOfPosition,
  asOfTime: '2026-04-01T00:00:00.000Z',
  format: 'html',
  sha256: 'c'.repeat(64),
  byteLength: 1200,
  recipients: ['cfo@example.com'],
  trigger: 'schedule',
  file: `reports/${'c'.repeat(64)}.html`,
});

describe('IssueRiskReport', () => {
  it('records a report, and a later one beside it', () => {
    spec
      .given([])
      .when({ type: 'IssueRiskReport', data: report('scheduled-2026-04-01') }, undefined)
      .then([{ type: 'RiskReportIssued', data: report('scheduled-2026-04-01') }]);
    spec
      .given([{ type: 'RiskReportIssued', data: report('scheduled-2026-04-01') }])
      .when({ type: 'IssueRiskReport', data: report('scheduled-2026-07-01', 20) }, undefined)
      .then([{ type: 'RiskReportIssued', data: report('scheduled-2026-07-01', 20) }]);
  });

  it('adds nothing for a report id already recorded (the schedule run again after a restart)', () => {
    spec
      .given([{ type: 'RiskReportIssued', data: report('scheduled-2026-04-01') }])
      .when({ type: 'IssueRiskReport', data: report('scheduled-2026-04-01', 12) }, undefined)
      .thenNothing();
  });
});
