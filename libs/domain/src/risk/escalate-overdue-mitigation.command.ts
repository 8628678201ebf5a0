import { z } from 'zod';
import { EntityId } from '../shared/period';

/**
 * Issued by the engine only (the overdue-mitigation process manager, on each clock tick): a plan or
 * one of its actions is past its due date and not done. Names the plan revision it saw, so a plan
 * revised in the meantime is not escalated for the old one's dates.
 */
export const EscalateOverdueMitigation = z
  .object({
    riskId: EntityId,
    revision: z.number().int().min(1),
    /** The overdue action; absent: the plan's own due date. */
    actionIndex: z.number().int().min(0).optional(),
  })
  .strict();
export type EscalateOverdueMitigation = z.infer<typeof EscalateOverdueMitigation>;
