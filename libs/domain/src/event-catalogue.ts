import type { z } from 'zod';
import { LogSealed } from './audit/log-seal.events';
import {
  MitigationDecided,
  MitigationProgressRecorded,
  RiskAssessed,
  RiskClosed,
  RiskEscalated,
  RiskOwnerAssigned,
  RiskRaised,
  RiskReopened,
} from './risk/risk.events';
import { SupplierContactAdded, SupplierOwnerAssigned, SupplierRegistered, SupplierStatusChanged } from './supplier/supplier-registered.event';
import { CampaignLaunched } from './campaign/campaign.events';
import { PeriodClosed, PeriodOpened, PeriodReopened, ReportPublished } from './period/period.events';
import { ProductMetalsDetermined, ProductRegistered, ProductSupplierLinked } from './product/product.events';
import {
  ContractClauseRecorded,
  GrievanceMechanismDeclared,
  GrievanceRecorded,
  ManagementReported,
  PolicyAdopted,
  PolicyCommunicated,
  TeamAssigned,
} from './program/program.events';
import { ReferenceListImported, ReferenceListWithdrawn } from './smelter/reference-list';
import { RmapStatusListImported, RmapStatusListWithdrawn } from './smelter/rmap-status';
import {
  CMRTSent,
  FollowUpRequested,
  FollowUpResolved,
  ReminderSent,
  ResponseAccepted,
  ResponseRecorded,
  SmelterMatchConfirmed,
  NonResponseEscalated,
} from './survey/survey.events';

/**
 * Every event type the engine writes, by the family of streams it is written on, with the schema its
 * data must satisfy. Events are checked against it before they are appended, so a decider bug cannot
 * put a malformed fact in the log. A read model may ignore a whole family (a new event of it included).
 */
export const eventFamilies = {
  supplier: { SupplierRegistered, SupplierContactAdded, SupplierOwnerAssigned, SupplierStatusChanged },
  product: { ProductRegistered, ProductMetalsDetermined, ProductSupplierLinked },
  period: { PeriodOpened, PeriodClosed, PeriodReopened, ReportPublished },
  campaign: { CampaignLaunched },
  program: {
    PolicyAdopted,
    PolicyCommunicated,
    TeamAssigned,
    ContractClauseRecorded,
    GrievanceMechanismDeclared,
    GrievanceRecorded,
    ManagementReported,
  },
  survey: {
    CMRTSent,
    ReminderSent,
    ResponseRecorded,
    FollowUpRequested,
    FollowUpResolved,
    ResponseAccepted,
    SmelterMatchConfirmed,
    NonResponseEscalated,
  },
  risk: {
    RiskRaised,
    RiskReopened,
    RiskAssessed,
    RiskOwnerAssigned,
    MitigationDecided,
    MitigationProgressRecorded,
    RiskEscalated,
    RiskClosed,
  },
  referenceList: { ReferenceListImported, ReferenceListWithdrawn },
  rmapStatus: { RmapStatusListImported, RmapStatusListWithdrawn },
  logSeal: { LogSealed },
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
