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
import type { z } from 'zod';
import type { Clock } from '../tokens';
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
