import { z } from 'zod';
import { SurveyFamily } from './survey-family';
import { MultiLineText } from '../shared/text';
import { FollowUpKind } from '../declaration/finding';
import { EntityId, Period } from '../shared/period';

/** A reviewer asks the supplier to correct its answer, beyond what the Checker found. */
export const RequestFollowUp = z
  .object({
    supplierId: EntityId,
    period: Period,
    /** Which of the supplier's surveys: the CMRT's (default) or the EMRT's. */
    family: SurveyFamily.optional(),
    kind: FollowUpKind,
    /** What is wrong, in the reviewer's words, one item each (e.g. "Q3 tin says No but the smelter list names a Congolese smelter"). */
    findings: z.array(MultiLineText.min(1).max(2000)).min(1).max(100),
    note: MultiLineText.max(2000).optional(),
  })
  .strict();
export type RequestFollowUp = z.infer<typeof RequestFollowUp>;
