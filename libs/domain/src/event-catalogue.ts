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
import { supplierEventSchemas } from './supplier/supplier-registered.event';
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
 * Every event type the engine writes, with the schema its data must satisfy. Events are checked
 * against it before they are appended, so a decider bug cannot put a malformed fact in the log.
 */
export const eventSchemas = {
  ...supplierEventSchemas,
  ProductRegistered,
  ProductMetalsDetermined,
  ProductSupplierLinked,
  PeriodOpened,
  PeriodClosed,
  PeriodReopened,
  ReportPublished,
  CampaignLaunched,
  PolicyAdopted,
  PolicyCommunicated,
  TeamAssigned,
  ContractClauseRecorded,
  GrievanceMechanismDeclared,
  GrievanceRecorded,
  ManagementReported,
  CMRTSent,
  ReminderSent,
  ResponseRecorded,
  FollowUpRequested,
  FollowUpResolved,
  ResponseAccepted,
  SmelterMatchConfirmed,
  NonResponseEscalated,
  RiskRaised,
  RiskReopened,
  RiskAssessed,
  RiskOwnerAssigned,
  MitigationDecided,
  MitigationProgressRecorded,
  RiskEscalated,
  RiskClosed,
  ReferenceListImported,
  ReferenceListWithdrawn,
  RmapStatusListImported,
  RmapStatusListWithdrawn,
  LogSealed,
} satisfies Record<string, z.ZodType>;

export type EventType = keyof typeof eventSchemas;

export function eventSchemaFor(type: string): z.ZodType | undefined {
  return Object.prototype.hasOwnProperty.call(eventSchemas, type) ? eventSchemas[type as EventType] : undefined;
}
