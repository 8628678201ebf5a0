import { eventTypesOf } from '@dd/domain';
import { defineProjection } from '../core/event-handlers';
import { periodClosed, periodOpened, periodReopened, reportPublished } from './periods.handlers';
import { PERIODS_SCHEMA, preparePeriodStatements } from './periods.tables';

/**
 * Reporting periods: each year's policy (reminder days, default due date, oldest accepted CMRT), its
 * status, its Form SD deadline and the reports published for it, and every close and reopening with
 * who did it and why. Days left are computed at query time from "today", so the read model never goes
 * stale as time passes.
 */
export const periodsProjection = defineProjection({
  name: 'periods',
  version: 2,
  tables: ['periods', 'period_reports', 'period_status_changes'],
  schema: PERIODS_SCHEMA,
  prepare: preparePeriodStatements,
  handlers: {
    PeriodOpened: periodOpened,
    PeriodClosed: periodClosed,
    PeriodReopened: periodReopened,
    ReportPublished: reportPublished,
  },
  ignores: [
    ...eventTypesOf(
      'supplier',
      'product',
      'campaign',
      'program',
      'survey',
      'risk',
      'referenceList',
      'rmapStatus',
      'logSeal',
      'customerDeclaration',
      'riskReport',
      'message',
    ),
  ],
});
