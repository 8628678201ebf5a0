import { z } from 'zod';
import type { EventSchemasByType, EventsOf } from '../shared/event-family';
import { IsoDate, Period } from '../shared/period';
import { CampaignFamily, CampaignSelection } from './launch-campaign.command';

export const CampaignLaunched = z
  .object({
    campaignId: z.string(),
    period: Period,
    selection: CampaignSelection,
    /** The suppliers the selection named when the campaign was launched, recorded so a replay sends the same. */
    supplierIds: z.array(z.string()),
    dueDate: IsoDate,
    /** What each selected supplier is asked for; absent in campaigns launched before the EMRT: the CMRT. */
    family: CampaignFamily.optional(),
    templateVersion: z.string().optional(),
  })
  .strict();
export type CampaignLaunched = z.infer<typeof CampaignLaunched>;

/** The events of campaign streams, by type: the event catalogue and the CampaignEvent union are derived from it. */
export const campaignEventSchemas = { CampaignLaunched } satisfies EventSchemasByType;
export type CampaignEvent = EventsOf<typeof campaignEventSchemas>;
