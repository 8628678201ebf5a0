import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { campaignDecider, periodDecider, streams, type LaunchCampaign } from '@dd/domain';
import { commandFingerprint } from '@dd/event-store';
import { SupplyChainQueries, supplyChainProjection } from '@dd/projections';
import type { Database } from 'better-sqlite3';
import { ReadSide } from '../read-side';
import { READ_MODEL_DB } from '../tokens';
import { BusCommand } from './bus-command';
import type { CommandResult } from './command-metadata';
import { StreamCommandExecutor } from './stream-command-executor';

export class LaunchCampaignCommand extends BusCommand<LaunchCampaign> {}

/**
 * Resolves the selection against the supply-chain read model (settled first, so every supplier,
 * status change and product link acknowledged before is seen), and records the campaign with the
 * suppliers it named on `campaign-<id>`. The campaign dispatcher then sends one SendCMRT each; the
 * selection is fixed in the event, so a replay sends to the same suppliers whatever changed since.
 */
@CommandHandler(LaunchCampaignCommand)
export class LaunchCampaignHandler implements ICommandHandler<LaunchCampaignCommand> {
  private readonly supplyChain: SupplyChainQueries;

  constructor(
    private readonly executor: StreamCommandExecutor,
    private readonly readSide: ReadSide,
    @Inject(READ_MODEL_DB) db: Database,
  ) {
    this.supplyChain = new SupplyChainQueries(db);
  }

  async execute({ data, metadata }: LaunchCampaignCommand): Promise<CommandResult> {
    // A retried request is answered from the store before anything is resolved again.
    const earlier = await this.executor.previousResult(metadata.commandId, commandFingerprint('LaunchCampaign', data));
    if (earlier) return earlier;
    await this.readSide.settled([supplyChainProjection.name]);
    const selected = this.supplyChain.select(data.selection);
    const period = (await this.executor.load(periodDecider, streams.period(data.period))).state;
    const now = this.executor.now();
    return this.executor.execute({
      streamId: streams.campaign(data.campaignId),
      decider: campaignDecider,
      command: data,
      commandName: 'LaunchCampaign',
      context: { now, period, selected },
      metadata,
      occurredAt: now,
      period: data.period,
    });
  }
}

export const campaignHandlers = [LaunchCampaignHandler];
