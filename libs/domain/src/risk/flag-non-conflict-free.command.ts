import { z } from 'zod';
import { MultiLineText } from '../shared/text';
import { Metal } from '../shared/metals';
import { SmelterId } from '../smelter/reference-list';
import { EntityId, Period } from '../shared/period';

export const FlagNonConflictFree = z
  .object({
    supplierId: EntityId,
    period: Period,
    metal: Metal,
    /** Omitted when the supplier could not name the smelter. */
    smelterId: SmelterId.optional(),
    reason: MultiLineText.min(1).max(2000),
    /** A reference to what shows it: a document id, a URL, an RMI notice. */
    evidence: MultiLineText.max(2000).optional(),
  })
  .strict();
export type FlagNonConflictFree = z.infer<typeof FlagNonConflictFree>;
