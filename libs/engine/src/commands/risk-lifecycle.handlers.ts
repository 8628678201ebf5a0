import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  riskDecider,
  streams,
  type AssessRisk,
  type AssignRiskOwner,
  type CloseRisk,
  type CloseRiskAutomatically,
  type DecideMitigation,
  type EscalateOverdueMitigation,
  type RecordMitigationProgress,
  type RiskCommand,
} from '@dd/domain';
import { BusCommand } from './bus-command';
import type { CommandMetadata, CommandResult } from './command-metadata';
import { StreamCommandExecutor } from './stream-command-executor';

export class AssessRiskCommand extends BusCommand<AssessRisk> {}
export class AssignRiskOwnerCommand extends BusCommand<AssignRiskOwner> {}
export class DecideMitigationCommand extends BusCommand<DecideMitigation> {}
export class RecordMitigationProgressCommand extends BusCommand<RecordMitigationProgress> {}
export class CloseRiskCommand extends BusCommand<CloseRisk> {}
/** Engine-issued (smelter-status process manager): not in the public catalogue. */
export class CloseRiskAutomaticallyCommand extends BusCommand<CloseRiskAutomatically> {}
/** Engine-issued (overdue-mitigation process manager): not in the public catalogue. */
export class EscalateOverdueMitigationCommand extends BusCommand<EscalateOverdueMitigation> {}

type LifecycleCommand = Exclude<RiskCommand, { type: 'FlagNonConflictFree' | 'RaiseRisk' }>;

/**
 * Every lifecycle command acts on `risk-<riskId>` at the engine clock's now, which is also the
 * business time of its events: a decision happens when it is taken (and a demo year's clock moves it).
 */
function decideOnExistingRisk(executor: StreamCommandExecutor, command: LifecycleCommand, metadata: CommandMetadata): Promise<CommandResult> {
  const now = executor.now();
  return executor.execute({ streamId: streams.risk(command.data.riskId), decider: riskDecider, command, context: { now }, metadata, occurredAt: now });
}

@CommandHandler(AssessRiskCommand)
export class AssessRiskHandler implements ICommandHandler<AssessRiskCommand> {
  constructor(private readonly executor: StreamCommandExecutor) {}
  execute({ data, metadata }: AssessRiskCommand) {
    return decideOnExistingRisk(this.executor, { type: 'AssessRisk', data }, metadata);
  }
}

@CommandHandler(AssignRiskOwnerCommand)
export class AssignRiskOwnerHandler implements ICommandHandler<AssignRiskOwnerCommand> {
  constructor(private readonly executor: StreamCommandExecutor) {}
  execute({ data, metadata }: AssignRiskOwnerCommand) {
    return decideOnExistingRisk(this.executor, { type: 'AssignRiskOwner', data }, metadata);
  }
}

@CommandHandler(DecideMitigationCommand)
export class DecideMitigationHandler implements ICommandHandler<DecideMitigationCommand> {
  constructor(private readonly executor: StreamCommandExecutor) {}
  execute({ data, metadata }: DecideMitigationCommand) {
    return decideOnExistingRisk(this.executor, { type: 'DecideMitigation', data }, metadata);
  }
}

@CommandHandler(RecordMitigationProgressCommand)
export class RecordMitigationProgressHandler implements ICommandHandler<RecordMitigationProgressCommand> {
  constructor(private readonly executor: StreamCommandExecutor) {}
  execute({ data, metadata }: RecordMitigationProgressCommand) {
    return decideOnExistingRisk(this.executor, { type: 'RecordMitigationProgress', data }, metadata);
  }
}

@CommandHandler(CloseRiskCommand)
export class CloseRiskHandler implements ICommandHandler<CloseRiskCommand> {
  constructor(private readonly executor: StreamCommandExecutor) {}
  execute({ data, metadata }: CloseRiskCommand) {
    return decideOnExistingRisk(this.executor, { type: 'CloseRisk', data }, metadata);
  }
}

@CommandHandler(CloseRiskAutomaticallyCommand)
export class CloseRiskAutomaticallyHandler implements ICommandHandler<CloseRiskAutomaticallyCommand> {
  constructor(private readonly executor: StreamCommandExecutor) {}
  execute({ data, metadata }: CloseRiskAutomaticallyCommand) {
    return decideOnExistingRisk(this.executor, { type: 'CloseRiskAutomatically', data }, metadata);
  }
}

@CommandHandler(EscalateOverdueMitigationCommand)
export class EscalateOverdueMitigationHandler implements ICommandHandler<EscalateOverdueMitigationCommand> {
  constructor(private readonly executor: StreamCommandExecutor) {}
  execute({ data, metadata }: EscalateOverdueMitigationCommand) {
    return decideOnExistingRisk(this.executor, { type: 'EscalateOverdueMitigation', data }, metadata);
  }
}

export const riskLifecycleHandlers = [
  AssessRiskHandler,
  AssignRiskOwnerHandler,
  DecideMitigationHandler,
  RecordMitigationProgressHandler,
  CloseRiskHandler,
  CloseRiskAutomaticallyHandler,
  EscalateOverdueMitigationHandler,
];
