import { CommandRefused } from '../shared/command-refused';
import { decideByType, type Decider } from '../shared/decider';
import { commandRow, typed } from '../shared/command-row';
import { streams } from '../shared/streams';
import { refuseChangesToClosedPeriod } from '../period/closed-period.rule';
import type { PeriodState } from '../period/period.decider';
import type { CampaignEvent } from './campaign.events';
import { LaunchCampaign } from './launch-campaign.command';

export type CampaignState = { status: 'none' } | { status: 'launched' };

export interface CampaignContext {
  now: string;
  /** The period's stream, folded: a campaign runs in an open period, under its policy. */
  period: PeriodState;
  /** Active suppliers matching the selection, resolved from the supplier register by the handler. */
  selected: string[];
}

export type CampaignCommand = { type: 'LaunchCampaign'; data: LaunchCampaign };

function launchCampaign({ data }: CampaignCommand, state: CampaignState, context: CampaignContext): CampaignEvent[] {
  if (state.status === 'launched')
    throw new CommandRefused('campaign-already-launched', `campaign ${data.campaignId} was already launched`);
  refuseChangesToClosedPeriod(data.period, context.period);
  if (context.period.status !== 'open') {
    throw new CommandRefused('period-not-open', `period ${data.period} is ${context.period.status}; open it first (OpenPeriod)`);
  }
  const dueDate = data.dueDate ?? context.period.policy?.defaultDueDate;
  if (!dueDate) throw new CommandRefused('due-date-missing', 'give a dueDate or set a default due date in the period policy');
  if (dueDate < context.now.slice(0, 10)) throw new CommandRefused('due-date-in-past', `due date ${dueDate} is already past`);
  if (context.selected.length === 0) throw new CommandRefused('selection-empty', 'no active supplier matches the selection');
  const { campaignId, period, selection, templateVersion, family } = data;
  return [
    {
      type: 'CampaignLaunched',
      data: {
        campaignId,
        period,
        selection,
        supplierIds: [...context.selected].sort(),
        dueDate,
        // A CMRT campaign's event is as it always was.
        ...(family && family !== 'cmrt' ? { family } : {}),
        ...(templateVersion ? { templateVersion } : {}),
      },
    },
  ];
}

/** The `campaign-<id>` stream. The process manager then sends one SendCMRT per selected supplier and family asked for. */
export const campaignDecider: Decider<CampaignCommand, CampaignEvent, CampaignState, CampaignContext> = {
  initialState: () => ({ status: 'none' }),
  evolve: () => ({ status: 'launched' }),
  decide: decideByType<CampaignCommand, CampaignEvent, CampaignState, CampaignContext>({ LaunchCampaign: launchCampaign }),
};

/** The campaign's row of the command table (command-table.ts). */
export const campaignCommandRows = {
  /**
   * The selection is resolved against the supply-chain read model (settled first) and fixed in the
   * event, so a replay sends to the same suppliers whatever changed since.
   */
  LaunchCampaign: commandRow({
    businessTime: {
      rule: 'now',
      why: "a campaign selects from today's supplier register and its requests go out now; record last year's requests with SendCMRT, one per supplier, dated",
    },
    closedPeriod: { rule: 'refused', why: 'a campaign surveys suppliers for the year' },
    example: {
      campaignId: 'cmrt-2024',
      period: 2024,
      selection: { tier: 'indirect', productLine: 'OEM Modules', supplierIds: ['acme'] },
      dueDate: '2025-03-31',
      templateVersion: '6.5',
    },
    schema: LaunchCampaign,
    summary:
      'Send the CMRT, the EMRT or both (family) to every active supplier of a selection (a tier, a product line, named suppliers; AND-ed), once per supplier',
    public: true,
    decider: campaignDecider,
    streamId: (data) => streams.campaign(data.campaignId),
    period: (data) => data.period,
    needs: { period: (data) => data.period, selection: (data) => data.selection },
    command: typed('LaunchCampaign'),
    context: (facts) => ({ now: facts.now, period: facts.period ?? { status: 'not-opened', reports: 0 }, selected: facts.selected ?? [] }),
  }),
};
