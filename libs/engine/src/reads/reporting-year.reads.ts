import { CampaignFamily, EntityId, Finding, FindingSeverity, Metal, Mineral, SupplierTier, SurveyFamily } from '@dd/domain';
import { campaignProjection, periodsProjection, suppliersProjection, supplyChainProjection } from '@dd/projections';
import { z } from 'zod';
import { pageFromRows, pageOfList, pagingParams } from './read-paging';
import { listReadQuery, readQuery } from './read-query';
import { dateTime, isoDate, nullableString, PeriodParam, ratio } from './read-parameters';

/* The reporting year: periods and their Form SD deadline, survey campaigns, products, the supplier base. */

const PublishedReport = z.object({
  url: z.string(),
  sha256: z.string(),
  publishedAt: dateTime,
  publishedBy: z.string(),
  onTime: z.boolean(),
  eventId: z.string(),
});

export const periodRead = readQuery({
  name: 'GetPeriod',
  path: '/periods/{period}',
  summary:
    'A reporting period: its policy, status, Form SD deadline (31 May of the following year, next business day) and days left, and the published report',
  params: z.object({ period: PeriodParam }),
  response: z.object({
    period: z.number().int(),
    status: z.enum(['not-opened', 'open', 'closed']),
    policy: z.looseObject({}).nullable().describe('reminder days, escalation and due-date rules of the period'),
    formSdDeadline: isoDate,
    daysLeft: z.number().int().describe('negative once the deadline has passed'),
    today: isoDate,
    openedAt: nullableString,
    openedBy: nullableString,
    closedAt: nullableString.describe('while closed: when'),
    closeNote: nullableString,
    reopenedAt: nullableString.describe('the latest ReopenPeriod'),
    reopenReason: nullableString,
    statusChanges: z
      .array(z.object({ change: z.enum(['closed', 'reopened']), at: dateTime, by: z.string(), note: nullableString, eventId: z.string() }))
      .describe('every close and reopening, oldest first'),
    report: PublishedReport.nullable(),
    reports: z.array(PublishedReport),
  }),
  readModels: [periodsProjection.name],
  answer: ({ period }, models) => models.periods.get(period, { today: models.today() }),
});

const usableFigures = {
  usable: z.number().int().describe("of those answered, the latest response is usable: not a blank template, not another company's file"),
  usableRate: ratio.describe('usable responses per request sent'),
};
const TierFigures = z.object({ requestsSent: z.number().int(), responded: z.number().int(), responseRate: ratio, ...usableFigures });
const ScopeFigures = z.object({ count: z.number().int(), share: ratio });
const FamilyFigures = z
  .object({
    requestsSent: z.number().int().describe('suppliers asked for this template (period) or requests of it sent (campaign)'),
    responded: z.number().int().describe('answered at least once: received, usable or not'),
    responseRate: ratio,
    ...usableFigures,
    awaitingResponse: z.number().int(),
    overdue: z.number().int(),
  })
  .describe('received and usable figures of one template family');
const CampaignSummary = z.object({
  campaignId: z.string(),
  period: z.number().int(),
  selection: z.object({ tier: z.string().optional(), productLine: z.string().optional(), supplierIds: z.array(z.string()).optional() }),
  family: CampaignFamily.describe('what the campaign asked each supplier for: cmrt, emrt or both'),
  byFamily: z.object({ cmrt: FamilyFigures.optional(), emrt: FamilyFigures.optional() }).describe('figures of each family asked'),
  dueDate: isoDate,
  templateVersion: nullableString,
  launchedAt: dateTime,
  launchedBy: z.string(),
  selected: z.number().int().describe('active suppliers the selection named at launch'),
  sent: z.number().int().describe('requests this campaign sent (of every family it asked for)'),
  alreadyRequested: z.number().int().describe('selected suppliers skipped because they already had a request for the period'),
  responded: z.number().int(),
  responseRate: ratio,
  ...usableFigures,
  awaitingResponse: z.number().int(),
  overdue: z.number().int(),
  remindersSent: z.number().int(),
  escalations: z.number().int(),
});

