import { z } from 'zod';
import { SingleLineText } from '../shared/text';
import { SupplierTier } from '../supplier/register-supplier.command';
import { CMRT_VERSION_PATTERN } from '../survey/send-cmrt.command';
import { EntityId, IsoDate, Period } from '../shared/period';

/** Which suppliers a campaign surveys; the criteria combine (AND). Inactive suppliers are left out. */
export const CampaignSelection = z
  .object({
    tier: SupplierTier.optional(),
    /** Suppliers linked to a product of this line. */
    productLine: SingleLineText.min(1).max(200).optional(),
    /** Name suppliers one by one instead (or in addition). */
    supplierIds: z.array(EntityId).max(100000).optional(),
  })
  .strict();
export type CampaignSelection = z.infer<typeof CampaignSelection>;

/** Send the CMRT to a whole selection at once; each supplier gets one request, however often this is retried. */
export const LaunchCampaign = z
  .object({
    campaignId: EntityId,
    period: Period,
    selection: CampaignSelection.default({}),
    /** Defaults to the period policy's default due date. */
    dueDate: IsoDate.optional(),
    templateVersion: z.string().regex(CMRT_VERSION_PATTERN, 'expected a CMRT revision such as "6.5"').optional(),
  })
  .strict();
export type LaunchCampaign = z.infer<typeof LaunchCampaign>;
