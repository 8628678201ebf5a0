import { PeriodScope } from './period-scope';

/** Which events an evidence pack of a year holds: given the log, then which belong to 2024. */
describe('PeriodScope', () => {
  const log = [
    { streamId: 'supplier-s1', data: { supplierId: 's1', name: 'S One' } },
    { streamId: 'survey-2024-s1', data: { supplierId: 's1', period: 2024 } },
    { streamId: 'survey-2025-s1', data: { supplierId: 's1', period: 2025 } },
    { streamId: 'risk-r1', data: { riskId: 'r1', period: 2024 } },
    { streamId: 'risk-r1', data: { riskId: 'r1', severity: 'high' } },
    { streamId: 'risk-r2', data: { riskId: 'r2', period: 2025 } },
    { streamId: 'risk-r2', data: { riskId: 'r2', severity: 'low' } },
    { streamId: 'reference-list', data: { asOf: '2024-02-28' } },
    { streamId: 'reports', data: { period: 2025, sha256: 'a'.repeat(64) } },
    { streamId: 'reports', data: { period: 2024, sha256: 'b'.repeat(64) } },
  ];

  it("holds the year's own events, the later events of its risks, and the company's streams; not another year's", () => {
    const scope = new PeriodScope();
    log.forEach((event) => scope.observe(event));
    const in2024 = log.filter((event) => scope.belongsTo(event, 2024));
    expect(in2024).toEqual([log[0], log[1], log[3], log[4], log[7], log[9]]);
    expect(log.filter((event) => scope.belongsTo(event, 2025))).toEqual([log[0], log[2], log[5], log[6], log[7], log[8]]);
  });

  it('gives an event that names no period the period of its stream even when it comes first', () => {
    const scope = new PeriodScope();
    const early = { streamId: 'risk-r9', data: { riskId: 'r9' } };
    const raised = { streamId: 'risk-r9', data: { riskId: 'r9', period: 2023 } };
    [early, raised].forEach((event) => scope.observe(event));
    expect(scope.belongsTo(early, 2023)).toBe(true);
    expect(scope.belongsTo(early, 2024)).toBe(false);
  });
});
