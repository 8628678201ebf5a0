import { EntityId, FollowUpKind, SurveyFamily } from '@dd/domain';
import { FOLLOW_UP_QUEUE_STATUSES, suppliersProjection, supplyChainProjection } from '@dd/projections';
import { z } from 'zod';
import { listReadQuery } from './read-query';
import { pageFromRows, pagingParams } from './read-paging';
import { dateTime, nullableString, PeriodParam } from './read-parameters';
import { spreadsheetRenderings } from './read-renderings';

const DAY_MS = 24 * 60 * 60 * 1000;
const dayNumber = (isoDay: string) => Math.floor(Date.parse(`${isoDay.slice(0, 10)}T00:00:00Z`) / DAY_MS);
const isoDayOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

const FollowUpQueueEntry = z.object({
  followUpId: z.string(),
  supplierId: z.string(),
  supplierName: nullableString,
  owner: nullableString.describe("the supplier's owner in our company"),
  period: z.number().int(),
  family: SurveyFamily,
  kind: FollowUpKind,
  origin: z.enum(['checker', 'reviewer']).describe("checker: opened by a response's error findings; reviewer: by a person"),
  responseNumber: z.number().int().describe('the response it is about (0: none)'),
  findings: z.number().int().describe('how many findings it asks the supplier to correct'),
  requestedAt: dateTime,
  requestedEventId: z.string(),
  ageDays: z.number().int().describe("whole days since it was requested, by the engine clock's today"),
  resolution: z.enum(['resubmitted', 'reviewer']).nullable(),
  resolvedAt: nullableString,
  resolvedEventId: nullableString,
});
type FollowUpQueueEntry = z.infer<typeof FollowUpQueueEntry>;

/**
 * The follow-up queue across suppliers (console): open follow-ups oldest first, filtered by kind,
 * supplier, owner and minimum age. Resolve one with ResolveFollowUp; chase the supplier with ChaseFollowUp.
 */
export const followUpsRead = listReadQuery({
  name: 'GetFollowUps',
  path: '/follow-ups',
  summary: 'Follow-ups across suppliers, oldest first: open by default, by kind, supplier, owner and age (paged; also as CSV or XLSX)',
  params: z
    .object({
      status: z.enum(FOLLOW_UP_QUEUE_STATUSES).default('open'),
      period: PeriodParam.optional(),
      family: SurveyFamily.optional(),
      kind: FollowUpKind.optional(),
      supplierId: EntityId.optional(),
      owner: z.string().min(1).max(200).optional(),
      minAgeDays: z.coerce.number().int().min(0).max(10_000).optional().describe('only follow-ups at least this many days old'),
      ...pagingParams('GetFollowUps', 2),
    })
    .strict(),
  row: FollowUpQueueEntry,
  order: 'requestedAt (oldest first), followUpId',
  readModels: [suppliersProjection.name, supplyChainProjection.name],
  page: ({ limit: _limit, cursor: _cursor, minAgeDays, ...filter }, request, models) => {
    const today = dayNumber(models.today());
    const { items, total } = models.followUps.page({
      ...filter,
      // At least N days old: requested before the start of the day N - 1 days ago.
      ...(minAgeDays !== undefined ? { requestedBefore: isoDayOf(today - minAgeDays + 1) } : {}),
      ...(request.after ? { after: { requestedAt: String(request.after[0]), followUpId: String(request.after[1]) } } : {}),
      limit: Math.min(request.limit + 1, 2 ** 31),
    });
    const rows = items.map((item) => ({ ...item, ageDays: Math.max(0, today - dayNumber(item.requestedAt)) }));
    return pageFromRows(rows, request, total, (row) => [row.requestedAt, row.followUpId]);
  },
  renderings: spreadsheetRenderings(
    () => 'follow-ups',
    (rows: readonly FollowUpQueueEntry[]) => ({
      sheets: [
        {
          name: 'Follow-ups',
          columns: [
            { header: 'Follow-up' },
            { header: 'Supplier ID' },
            { header: 'Supplier' },
            { header: 'Owner' },
            { header: 'Period' },
            { header: 'Survey' },
            { header: 'Kind' },
            { header: 'Origin' },
            { header: 'Findings' },
            { header: 'Requested at', width: 24 },
            { header: 'Age (days)' },
            { header: 'Resolution' },
            { header: 'Resolved at', width: 24 },
          ],
          rows: rows.map((row) => [
            row.followUpId,
            row.supplierId,
            row.supplierName,
            row.owner,
            row.period,
            row.family,
            row.kind,
            row.origin,
            row.findings,
            row.requestedAt,
            row.ageDays,
            row.resolution,
            row.resolvedAt,
          ]),
        },
      ],
    }),
  ),
});
