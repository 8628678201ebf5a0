import { z } from 'zod';
import { SingleLineText } from '../shared/text';
import { EntityId } from '../shared/period';

/** The person (or function) answerable for the risk and its mitigation. */
export const AssignRiskOwner = z
  .object({
    riskId: EntityId,
    owner: SingleLineText.min(1).max(200),
  })
  .strict();
export type AssignRiskOwner = z.infer<typeof AssignRiskOwner>;
