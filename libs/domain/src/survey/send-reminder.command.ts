import { z } from 'zod';
import { EntityId, Period } from '../shared/period';

export const SendReminder = z
  .object({
    supplierId: EntityId,
    period: Period,
  })
  .strict();
export type SendReminder = z.infer<typeof SendReminder>;
