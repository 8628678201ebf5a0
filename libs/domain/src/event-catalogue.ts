import type { z } from 'zod';
import { RiskRaised } from './risk/risk.events';
import { SupplierRegistered } from './supplier/supplier-registered.event';
import { CMRTSent, ReminderSent, ResponseRecorded } from './survey/survey.events';

/**
 * Every event type the engine writes, with the schema its data must satisfy. Events are checked
 * against it before they are appended, so a decider bug cannot put a malformed fact in the log.
 */
export const eventSchemas = {
  SupplierRegistered,
  CMRTSent,
  ReminderSent,
  ResponseRecorded,
  RiskRaised,
} satisfies Record<string, z.ZodType>;

export type EventType = keyof typeof eventSchemas;

export function eventSchemaFor(type: string): z.ZodType | undefined {
  return Object.prototype.hasOwnProperty.call(eventSchemas, type) ? eventSchemas[type as EventType] : undefined;
}
