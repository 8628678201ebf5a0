import { SupplierTier } from '@dd/domain';
import { suppliersProjection } from '@dd/projections';
import { surveyStatusExport, type SurveyStatusExportRow } from '@dd/reports';
import { z } from 'zod';
import { pageFromRows, pagingParams } from './read-paging';
import { listReadQuery } from './read-query';
import { nullableString, PeriodParam } from './read-parameters';
import { spreadsheetRenderings } from './read-renderings';
import { supplierRead } from './reporting-year.reads';

/** A supplier's survey of the period, as GET /suppliers/{id} shows each of its surveys. */
const SurveyOverview = supplierRead.response.shape.surveys.element;

export const surveyStatusRead = listReadQuery({
  name: 'GetSurveyStatus',
  path: '/surveys',
  summary:
    "Every registered supplier's survey of a period: status, reminders, responses, the latest response's findings and the follow-ups asked (also as CSV or XLSX); paged",
  params: z.object({ period: PeriodParam, tier: SupplierTier.optional(), ...pagingParams('GetSurveyStatus', 1) }).strict(),
  row: SurveyOverview.extend({ supplierId: z.string(), name: z.string(), tier: SupplierTier, country: nullableString }).describe(
    'status not-sent: no CMRT was sent to the supplier for the period',
  ),
  order: 'supplierId',
  readModels: [suppliersProjection.name],
  // A page of suppliers, then their surveys in a few queries: what a request reads grows with the page, not with the log.
  page: ({ period, tier }, request, models) => {
    const suppliers = models.suppliers.list({ tier }, { limit: request.limit + 1, after: request.after });
    const surveys = models.suppliers.surveysOf(
      suppliers.map((supplier) => supplier.supplierId),
      period,
    );
    return pageFromRows(
      suppliers.map((supplier) => ({
        supplierId: supplier.supplierId,
        name: supplier.name,
        tier: supplier.tier,
        country: supplier.country,
        ...surveys.get(supplier.supplierId)!,
      })),
      request,
      models.suppliers.count({ tier }),
      (survey) => [survey.supplierId],
    );
  },
  renderings: spreadsheetRenderings(
    ({ period }: { period: number }) => `survey-status-${period}`,
    (surveys: readonly SurveyStatusExportRow[]) => surveyStatusExport(surveys),
  ),
});
