import { DeciderSpecification } from '../shared/decider-specification';
import { CampaignLaunched } from './campaign.events';
import { familiesOfCampaign, LaunchCampaign } from './launch-campaign.command';
import { campaignDecider, type CampaignContext } from './campaign.decider';

const spec = DeciderSpecification.for(campaignDecider);
const open = { status: 'open' as const, policy: { reminderDays: [14, 28], defaultDueDate: '2025-03-31' }, reports: 0 };
const context: CampaignContext = { now: '2025-01-10T09:00:00Z', period: open, selected: ['s2', 's1'] };
const data = { campaignId: 'cmrt-2024', period: 2024, selection: { tier: 'indirect' as const } };
const launch = { type: 'LaunchCampaign' as const, data };

describe('LaunchCampaign', () => {
  it('records the selected suppliers and the policy due date', () => {
    spec
      .given([])
      .when(launch, context)
      .then([
        {
          type: 'CampaignLaunched',
          data: {
            campaignId: 'cmrt-2024',
            period: 2024,
            selection: { tier: 'indirect' },
            supplierIds: ['s1', 's2'],
            dueDate: '2025-03-31',
          },
        },
      ]);
  });

  it('is refused twice, outside an open period, without a due date, or for an empty selection', () => {
    spec
      .given([
        {
          type: 'CampaignLaunched',
          data: { campaignId: 'cmrt-2024', period: 2024, selection: {}, supplierIds: ['s1'], dueDate: '2025-03-31' },
        },
      ])
      .when(launch, context)
      .thenRefused('campaign-already-launched');
    spec
      .given([])
      .when(launch, { ...context, period: { status: 'not-opened', reports: 0 } })
      .thenRefused('period-not-open');
    spec
      .given([])
      .when(launch, { ...context, period: { ...open, status: 'closed' } })
      .thenRefused('period-closed');
    spec
      .given([])
      .when(launch, { ...context, period: { ...open, policy: { reminderDays: [14] } } })
      .thenRefused('due-date-missing');
    spec
      .given([])
      .when({ ...launch, data: { ...data, dueDate: '2025-01-01' } }, context)
      .thenRefused('due-date-in-past');
    spec
      .given([])
      .when(launch, { ...context, selected: [] })
      .thenRefused('selection-empty');
  });
});

describe('LaunchCampaign for a template family', () => {
  it('given no campaign, when the EMRT (or both) is asked for, then CampaignLaunched names it; a CMRT campaign is recorded as before', () => {
    for (const family of ['emrt', 'both'] as const) {
      spec
        .given([])
        .when({ ...launch, data: { ...data, family } }, context)
        .then([
          {
            type: 'CampaignLaunched',
            data: {
              campaignId: 'cmrt-2024',
              period: 2024,
              selection: { tier: 'indirect' },
              supplierIds: ['s1', 's2'],
              dueDate: '2025-03-31',
              family,
            },
          },
        ]);
    }
    spec
      .given([])
      .when({ ...launch, data: { ...data, family: 'cmrt' } }, context)
      .then([
        {
          type: 'CampaignLaunched',
          data: {
            campaignId: 'cmrt-2024',
            period: 2024,
            selection: { tier: 'indirect' },
            supplierIds: ['s1', 's2'],
            dueDate: '2025-03-31',
          },
        },
      ]);
  });

  it('reads events recorded before the EMRT (no family) as the CMRT', () => {
    const old = { campaignId: 'c', period: 2024, selection: {}, supplierIds: ['s1'], dueDate: '2025-03-31' };
    expect(familiesOfCampaign(CampaignLaunched.parse(old).family)).toEqual(['cmrt']);
    expect(familiesOfCampaign('both')).toEqual(['cmrt', 'emrt']);
    expect(LaunchCampaign.safeParse({ campaignId: 'c', period: 2024, family: 'amrt' }).success).toBe(false);
  });
});
