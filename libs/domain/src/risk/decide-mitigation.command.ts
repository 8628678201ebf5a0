import { z } from 'zod';
import { MultiLineText } from '../shared/text';
import { EntityId, IsoDate } from '../shared/period';
import { MitigationStrategy } from './risk.events';

/**
 * The risk-management plan of OECD step 3: continue trade during mitigation, temporarily suspend,
 * or disengage, with a due date and optionally dated actions. A later decision revises the plan.
 */
export const DecideMitigation = z
  .object({
    riskId: EntityId,
    strategy: MitigationStrategy,
    plan: MultiLineText.min(1).max(4000),
    dueDate: IsoDate,
    actions: z
      .array(z.object({ description: MultiLineText.min(1).max(2000), dueDate: IsoDate }).strict())
      .max(50)
      .optional(),
  })
  .strict();
export type DecideMitigation = z.infer<typeof DecideMitigation>;
