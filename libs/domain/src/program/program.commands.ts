import { z } from 'zod';
import { MultiLineText, SingleLineText, WebUrl } from '../shared/text';
import { Metal } from '../shared/metals';
import { EntityId, Period } from '../shared/period';
import { SmelterId } from '../smelter/reference-list';

/** OECD step 1: the management systems of a reporting year (stream `program-<year>`). */

export const AdoptPolicy = z
  .object({
    period: Period,
    /** The policy's own version, e.g. "2024-1". */
    version: SingleLineText.min(1).max(50),
    /** Where it is published (CMRT question B expects a URL). */
    url: WebUrl,
  })
  .strict();
export type AdoptPolicy = z.infer<typeof AdoptPolicy>;

export const CommunicatePolicy = z
  .object({
    period: Period,
    audience: z.enum(['suppliers', 'customers']),
    /** How many recipients it went to. */
    count: z.number().int().min(1).max(1_000_000),
    channel: SingleLineText.max(200).optional(),
  })
  .strict();
export type CommunicatePolicy = z.infer<typeof CommunicatePolicy>;

export const AssignTeam = z
  .object({
    period: Period,
    members: z
      .array(z.object({ name: SingleLineText.min(1).max(200), role: SingleLineText.min(1).max(200) }).strict())
      .min(1)
      .max(100),
    /** The member of senior management who sponsors the programme and receives risk reports. */
    sponsor: SingleLineText.min(1).max(200),
  })
  .strict();
export type AssignTeam = z.infer<typeof AssignTeam>;

export const RecordContractClause = z
  .object({
    period: Period,
    supplierId: EntityId,
    /** The clause or agreement reference. */
    clause: SingleLineText.min(1).max(500),
  })
  .strict();
export type RecordContractClause = z.infer<typeof RecordContractClause>;

/**
 * The grievance mechanism the company offers for the year (OECD step 1 E): e.g. a whistleblower
 * line, or an industry-level mechanism. Declared once it exists; a mechanism that never received a
 * grievance still exists, so it is its declaration, not a grievance, that evidences it.
 */
export const DeclareGrievanceMechanism = z
  .object({
    period: Period,
    description: MultiLineText.min(1).max(2000),
    /** Where people can raise a grievance, when it is public. */
    url: WebUrl.optional(),
  })
  .strict();
export type DeclareGrievanceMechanism = z.infer<typeof DeclareGrievanceMechanism>;

/** A grievance from anyone, possibly anonymous; it raises a risk. */
export const RecordGrievance = z
  .object({
    period: Period,
    grievanceId: EntityId,
    /** Omit (or leave anonymous true) to protect the reporter. */
    anonymous: z.boolean().default(true),
    reporter: SingleLineText.max(200).optional(),
    description: MultiLineText.min(1).max(5000),
    supplierId: EntityId.optional(),
    metal: Metal.optional(),
    smelterId: SmelterId.optional(),
  })
  .strict()
  .refine((grievance) => !(grievance.anonymous && grievance.reporter), {
    message: 'an anonymous grievance names no reporter',
    path: ['reporter'],
  });
export type RecordGrievance = z.infer<typeof RecordGrievance>;

/** OECD step 3: findings reported to senior management (the register's state at that time). */
export const ReportToManagement = z
  .object({
    period: Period,
    /** Who received it (e.g. "CFO"). */
    recipient: SingleLineText.min(1).max(200),
    summary: MultiLineText.min(1).max(20000),
  })
  .strict();
export type ReportToManagement = z.infer<typeof ReportToManagement>;
