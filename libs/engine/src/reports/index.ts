export * from './risk-report-model';
export * from './risk-reports.service';
export * from './risk-report-scheduler';
export * from './risk-report-params';
export * from './cmr-drafts.service';
export { riskMovementsIn } from './risk-movements';
