import { EntityId, Mineral, RMAP_STATUSES, RmapStatus, SmelterId } from '@dd/domain';
import { smelterRegisterProjection } from '@dd/projections';
import { smelterAnnexExport, type SmelterAnnexRow } from '@dd/reports';
import { z } from 'zod';
import { pageFromRows, pageOfList, pagingParams } from './read-paging';
import { listReadQuery, readQuery } from './read-query';
import { spreadsheetRenderings } from './read-renderings';
import { isoDate, nullableString, PeriodParam } from './read-parameters';

/* The smelter register: smelters our suppliers name, their RMAP status now and before, who names them;
   the rows nobody could place; and the step-4 share of RMAP-conformant smelters per metal. */

/** A CID in any case; anything else names no smelter (404, as an unknown CID). */
const isSmelterId = (cid: string) => SmelterId.safeParse(cid.toUpperCase()).success;

/**
 * The namings an entry shows: a smelter is named by thousands of rows a period in a large supply chain,
 * which every page of /smelters would otherwise carry whole (57 MB in 15.5 s at 1M events).
 */
export const NAMED_BY_SHOWN = 20;

/** A supplier naming the smelter on a Smelter List row of its latest response for a period. */
const SmelterNaming = z.object({
  supplierId: z.string(),
  period: z.number().int(),
  responseNumber: z.number().int(),
  row: z.number().int(),
  eventId: z.string(),
  method: z.enum(['cid', 'alias', 'confirmed']),
  inScope: z.boolean(),
  confirmationEventId: nullableString,
});

const Smelter = z.object({
  smelterId: z.string(),
  metal: Mineral,
  standardName: z.string(),
  country: nullableString,
  onReferenceList: z.boolean(),
  rmapStatus: RmapStatus.nullable(),
  statusAsOf: isoDate.nullable(),
  statusListAsOf: isoDate.nullable(),
  statusHistory: z.array(
    z.object({
      status: RmapStatus.nullable().describe('null: the smelter left the status list'),
      asOf: isoDate.nullable(),
      eventId: z.string(),
      withdrawnListAsOf: isoDate.optional(),
    }),
  ),
  namedBy: z
    .array(SmelterNaming)
    .describe(`the first ${NAMED_BY_SHOWN} namings (period, supplier, row order); all of them, paged: GET /smelters/{cid}/namings`),
  namings: z.number().int().describe('matched Smelter List rows naming it (in the period asked, if one is)'),
  namedInScope: z.boolean().describe('some matched row names it for a metal in scope of its response: identified (OECD step 4)'),
});

export const smeltersRead = listReadQuery({
  name: 'GetSmelters',
  path: '/smelters',
  summary: 'Smelters named in the latest supplier responses, with current and past RMAP status and who names them; paged',
  params: z
    .object({
      period: PeriodParam.optional(),
      metal: Mineral.optional(),
      status: z
        .enum([...RMAP_STATUSES, 'not-enrolled'])
        .optional()
        .describe('an RMAP status, or not-enrolled (not on the status list)'),
      ...pagingParams('GetSmelters', 2),
    })
    .strict(),
  row: Smelter,
  order: 'metal, smelterId',
  readModels: [smelterRegisterProjection.name],
  page: ({ limit: _limit, cursor: _cursor, ...filter }, request, models) =>
    pageFromRows(
      models.smelters.list(filter, { limit: request.limit + 1, after: request.after }, { namedByLimit: NAMED_BY_SHOWN }),
      request,
      models.smelters.count(filter),
      (smelter) => [smelter.metal, smelter.smelterId],
    ),
  // As a spreadsheet: the smelter annex of the Conflict Minerals Report, by metal.
  renderings: spreadsheetRenderings(
    ({ period }: { period?: number }) => (period === undefined ? 'smelter-annex' : `smelter-annex-${period}`),
    (smelters: readonly SmelterAnnexRow[]) => smelterAnnexExport(smelters),
  ),
});

