import { z } from 'zod';
import { EmrtDeclaration } from '../declaration/emrt-declaration.schema';
import { EntityId, Period } from '../shared/period';

/** A supplier's EMRT answers, recorded on its EMRT survey (an EMRT upload, or posted as JSON). */
export const RecordEmrtResponse = z
  .object({
    supplierId: EntityId,
    period: Period,
    /** When the supplier's answer arrived (business time); defaults to when it is recorded. */
    receivedAt: z.iso.datetime({ offset: true }).optional(),
    declaration: EmrtDeclaration,
  })
  .strict();
export type RecordEmrtResponse = z.infer<typeof RecordEmrtResponse>;
export type RecordEmrtResponseInput = z.input<typeof RecordEmrtResponse>;
