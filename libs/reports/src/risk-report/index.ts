export * from './risk-report.model';
export {
  renderRiskReport,
  documentOf,
  REPORT_MEDIA,
  TEXT_REPORT_FORMATS,
  type RenderedDocument,
  type TextReportFormat,
} from './render-risk-report';
export { riskReportCharts, type ReportChart } from './risk-report.charts';
