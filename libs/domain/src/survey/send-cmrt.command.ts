import { z } from 'zod';
import { SurveyFamily } from './survey-family';
import { EntityId, IsoDate, Period } from '../shared/period';

export const CMRT_VERSION_PATTERN = /^\d+(\.\d+)*$/;

export const SendCMRT = z
  .object({
    supplierId: EntityId,
    /** Reporting calendar year the survey is for, e.g. 2014. */
    period: Period,
    dueDate: IsoDate,
    /** The template asked for: the CMRT (default) or the EMRT; each is its own survey of the supplier. */
    family: SurveyFamily.optional(),
    /** The revision of that template the supplier is asked to use, e.g. "6.5" (CMRT) or "2.1" (EMRT). */
    templateVersion: z.string().regex(CMRT_VERSION_PATTERN, 'expected a CMRT revision such as "6.5"').optional(),
  })
  .strict();
export type SendCMRT = z.infer<typeof SendCMRT>;
