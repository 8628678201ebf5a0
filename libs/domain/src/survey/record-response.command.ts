import { z } from 'zod';
import { Declaration } from '../declaration/declaration.schema';
import { EntityId, Period } from '../shared/period';

export const RecordResponse = z
  .object({
    supplierId: EntityId,
    period: Period,
    /** When the supplier's answer arrived (business time); defaults to when it is recorded. */
    receivedAt: z.iso.datetime({ offset: true }).optional(),
    declaration: Declaration,
  })
  .strict();
export type RecordResponse = z.infer<typeof RecordResponse>;
export type RecordResponseInput = z.input<typeof RecordResponse>;