export const unresolvedSmelterRowsRead = listReadQuery({
  name: 'GetUnresolvedSmelterRows',
  path: '/smelters/unresolved',
  summary:
    'Smelter List rows of the latest responses that name no smelter we could place (unresolved, needing confirmation, not yet identified); paged',
  params: z.object({ period: PeriodParam, supplierId: EntityId.optional(), ...pagingParams('GetUnresolvedSmelterRows', 3) }).strict(),
  row: z.object({
    supplierId: z.string(),
    period: z.number().int(),
    responseNumber: z.number().int(),
    row: z.number().int(),
    metal: Mineral.nullable(),
    name: nullableString,
    status: z.enum(['unresolved', 'needs-confirmation', 'unidentified']),
    candidates: z.array(z.object({ smelterId: z.string(), standardName: z.string(), score: z.number() })),
    inScope: z.boolean(),
    eventId: z.string(),
  }),
  order: 'supplierId, row (within the response event)',
  readModels: [smelterRegisterProjection.name],
  page: ({ period, supplierId }, request, models) =>
    pageOfList(models.smelters.unresolved({ period, supplierId }), (row) => [row.supplierId, row.row, row.eventId], request),
});

export const smelterConformanceRead = listReadQuery({
  name: 'GetSmelterConformance',
  path: '/smelters/conformance',
  summary:
    'OECD step 4: per metal (and EMRT mineral with identified smelters), the identified smelters of the period and the share that is RMAP conformant or cross-recognized',
  params: z.object({ period: PeriodParam, ...pagingParams('GetSmelterConformance', 1) }).strict(),
  row: z.object({
    metal: Mineral,
    identified: z.number().int(),
    conformant: z.number().int(),
    active: z.number().int(),
    other: z.number().int(),
    share: z.number().nullable(),
  }),
  order: 'metal',
  readModels: [smelterRegisterProjection.name],
  page: ({ period }, request, models) => pageOfList(models.smelters.conformanceByMetal(period), (metal) => [metal.metal], request),
});

export const smelterRead = readQuery({
  name: 'GetSmelter',
  path: '/smelters/{cid}',
  summary:
    'One smelter by RMI id: reference-list data, RMAP status history, and how many supplier responses name it, with the first of them',
  params: z.object({ cid: z.string().describe('RMI smelter id, CID and 6 digits (any case)') }),
  response: Smelter,
  readModels: [smelterRegisterProjection.name],
  notFound: ({ cid }) =>
    isSmelterId(cid)
      ? `no smelter ${cid.toUpperCase()} on the imported lists or in any response`
      : `${cid} is not an RMI smelter id (CID and 6 digits)`,
  answer: ({ cid }, models) => (isSmelterId(cid) ? models.smelters.get(cid.toUpperCase(), { namedByLimit: NAMED_BY_SHOWN }) : null),
});

export const smelterNamingsRead = listReadQuery({
  name: 'GetSmelterNamings',
  path: '/smelters/{cid}/namings',
  summary: 'Every Smelter List row of the latest supplier responses naming one smelter (of a period, if given); paged',
  params: z
    .object({
      cid: z
        .string()
        .refine((cid) => isSmelterId(cid), 'not an RMI smelter id (CID and 6 digits)')
        .describe('RMI smelter id, CID and 6 digits (any case)'),
      period: PeriodParam.optional(),
      ...pagingParams('GetSmelterNamings', 3),
    })
    .strict(),
  row: SmelterNaming,
  order: 'period, supplierId, row',
  readModels: [smelterRegisterProjection.name],
  // An id no list or response names has no namings: an empty page, as for a period nobody answered.
  page: ({ cid, period }, request, models) => {
    const smelterId = cid.toUpperCase();
    const of = period === undefined ? {} : { period };
    return pageFromRows(
      models.smelters.namingsOf(smelterId, of, { limit: request.limit + 1, after: request.after }),
      request,
      models.smelters.namingCount(smelterId, of),
      (naming) => [naming.period, naming.supplierId, naming.row],
    );
  },
});
