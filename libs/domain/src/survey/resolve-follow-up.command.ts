import { z } from 'zod';
import { SurveyFamily } from './survey-family';
import { MultiLineText, SingleLineText } from '../shared/text';
import { EntityId, Period } from '../shared/period';

export const ResolveFollowUp = z
  .object({
    supplierId: EntityId,
    period: Period,
    /** Which of the supplier's surveys: the CMRT's (default) or the EMRT's. */
    family: SurveyFamily.optional(),
    followUpId: SingleLineText.min(1).max(200),
    note: MultiLineText.min(1, 'say how it was resolved').max(2000),
  })
  .strict();
export type ResolveFollowUp = z.infer<typeof ResolveFollowUp>;
