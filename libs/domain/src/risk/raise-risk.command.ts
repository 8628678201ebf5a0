import { z } from 'zod';
import { Metal } from '../shared/metals';
import { Period } from '../shared/period';
import { RiskCategory, RiskSeverity, RiskSource } from './risk.events';

/**
 * Raised by the engine itself (the risk-from-findings process manager), not posted by people:
 * it turns a response's red-flag findings into register entries.
 */
export const RaiseRisk = z
  .object({
    supplierId: z.string(),
    period: Period,
    metal: Metal.optional(),
    smelterId: z.string().optional(),
    category: RiskCategory,
    severity: RiskSeverity,
    reason: z.string(),
    source: RiskSource,
  })
  .strict();
export type RaiseRisk = z.infer<typeof RaiseRisk>;
