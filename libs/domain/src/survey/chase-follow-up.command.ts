import { z } from 'zod';
import { SurveyFamily } from './survey-family';
import { MultiLineText, SingleLineText } from '../shared/text';
import { EntityId, Period } from '../shared/period';

/**
 * A reviewer chases a supplier about a follow-up it has not answered: the request goes to the
 * supplier again (the outbox writes it), with the reviewer's words. The follow-up stays open.
 * SendReminder cannot do it: it reminds of an unanswered survey, and a follow-up is about an answer.
 */
export const ChaseFollowUp = z
  .object({
    supplierId: EntityId,
    period: Period,
    /** Which of the supplier's surveys: the CMRT's (default) or the EMRT's. */
    family: SurveyFamily.optional(),
    followUpId: SingleLineText.min(1).max(200),
    /** What the supplier is asked, again, in the reviewer's words (the message's text). */
    note: MultiLineText.min(1, 'say what the supplier still has to correct').max(2000),
  })
  .strict();
export type ChaseFollowUp = z.infer<typeof ChaseFollowUp>;
