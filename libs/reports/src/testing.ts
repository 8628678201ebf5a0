/** Test support for @dd/reports (excluded from the build). */
export { sampleRiskReportModel } from './risk-report/risk-report.fixture';
export { sampleCmrDraftModel } from './cmr-draft/cmr-draft.fixture';
