import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  programDecider,
  streams,
  supplierDecider,
  type AdoptPolicy,
  type AssignTeam,
  type CommunicatePolicy,
  type DeclareGrievanceMechanism,
  type ProgramCommand,
  type RecordContractClause,
  type RecordGrievance,
  type ReportToManagement,
} from '@dd/domain';
import { BusCommand } from './bus-command';
import type { CommandMetadata } from './command-metadata';
import { StreamCommandExecutor } from './stream-command-executor';

export class AdoptPolicyCommand extends BusCommand<AdoptPolicy> {}
export class CommunicatePolicyCommand extends BusCommand<CommunicatePolicy> {}
export class AssignTeamCommand extends BusCommand<AssignTeam> {}
export class RecordContractClauseCommand extends BusCommand<RecordContractClause> {}
export class DeclareGrievanceMechanismCommand extends BusCommand<DeclareGrievanceMechanism> {}
export class RecordGrievanceCommand extends BusCommand<RecordGrievance> {}
export class ReportToManagementCommand extends BusCommand<ReportToManagement> {}

/** Management-system commands act on `program-<year>`; those naming a supplier need its state. */
async function onProgram(executor: StreamCommandExecutor, command: ProgramCommand, metadata: CommandMetadata) {
  const supplierId = 'supplierId' in command.data ? command.data.supplierId : undefined;
  const supplier = supplierId ? (await executor.load(supplierDecider, streams.supplier(supplierId))).state : undefined;
  // Business time is the engine clock's: a policy is adopted, a grievance received, when it is recorded (and a demo year's clock moves it).
  return executor.execute({ streamId: streams.program(command.data.period), decider: programDecider, command, context: { supplier }, metadata, occurredAt: executor.now() });
}

@CommandHandler(AdoptPolicyCommand)
export class AdoptPolicyHandler implements ICommandHandler<AdoptPolicyCommand> {
  constructor(private readonly executor: StreamCommandExecutor) {}
  execute({ data, metadata }: AdoptPolicyCommand) {
    return onProgram(this.executor, { type: 'AdoptPolicy', data }, metadata);
  }
}

@CommandHandler(CommunicatePolicyCommand)
export class CommunicatePolicyHandler implements ICommandHandler<CommunicatePolicyCommand> {
  constructor(private readonly executor: StreamCommandExecutor) {}
  execute({ data, metadata }: CommunicatePolicyCommand) {
    return onProgram(this.executor, { type: 'CommunicatePolicy', data }, metadata);
  }
}

@CommandHandler(AssignTeamCommand)
export class AssignTeamHandler implements ICommandHandler<AssignTeamCommand> {
  constructor(private readonly executor: StreamCommandExecutor) {}
  execute({ data, metadata }: AssignTeamCommand) {
    return onProgram(this.executor, { type: 'AssignTeam', data }, metadata);
  }
}

@CommandHandler(RecordContractClauseCommand)
export class RecordContractClauseHandler implements ICommandHandler<RecordContractClauseCommand> {
  constructor(private readonly executor: StreamCommandExecutor) {}
  execute({ data, metadata }: RecordContractClauseCommand) {
    return onProgram(this.executor, { type: 'RecordContractClause', data }, metadata);
  }
}

@CommandHandler(DeclareGrievanceMechanismCommand)
export class DeclareGrievanceMechanismHandler implements ICommandHandler<DeclareGrievanceMechanismCommand> {
  constructor(private readonly executor: StreamCommandExecutor) {}
  execute({ data, metadata }: DeclareGrievanceMechanismCommand) {
    return onProgram(this.executor, { type: 'DeclareGrievanceMechanism', data }, metadata);
  }
}

@CommandHandler(RecordGrievanceCommand)
export class RecordGrievanceHandler implements ICommandHandler<RecordGrievanceCommand> {
  constructor(private readonly executor: StreamCommandExecutor) {}
  execute({ data, metadata }: RecordGrievanceCommand) {
    return onProgram(this.executor, { type: 'RecordGrievance', data }, metadata);
  }
}

@CommandHandler(ReportToManagementCommand)
export class ReportToManagementHandler implements ICommandHandler<ReportToManagementCommand> {
  constructor(private readonly executor: StreamCommandExecutor) {}
  execute({ data, metadata }: ReportToManagementCommand) {
    return onProgram(this.executor, { type: 'ReportToManagement', data }, metadata);
  }
}

export const programHandlers = [
  AdoptPolicyHandler,
  CommunicatePolicyHandler,
  AssignTeamHandler,
  RecordContractClauseHandler,
  DeclareGrievanceMechanismHandler,
  RecordGrievanceHandler,
  ReportToManagementHandler,
];
