import { z } from 'zod';
import { SurveyFamily } from './survey-family';
import { SmelterId } from '../smelter/reference-list';
import { EntityId, Period } from '../shared/period';

/** A person settles which RMI smelter a Smelter List row means (usually one of the ranked candidates). */
export const ConfirmSmelterMatch = z
  .object({
    supplierId: EntityId,
    period: Period,
    /** Which of the supplier's surveys: the CMRT's (default) or the EMRT's. */
    family: SurveyFamily.optional(),
    /** Worksheet row of the Smelter List entry (as shown in the response's smelterMatches). */
    row: z.number().int().min(1),
    smelterId: SmelterId,
  })
  .strict();
export type ConfirmSmelterMatch = z.infer<typeof ConfirmSmelterMatch>;
