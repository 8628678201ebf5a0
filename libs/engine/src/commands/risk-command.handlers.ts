import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  riskDecider,
  riskIdFor,
  streams,
  supplierDecider,
  type FlagNonConflictFree,
  type RaiseRisk,
  type RiskCommand,
} from '@dd/domain';
import { BusCommand } from './bus-command';
import type { CommandMetadata, CommandResult } from './command-metadata';
import { StreamCommandExecutor } from './stream-command-executor';

export class FlagNonConflictFreeCommand extends BusCommand<FlagNonConflictFree> {}
export class RaiseRiskCommand extends BusCommand<RaiseRisk> {}

/** A risk's stream is named by what the risk is about (riskIdFor), so repeats land on it. */
async function decideOnRisk(executor: StreamCommandExecutor, command: Extract<RiskCommand, { type: 'FlagNonConflictFree' | 'RaiseRisk' }>, riskId: string, metadata: CommandMetadata) {
  // A grievance may name no supplier; the decider says whether that is allowed.
  const { supplierId } = command.data;
  const supplier = supplierId === undefined ? undefined : (await executor.load(supplierDecider, streams.supplier(supplierId))).state;
  return executor.execute({ streamId: streams.risk(riskId), decider: riskDecider, command, context: { supplier, now: executor.now() }, metadata });
}

@CommandHandler(FlagNonConflictFreeCommand)
export class FlagNonConflictFreeHandler implements ICommandHandler<FlagNonConflictFreeCommand> {
  constructor(private readonly executor: StreamCommandExecutor) {}
  execute({ data, metadata }: FlagNonConflictFreeCommand): Promise<CommandResult> {
    const riskId = riskIdFor({ ...data, category: 'non-conflict-free-smelter' });
    return decideOnRisk(this.executor, { type: 'FlagNonConflictFree', data }, riskId, metadata);
  }
}

@CommandHandler(RaiseRiskCommand)
export class RaiseRiskHandler implements ICommandHandler<RaiseRiskCommand> {
  constructor(private readonly executor: StreamCommandExecutor) {}
  execute({ data, metadata }: RaiseRiskCommand): Promise<CommandResult> {
    return decideOnRisk(this.executor, { type: 'RaiseRisk', data }, riskIdFor(data), metadata);
  }
}