export const campaignFiguresRead = readQuery({
  name: 'GetCampaignFigures',
  path: '/campaigns',
  summary:
    'The survey of a period (CMRT; received and usable per family in byFamily): requests sent, responses received and usable and their rates overall and by tier, overdue, reminders, escalations, open follow-ups, accepted responses, declaration scopes; and its campaigns',
  params: z.object({ period: PeriodParam }).strict(),
  response: z.object({
    period: z.number().int(),
    today: isoDate,
    byFamily: z
      .object({ cmrt: FamilyFigures, emrt: FamilyFigures })
      .describe('received and usable figures per template family; the top-level figures are the CMRT survey'),
    requestsSent: z.number().int().describe('suppliers with a CMRT request in the period'),
    responded: z.number().int().describe('suppliers that answered at least once (received, usable or not)'),
    responseRate: ratio,
    ...usableFigures,
    byTier: z.object({ direct: TierFigures, indirect: TierFigures }),
    awaitingResponse: z.number().int(),
    overdue: z.number().int(),
    remindersSent: z.number().int(),
    escalations: z.number().int(),
    followUpsOpen: z.number().int(),
    accepted: z.number().int(),
    scopes: z
      .object({ company: ScopeFigures, product: ScopeFigures, 'user-defined': ScopeFigures, unspecified: ScopeFigures })
      .describe("scope of each responding supplier's latest declaration"),
    campaigns: z.array(CampaignSummary),
  }),
  readModels: [campaignProjection.name],
  answer: ({ period }, models) => models.campaigns.forPeriod(period, { today: models.today() }),
});

export const campaignRead = readQuery({
  name: 'GetCampaign',
  path: '/campaigns/{campaignId}',
  summary: 'One campaign, with what became of each supplier it selected (sent, already requested, not sent)',
  params: z.object({ campaignId: z.string() }),
  response: CampaignSummary.extend({
    today: isoDate,
    members: z.array(
      z.object({
        supplierId: z.string(),
        family: SurveyFamily.describe('one member row per supplier and family asked'),
        tier: SupplierTier.nullable(),
        outcome: z.enum(['sent', 'already-requested', 'not-sent']),
        requestNumber: z.number().int().nullable(),
        responded: z.boolean(),
        usable: z.boolean().describe("the latest response to this campaign's request is usable"),
        overdue: z.boolean(),
        remindersSent: z.number().int(),
        escalatedTo: nullableString,
      }),
    ),
  }),
  readModels: [campaignProjection.name],
  notFound: ({ campaignId }) => `no campaign ${campaignId}`,
  // An id no campaign could have is simply not found.
  answer: ({ campaignId }, models) =>
    EntityId.safeParse(campaignId).success ? models.campaigns.campaign(campaignId, { today: models.today() }) : null,
});

const ProductSchema = z.object({
  productId: z.string(),
  name: z.string(),
  productLine: z.string(),
  metalsNecessary: z.array(Metal),
  determination: z.string(),
  inScope: z.boolean(),
  registeredAt: dateTime,
  determinedAt: dateTime,
  suppliers: z.array(z.object({ supplierId: z.string(), name: z.string(), tier: SupplierTier, status: z.enum(['active', 'inactive']) })),
});

// A company has hundreds of products, not millions: their pages are cut from the whole list.
export const productsRead = listReadQuery({
  name: 'GetProducts',
  path: '/products',
  summary: 'Products with their product line, the 3TG necessary to them, the determination and their suppliers; paged',
  params: z.object({ productLine: z.string().trim().min(1).max(200).optional(), ...pagingParams('GetProducts', 1) }).strict(),
  row: ProductSchema,
  order: 'productId',
  readModels: [supplyChainProjection.name],
  page: ({ productLine }, request, models) =>
    pageOfList(models.supplyChain.products({ productLine }), (product) => [product.productId], request),
});

export const productLinesRead = listReadQuery({
  name: 'GetProductLines',
  path: '/product-lines',
  summary: 'Product lines: products, suppliers and the metals necessary to them; paged',
  params: z.object({ ...pagingParams('GetProductLines', 1) }),
  row: z.object({ productLine: z.string(), products: z.number().int(), suppliers: z.number().int(), metalsNecessary: z.array(Metal) }),
  order: 'productLine',
  readModels: [supplyChainProjection.name],
  page: (_, request, models) => pageOfList(models.supplyChain.productLines(), (line) => [line.productLine], request),
});

