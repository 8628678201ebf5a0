import { z } from 'zod';
import { Mineral } from '../shared/metals';
import { Period } from '../shared/period';
import { RiskCategory, RiskSeverity, RiskSource } from './risk.events';

/**
 * Raised by the engine itself (the risk-from-findings, smelter-status and grievance process
 * managers), not posted by people: it turns findings, smelter statuses and grievances into register entries.
 */
export const RaiseRisk = z
  .object({
    /** Required, except for a grievance that names no supplier (the decider checks it). */
    supplierId: z.string().optional(),
    period: Period,
    /** A CMRT metal or an EMRT mineral (cobalt, mica ...). */
    metal: Mineral.optional(),
    smelterId: z.string().optional(),
    category: RiskCategory,
    severity: RiskSeverity,
    reason: z.string(),
    source: RiskSource,
  })
  .strict();
export type RaiseRisk = z.infer<typeof RaiseRisk>;
