import { z } from 'zod';
import { MultiLineText, SingleLineText } from '../shared/text';
import { EntityId } from '../shared/period';

/** The person (or function) answerable for the risk and its mitigation. */
export const AssignRiskOwner = z
  .object({
    riskId: EntityId,
    owner: SingleLineText.min(1).max(200),
    /** Why this person (e.g. the rationale of a bulk triage): kept in the event and the risk's history. */
    note: MultiLineText.min(1).max(4000).optional(),
  })
  .strict();
export type AssignRiskOwner = z.infer<typeof AssignRiskOwner>;
