import { z } from 'zod';
import { EntityId, Period } from '../shared/period';

export const ResolveFollowUp = z
  .object({
    supplierId: EntityId,
    period: Period,
    followUpId: z.string().min(1).max(200),
    note: z.string().trim().min(1, 'say how it was resolved').max(2000),
  })
  .strict();
export type ResolveFollowUp = z.infer<typeof ResolveFollowUp>;
