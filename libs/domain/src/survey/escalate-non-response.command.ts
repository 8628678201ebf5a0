import { z } from 'zod';
import { SurveyFamily } from './survey-family';
import { EntityId, Period } from '../shared/period';

/**
 * Issued by the engine itself (the reminder scheduler), not posted by people: the supplier left the
 * request unanswered past its due date and after the last reminder, so the supplier's owner in our
 * company takes it up. Once per request.
 */
export const EscalateNonResponse = z.object({ supplierId: EntityId, period: Period, family: SurveyFamily.optional() }).strict();
export type EscalateNonResponse = z.infer<typeof EscalateNonResponse>;

/** Who an escalation goes to when nobody owns the supplier relationship. */
export const UNASSIGNED_OWNER = 'unassigned';
