import { z } from 'zod';
import { SingleLineText } from '../shared/text';
import { SupplierTier } from '../supplier/register-supplier.command';
import { CMRT_VERSION_PATTERN } from '../survey/send-cmrt.command';
import { EntityId, IsoDate, Period } from '../shared/period';
import { SURVEY_FAMILIES, type SurveyFamily } from '../survey/survey-family';

/** What a campaign asks each selected supplier for: the CMRT (default), the EMRT, or both (two surveys each). */
export const CAMPAIGN_FAMILIES = [...SURVEY_FAMILIES, 'both'] as const;
export const CampaignFamily = z.enum(CAMPAIGN_FAMILIES);
export type CampaignFamily = z.infer<typeof CampaignFamily>;

/** The survey families a campaign asks for; absent (campaigns launched before the EMRT): the CMRT. */
export function familiesOfCampaign(family: CampaignFamily | undefined): SurveyFamily[] {
  return family === 'both' ? [...SURVEY_FAMILIES] : [family ?? 'cmrt'];
}

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
    /** cmrt (default), emrt or both. */
    family: CampaignFamily.optional(),
    /** The template revision asked for; with family "both" it applies to the CMRT only. */
    templateVersion: z.string().regex(CMRT_VERSION_PATTERN, 'expected a CMRT revision such as "6.5"').optional(),
  })
  .strict();
export type LaunchCampaign = z.infer<typeof LaunchCampaign>;
