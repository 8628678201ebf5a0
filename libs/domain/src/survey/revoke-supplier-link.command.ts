import { z } from 'zod';
import { SurveyFamily } from './survey-family';
import { EntityId, Period } from '../shared/period';
import { MultiLineText } from '../shared/text';

/**
 * Withdraws the supplier's answer link of one request (a contact left, a link was forwarded to the
 * wrong person): from then on the page answers it like an expired link (410). Links are not stored, so
 * the revocation is the recorded fact the page checks. A new request (SendCMRT) makes a new link.
 */
export const RevokeSupplierLink = z
  .object({
    supplierId: EntityId,
    period: Period,
    /** Which of the supplier's surveys: the CMRT's (default) or the EMRT's. */
    family: SurveyFamily.optional(),
    /** The request whose link is withdrawn; default the current one. */
    requestNumber: z.number().int().min(1).optional(),
    reason: MultiLineText.min(1).max(2000).optional(),
  })
  .strict();
export type RevokeSupplierLink = z.infer<typeof RevokeSupplierLink>;
