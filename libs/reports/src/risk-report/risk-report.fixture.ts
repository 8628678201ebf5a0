import type { RiskReportModel } from './risk-report.model';

/** A filled-in risk report model (a quarter into a year), for renderer specs and the browser spec. */
export function sampleRiskReportModel(): RiskReportModel {
  return {
    period: 2025,
    asOf: { position: 1234, time: '2025-10-01T00:00:00.000Z' },
    previousReport: {
      reportId: 'risk-report-2025-2025-07-01',
      asOfPosition: 900,
      asOfTime: '2025-07-01T00:00:00.000Z',
      sha256: 'ab'.repeat(32),
    },
    campaign: {
      requestsSent: 40,
      responded: 31,
      responseRate: 0.775,
      usable: 27,
      usableRate: 0.675,
      awaitingResponse: 9,
      overdue: 4,
      remindersSent: 22,
      escalations: 2,
      followUpsOpen: 5,
      byTier: { direct: { requestsSent: 10, responded: 10, usable: 9 }, indirect: { requestsSent: 30, responded: 21, usable: 18 } },
      timeline: [
        { date: '2025-03-31', requestsSent: 40, responded: 3, usable: 2 },
        { date: '2025-04-30', requestsSent: 40, responded: 12, usable: 9 },
        { date: '2025-05-31', requestsSent: 40, responded: 20, usable: 16 },
        { date: '2025-06-30', requestsSent: 40, responded: 26, usable: 22 },
        { date: '2025-07-31', requestsSent: 40, responded: 29, usable: 25 },
        { date: '2025-08-31', requestsSent: 40, responded: 30, usable: 26 },
        { date: '2025-09-30', requestsSent: 40, responded: 31, usable: 27 },
        { date: '2025-10-01', requestsSent: 40, responded: 31, usable: 27 },
      ],
    },
    risks: {
      open: 9,
      closed: 4,
      openBySeverity: { high: 2, medium: 4, low: 3 },
      openByAge: [
        { bucket: '0–30 days', high: 1, medium: 1, low: 0 },
        { bucket: '31–90 days', high: 0, medium: 2, low: 1 },
        { bucket: '91–180 days', high: 1, medium: 1, low: 2 },
        { bucket: 'over 180 days', high: 0, medium: 0, low: 0 },
      ],
      openByCategory: [
        { category: 'non-conformant-smelter', count: 3 },
        { category: 'smelter-not-audited', count: 4 },
        { category: 'non-response', count: 2 },
      ],
      raisedSincePrevious: [
        {
          riskId: 'risk-2025-acme-smelter',
          category: 'non-conformant-smelter',
          severity: 'high',
          supplierId: 'acme',
          metal: 'tin',
          reason: 'Smelter CID001234 <is> not conformant & sources from covered countries',
          at: '2025-09-12T10:00:00.000Z',
          resolution: null,
        },
      ],
      closedSincePrevious: [
        {
          riskId: 'risk-2025-beta-nonresponse',
          category: 'non-response',
          severity: 'medium',
          supplierId: 'beta',
          metal: null,
          reason: 'No answer after three reminders',
          at: '2025-08-03T09:00:00.000Z',
          resolution: 'mitigated',
        },
      ],
      overdueActions: [
        {
          riskId: 'risk-2025-gamma',
          severity: 'high',
          owner: 'Kim',
          action: 'Ask supplier to switch smelter',
          dueDate: '2025-09-01',
          daysOverdue: 30,
        },
      ],
    },
    conformance: [
      { metal: 'tantalum', identified: 6, conformant: 6, active: 0, other: 0, share: 1 },
      { metal: 'tin', identified: 18, conformant: 13, active: 3, other: 2, share: 0.7222 },
      { metal: 'gold', identified: 25, conformant: 20, active: 2, other: 3, share: 0.8 },
      { metal: 'tungsten', identified: 8, conformant: 7, active: 1, other: 0, share: 0.875 },
    ],
    oecdSteps: [
      { step: 1, name: 'Establish strong company management systems', status: 'met', criteriaMet: 5, criteria: 5, missing: [] },
      {
        step: 2,
        name: 'Identify and assess risks in the supply chain',
        status: 'in-progress',
        criteriaMet: 3,
        criteria: 4,
        missing: ['4 suppliers are overdue without a reminder'],
      },
      {
        step: 3,
        name: 'Design and implement a strategy to respond to identified risks',
        status: 'in-progress',
        criteriaMet: 2,
        criteria: 3,
        missing: ['2 open high- or medium-severity risks have no strategy'],
      },
      {
        step: 4,
        name: "Carry out independent third-party audit of smelter/refiner's due diligence practices",
        status: 'met',
        criteriaMet: 2,
        criteria: 2,
        missing: [],
      },
      {
        step: 5,
        name: 'Report annually on supply chain due diligence',
        status: 'not-started',
        criteriaMet: 0,
        criteria: 1,
        missing: ['No Conflict Minerals Report published for 2025 yet'],
      },
    ],
    conclusions: {
      byConclusion: [
        { conclusion: 'DRC conflict free', products: 3 },
        { conclusion: 'not found to be DRC conflict free', products: 0 },
        { conclusion: 'DRC conflict undeterminable', products: 2 },
        { conclusion: 'no 3TG necessary', products: 1 },
      ],
      products: [
        { productId: 'gw-100', name: 'Gateway 100', productLine: 'Gateways', conclusion: 'DRC conflict free' },
        { productId: 'gw-200', name: 'Gateway 200', productLine: 'Gateways', conclusion: 'DRC conflict undeterminable' },
      ],
    },
    changes: [
      { subject: 'Response rate (received)', before: '72.5 %', after: '77.5 %' },
      { subject: 'Open high-severity risks', before: '1', after: '2' },
    ],
  };
}
