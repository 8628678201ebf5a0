import { z } from 'zod';
import { SurveyFamily } from './survey-family';
import { MultiLineText } from '../shared/text';
import { EntityId, Period } from '../shared/period';

/** A reviewer accepts the latest response as complete (no follow-up may be open). */
export const AcceptResponse = z
  .object({
    supplierId: EntityId,
    period: Period,
    /** Which of the supplier's surveys: the CMRT's (default) or the EMRT's. */
    family: SurveyFamily.optional(),
    note: MultiLineText.max(2000).optional(),
  })
  .strict();
export type AcceptResponse = z.infer<typeof AcceptResponse>;
