import { z } from 'zod';
import { MultiLineText } from '../shared/text';
import { EntityId } from '../shared/period';

/** Monitoring and tracking of the plan (OECD step 3): a note, optionally about one action, optionally marking it done. */
export const RecordMitigationProgress = z
  .object({
    riskId: EntityId,
    note: MultiLineText.min(1).max(4000),
    /** Index of the action in the plan's actions (0-based); absent: the plan as a whole. */
    actionIndex: z.number().int().min(0).optional(),
    /** true: the action (or the whole plan) is done; false: it is not after all. */
    completed: z.boolean().optional(),
  })
  .strict();
export type RecordMitigationProgress = z.infer<typeof RecordMitigationProgress>;
