import type { z } from 'zod';
import { RiskRaised } from './risk/risk.events';
import { SupplierRegistered } from './supplier/supplier-registered.event';
import { ReferenceListImported } from './smelter/reference-list';
import { RmapStatusListImported } from './smelter/rmap-status';
import {
  CMRTSent,
  FollowUpRequested,
  FollowUpResolved,
  ReminderSent,
  ResponseAccepted,
  ResponseRecorded,
  SmelterMatchConfirmed,
} from './survey/survey.events';

/**
 * Every event type the engine writes, with the schema its data must satisfy. Events are checked
 * against it before they are appended, so a decider bug cannot put a malformed fact in the log.
 */
export const eventSchemas = {
  SupplierRegistered,
  CMRTSent,
  ReminderSent,
  ResponseRecorded,
  FollowUpRequested,
  FollowUpResolved,
  ResponseAccepted,
  SmelterMatchConfirmed,
  RiskRaised,
  ReferenceListImported,
  RmapStatusListImported,
} satisfies Record<string, z.ZodType>;

export type EventType = keyof typeof eventSchemas;

export function eventSchemaFor(type: string): z.ZodType | undefined {
  return Object.prototype.hasOwnProperty.call(eventSchemas, type) ? eventSchemas[type as EventType] : undefined;
}
