import type { z } from 'zod';
import { logSealEventSchemas } from './audit/log-seal.events';
import { customerDeclarationEventSchemas } from './declaration/our-declaration/customer-declaration.events';
import { messageEventSchemas } from './outreach/message.events';
import { campaignEventSchemas } from './campaign/campaign.events';
import { periodEventSchemas } from './period/period.events';
import { productEventSchemas } from './product/product.events';
import { programEventSchemas } from './program/program.events';
import { riskReportEventSchemas } from './report/risk-report.events';
import { riskEventSchemas } from './risk/risk.events';
import { referenceListEventSchemas } from './smelter/reference-list';
import { rmapStatusEventSchemas } from './smelter/rmap-status';
import { supplierEventSchemas } from './supplier/supplier-registered.event';
import { surveyEventSchemas } from './survey/survey.events';

/**
 * Every event type the engine writes, by the family of streams it is written on (each family declared
 * beside its schemas), with the schema its data must satisfy. Events are checked against it before
 * they are appended, so a decider bug cannot put a malformed fact in the log. A read model may ignore
 * a whole family (a new event of it included).
 */
export const eventFamilies = {
  supplier: supplierEventSchemas,
  product: productEventSchemas,
  period: periodEventSchemas,
  campaign: campaignEventSchemas,
  program: programEventSchemas,
  survey: surveyEventSchemas,
  risk: riskEventSchemas,
  referenceList: referenceListEventSchemas,
  rmapStatus: rmapStatusEventSchemas,
  logSeal: logSealEventSchemas,
  customerDeclaration: customerDeclarationEventSchemas,
  riskReport: riskReportEventSchemas,
  message: messageEventSchemas,
} satisfies Record<string, Record<string, z.ZodType>>;

export type EventFamily = keyof typeof eventFamilies;

/** Every event type the engine writes, with the schema its data must satisfy. */
export const eventSchemas = {
  ...eventFamilies.supplier,
  ...eventFamilies.product,
  ...eventFamilies.period,
  ...eventFamilies.campaign,
  ...eventFamilies.program,
  ...eventFamilies.survey,
  ...eventFamilies.risk,
  ...eventFamilies.referenceList,
  ...eventFamilies.rmapStatus,
  ...eventFamilies.logSeal,
  ...eventFamilies.customerDeclaration,
  ...eventFamilies.riskReport,
  ...eventFamilies.message,
} satisfies Record<string, z.ZodType>;

export type EventType = keyof typeof eventSchemas;

/** The data of an event of type T, as its schema in the catalogue defines it. */
export type DataOf<T extends EventType> = z.infer<(typeof eventSchemas)[T]>;

/** An event of type T with its data typed. */
export interface DomainEventOf<T extends EventType> {
  type: T;
  data: DataOf<T>;
}

/** Every event the engine writes, as one union discriminated by `type`. */
export type AnyDomainEvent = { [T in EventType]: DomainEventOf<T> }[EventType];

/** Every catalogued event type, in catalogue order. */
export const EVENT_TYPES = Object.keys(eventSchemas) as EventType[];

/** The event types of a family (of each, given several). */
export type EventTypeOf<F extends EventFamily> = F extends EventFamily ? keyof (typeof eventFamilies)[F] & EventType : never;

/** The event types of whole families, at run time (for a read model that ignores them, a new event of them included). */
export function eventTypesOf<const F extends readonly EventFamily[]>(...families: F): Array<EventTypeOf<F[number]>> {
  return families.flatMap((family) => Object.keys(eventFamilies[family]) as Array<EventTypeOf<F[number]>>);
}

export function eventSchemaFor(type: string): z.ZodType | undefined {
  return Object.prototype.hasOwnProperty.call(eventSchemas, type) ? eventSchemas[type as EventType] : undefined;
}
