import { z } from 'zod';
import { MultiLineText } from '../shared/text';
import { EntityId } from '../shared/period';
import { CLOSE_RESOLUTIONS, ENGINE_RESOLUTIONS, RiskSource } from './risk.events';

/** A person closes a risk: mitigated, accepted, or the supplier moved to conflict-free sources. */
export const CloseRisk = z
  .object({
    riskId: EntityId,
    resolution: z.enum(CLOSE_RESOLUTIONS),
    note: MultiLineText.min(1).max(4000),
  })
  .strict();
export type CloseRisk = z.infer<typeof CloseRisk>;

/**
 * Issued by the engine only (the smelter-status process manager), never posted: the smelter behind
 * the risk became RMAP conformant or cross-recognized, so the risk is resolved by that status change;
 * or the status list that raised it was withdrawn as a mistake.
 */
export const CloseRiskAutomatically = z
  .object({
    riskId: EntityId,
    reason: z.string().min(1),
    source: RiskSource,
    /** Default 'resolved-by-status-change'. */
    resolution: z.enum(ENGINE_RESOLUTIONS).optional(),
  })
  .strict();
export type CloseRiskAutomatically = z.infer<typeof CloseRiskAutomatically>;