export const productRead = readQuery({
  name: 'GetProduct',
  path: '/products/{productId}',
  summary: 'A product with its 3TG determination and the suppliers of its parts',
  params: z.object({ productId: z.string() }),
  response: ProductSchema,
  readModels: [supplyChainProjection.name],
  notFound: ({ productId }) => `no product ${productId}`,
  answer: ({ productId }, models) => models.supplyChain.product(productId),
});

export const supplierProfilesRead = listReadQuery({
  name: 'GetSupplierProfiles',
  path: '/suppliers',
  summary: 'Registered suppliers with tier, parent, status, owner, contacts and the products they supply; paged',
  params: z
    .object({ tier: SupplierTier.optional(), status: z.enum(['active', 'inactive']).optional(), ...pagingParams('GetSupplierProfiles', 1) })
    .strict(),
  row: z.object({
    supplierId: z.string(),
    name: z.string(),
    tier: SupplierTier,
    country: nullableString,
    parentSupplierId: nullableString,
    status: z.enum(['active', 'inactive']),
    statusReason: nullableString,
    owner: nullableString,
    registeredAt: dateTime,
    contacts: z.array(z.object({ name: z.string(), email: z.string(), role: nullableString, language: z.string(), addedAt: dateTime })),
    productIds: z.array(z.string()),
  }),
  order: 'supplierId',
  readModels: [supplyChainProjection.name],
  page: ({ tier, status }, request, models) =>
    pageFromRows(
      models.supplyChain.suppliers({ tier, status }, { limit: request.limit + 1, after: request.after }),
      request,
      models.supplyChain.supplierCount({ tier, status }),
      (supplier) => [supplier.supplierId],
    ),
});

const ResponseSummary = z.object({
  responseNumber: z.number().int(),
  requestNumber: z.number().int(),
  receivedAt: dateTime,
  eventId: z.string(),
  source: z.enum(['json', 'cmrt-file']),
  fileName: nullableString,
  templateVersion: nullableString,
  scope: nullableString,
  inScopeMetals: z.array(Mineral).describe('the metals (CMRT) or minerals (EMRT) declared in scope'),
  findingCounts: z.record(FindingSeverity, z.number().int()),
  followUpKinds: z.array(z.string()),
  smelterCount: z.number().int(),
});

export const supplierRead = readQuery({
  name: 'GetSupplier',
  path: '/suppliers/{id}',
  summary: 'A supplier with its surveys (CMRT and EMRT), responses and findings',
  params: z.object({ id: z.string() }),
  response: z.object({
    supplierId: z.string(),
    name: z.string(),
    tier: SupplierTier,
    country: nullableString,
    parentSupplierId: nullableString,
    registeredAt: dateTime,
    eventId: z.string(),
    children: z.array(z.string()),
    surveys: z.array(
      z.object({
        period: z.number().int(),
        family: SurveyFamily.describe('the template asked for: a CMRT and an EMRT survey of the same period are two entries'),
        status: z.enum(['not-sent', 'awaiting-response', 'responded']),
        requestNumber: z.number().int(),
        dueDate: isoDate.nullable(),
        templateVersion: nullableString,
        sentAt: nullableString,
        remindersSent: z.number().int(),
        remindersTotal: z.number().int(),
        lastReminderAt: nullableString,
        responses: z.array(ResponseSummary),
        latestFindings: z.array(Finding),
        followUps: z.array(
          z.object({
            followUpId: z.string(),
            kind: z.string(),
            origin: z.string(),
            responseNumber: z.number().int(),
            findings: z.number().int(),
            requestedAt: dateTime,
            requestedEventId: z.string(),
            resolution: nullableString,
            resolvedAt: nullableString,
            resolvedEventId: nullableString,
          }),
        ),
      }),
    ),
  }),
  readModels: [suppliersProjection.name],
  notFound: ({ id }) => `no supplier ${id}`,
  answer: ({ id }, models) => models.suppliers.get(id),
});
