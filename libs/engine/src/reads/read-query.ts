import type { EventStore } from '@dd/event-store';
import {
  AuditTrailQueries,
  CampaignQueries,
  FollowUpQueueQueries,
  MessageQueries,
  OecdStatusQueries,
  PeriodQueries,
  ProductConclusionQueries,
  ProgramQueries,
  RiskRegisterQueries,
  SmelterRegisterQueries,
  SupplierQueries,
  SupplyChainQueries,
  type ReadModelDb,
} from '@dd/projections';
import { z } from 'zod';
import type { Clock } from '../tokens';
import { EVERY_ROW, type Page, type PageKey, type PageRequest } from './read-paging';
import type { ReadRenderings } from './read-renderings';

/** Everything a read query may answer from: the read models' queries, the log, and "today" by the engine clock. */
export interface ReadModels {
  auditTrail: AuditTrailQueries;
  campaigns: CampaignQueries;
  followUps: FollowUpQueueQueries;
  messages: MessageQueries;
  oecdStatus: OecdStatusQueries;
  periods: PeriodQueries;
  productConclusions: ProductConclusionQueries;
  program: ProgramQueries;
  risks: RiskRegisterQueries;
  smelters: SmelterRegisterQueries;
  suppliers: SupplierQueries;
  supplyChain: SupplyChainQueries;
  /** Payloads are read from the log itself, never from a copy in a read model. */
  store: EventStore;
  /** YYYY-MM-DD by the engine clock, which tests and the demo year move. */
  today(): string;
}

export function readModelsOver(db: ReadModelDb, store: EventStore, clock: Clock): ReadModels {
  return {
    auditTrail: new AuditTrailQueries(db),
    campaigns: new CampaignQueries(db),
    followUps: new FollowUpQueueQueries(db),
    messages: new MessageQueries(db),
    oecdStatus: new OecdStatusQueries(db),
    periods: new PeriodQueries(db),
    productConclusions: new ProductConclusionQueries(db),
    program: new ProgramQueries(db),
    risks: new RiskRegisterQueries(db),
    smelters: new SmelterRegisterQueries(db),
    suppliers: new SupplierQueries(db),
    supplyChain: new SupplyChainQueries(db),
    store,
    today: () => clock.now().toISOString().slice(0, 10),
  };
}

/** The parameters of a read: path and query parameters in one object. */
export type ReadParams = z.ZodObject;

/**
 * One read endpoint, declared once: the HTTP route, its OpenAPI and the CLI all come from this.
 * The answer must fit the response schema (the compiler checks it, a spec checks real answers);
 * null means "no such thing" (404).
 */
export interface ReadQuery<Params extends ReadParams = ReadParams, Response extends z.ZodType = z.ZodType, Answer = unknown> {
  /** operationId in the OpenAPI document. */
  name: string;
  /** OpenAPI style: /risk-register/{riskId}. Parameters named in braces are path parameters. */
  path: string;
  summary: string;
  description?: string;
  params: Params;
  response: Response;
  /** The read models it reads: a read waits until they have projected the whole log (503 when one is stopped). */
  readModels: readonly string[];
  /** The 404 detail when the answer is null; a query without it never answers null. */
  notFound?(params: z.output<Params>): string;
  answer(params: z.output<Params>, models: ReadModels): Answer | Promise<Answer>;
  /**
   * Other renderings of the answer than JSON, by format name (csv, xlsx, html, text): asked with
   * ?format=<name> or an Accept header naming its media type (read-renderings.ts).
   */
  renderings?: ReadRenderings<z.output<Params>, NoInfer<Answer>>;
  /** A list read (listReadQuery): over HTTP its JSON comes a page at a time, with a total and a cursor to the next. */
  paging?: ReadPaging<z.output<Params>>;
}

/** How a list read answers one page: in a stable total order (`order`, for the docs), after a row's key. */
export interface ReadPaging<Params> {
  order: string;
  page(params: Params, request: PageRequest, models: ReadModels): Page<unknown> | Promise<Page<unknown>>;
}

/** The parameters every list read takes besides its own (pagingParams in read-paging.ts). */
type PagedParams = z.ZodObject<{ limit: z.ZodType<number | undefined>; cursor: z.ZodType<PageKey | undefined> }>;

/** The page a list read's `limit` and `cursor` name: from the first row and every row unless they say otherwise. */
export function pageRequested(params: { limit?: number; cursor?: PageKey }, defaultLimit = EVERY_ROW.limit): PageRequest {
  return { limit: params.limit ?? defaultLimit, after: params.cursor ?? null };
}

/**
 * Declares a list read: its answer is an array of `row`, read a page at a time in a stable total
 * order. In process (`answer`, CLI, csv/xlsx) it is every row unless `limit` or `cursor` say
 * otherwise; over HTTP the JSON is one page (500 rows unless `limit` says) with X-Total-Count and
 * a Link rel="next" header. Its params must take pagingParams(name).
 */
export function listReadQuery<Params extends PagedParams, Row extends z.ZodType, Answer extends z.input<Row>>(
  query: Omit<ReadQuery<Params, z.ZodArray<Row>, Answer[]>, 'answer' | 'paging' | 'response' | 'notFound'> & {
    row: Row;
    /** The order of the rows, in words (e.g. "severity, then raised, then risk id"). */
    order: string;
    page(params: z.output<Params>, request: PageRequest, models: ReadModels): Page<Answer> | Promise<Page<Answer>>;
  },
): ReadQuery<Params, z.ZodArray<Row>, Answer[]> {
  const { row, order, page, ...rest } = query;
  return {
    ...rest,
    response: z.array(row),
    answer: async (params, models) => (await page(params, pageRequested(params), models)).rows,
    paging: { order, page },
  };
}

/**
 * Declares a read query, checking that its answer fits its response schema, and that a query which
 * may answer null says what was not found (its 404).
 */
export function readQuery<Params extends ReadParams, Response extends z.ZodType, Answer extends z.input<Response>>(
  query: ReadQuery<Params, Response, Answer>,
): ReadQuery<Params, Response, Answer>;
export function readQuery<Params extends ReadParams, Response extends z.ZodType, Answer extends z.input<Response>>(
  query: ReadQuery<Params, Response, Answer | null> & Required<Pick<ReadQuery<Params>, 'notFound'>>,
): ReadQuery<Params, Response, Answer | null>;
export function readQuery(query: AnyReadQuery): AnyReadQuery {
  return query;
}

/** Any read query (methods are bivariant in their parameters, so every declared query is one). */
export type AnyReadQuery = ReadQuery<ReadParams, z.ZodType, unknown>;

/** The path parameters a query's path names ({riskId} → riskId). */
export function pathParameterNames(path: string): string[] {
  return [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
}
