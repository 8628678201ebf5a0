import { z } from 'zod';
import { MultiLineText } from '../shared/text';
import { EntityId, Period } from '../shared/period';

/** A reviewer accepts the latest response as complete (no follow-up may be open). */
export const AcceptResponse = z
  .object({
    supplierId: EntityId,
    period: Period,
    note: MultiLineText.max(2000).optional(),
  })
  .strict();
export type AcceptResponse = z.infer<typeof AcceptResponse>;
