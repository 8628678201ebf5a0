import { z } from 'zod';
import { SurveyFamily } from './survey-family';
import { EntityId, Period } from '../shared/period';

export const SendReminder = z
  .object({
    supplierId: EntityId,
    period: Period,
    /** Which of the supplier's surveys: the CMRT's (default) or the EMRT's. */
    family: SurveyFamily.optional(),
  })
  .strict();
export type SendReminder = z.infer<typeof SendReminder>;
