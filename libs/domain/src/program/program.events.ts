import { z } from 'zod';
import type { EventSchemasByType, EventsOf } from '../shared/event-family';
import { Metal } from '../shared/metals';
import { Period } from '../shared/period';

export const PolicyAdopted = z.object({ period: Period, version: z.string(), url: z.string() }).strict();
export const PolicyCommunicated = z
  .object({
    period: Period,
    audience: z.enum(['suppliers', 'customers']),
    count: z.number().int(),
    channel: z.string().optional(),
    policyVersion: z.string(),
  })
  .strict();
export const TeamAssigned = z
  .object({ period: Period, members: z.array(z.object({ name: z.string(), role: z.string() }).strict()), sponsor: z.string() })
  .strict();
export const ContractClauseRecorded = z.object({ period: Period, supplierId: z.string(), clause: z.string() }).strict();
export const GrievanceMechanismDeclared = z.object({ period: Period, description: z.string(), url: z.string().optional() }).strict();
export const GrievanceRecorded = z
  .object({
    period: Period,
    grievanceId: z.string(),
    anonymous: z.boolean(),
    reporter: z.string().optional(),
    description: z.string(),
    supplierId: z.string().optional(),
    metal: Metal.optional(),
    smelterId: z.string().optional(),
  })
  .strict();
export const ManagementReported = z
  .object({ period: Period, recipient: z.string(), summary: z.string(), reportNumber: z.number().int().min(1) })
  .strict();

export type PolicyAdopted = z.infer<typeof PolicyAdopted>;
export type PolicyCommunicated = z.infer<typeof PolicyCommunicated>;
export type TeamAssigned = z.infer<typeof TeamAssigned>;
export type ContractClauseRecorded = z.infer<typeof ContractClauseRecorded>;
export type GrievanceMechanismDeclared = z.infer<typeof GrievanceMechanismDeclared>;
export type GrievanceRecorded = z.infer<typeof GrievanceRecorded>;
export type ManagementReported = z.infer<typeof ManagementReported>;

/**
 * The events a `program-<year>` stream may hold, by type (the event catalogue and the ProgramEvent
 * union are derived from it). ContractClauseRecorded and GrievanceRecorded are now recorded on
 * streams of their own, but logs written before that hold them here.
 */
export const programEventSchemas = {
  PolicyAdopted,
  PolicyCommunicated,
  TeamAssigned,
  ContractClauseRecorded,
  GrievanceMechanismDeclared,
  GrievanceRecorded,
  ManagementReported,
} satisfies EventSchemasByType;
export type ProgramEvent = EventsOf<typeof programEventSchemas>;
