import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  contractClauseDecider,
  contractClauseOnProgramStream,
  grievanceDecider,
  grievanceOnProgramStream,
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

// Business time is the engine clock's: a policy is adopted, a grievance received, when it is recorded (and a demo year's clock moves it).

/** Management-system commands act on `program-<year>`. */
function onProgram(executor: StreamCommandExecutor, command: ProgramCommand, metadata: CommandMetadata) {
  return executor.execute({ streamId: streams.program(command.data.period), decider: programDecider, command, context: undefined, metadata, occurredAt: executor.now() });
}

/**
 * A grievance acts on its own `grievance-<year>-<id>`: it reads the supplier it names and, for logs
 * that recorded a year's grievances on `program-<year>`, whether that stream already holds its id.
 */
async function recordGrievance(executor: StreamCommandExecutor, data: RecordGrievance, metadata: CommandMetadata) {
  const supplier = data.supplierId ? (await executor.load(supplierDecider, streams.supplier(data.supplierId))).state : undefined;
  const onProgramStream = (await executor.load(grievanceOnProgramStream(data.grievanceId), streams.program(data.period))).state;
  return executor.execute({
    streamId: streams.grievance(data.period, data.grievanceId),
    decider: grievanceDecider,
    command: { type: 'RecordGrievance', data },
    context: { supplier, onProgramStream },
    metadata,
    occurredAt: executor.now(),
  });
}

/** A contract clause acts on `contract-clause-<year>-<supplierId>`, reading the supplier as a grievance does. */
async function recordContractClause(executor: StreamCommandExecutor, data: RecordContractClause, metadata: CommandMetadata) {
  const supplier = (await executor.load(supplierDecider, streams.supplier(data.supplierId))).state;
  const onProgramStream = (await executor.load(contractClauseOnProgramStream(data.supplierId), streams.program(data.period))).state;
  return executor.execute({
    streamId: streams.contractClause(data.period, data.supplierId),
    decider: contractClauseDecider,
    command: { type: 'RecordContractClause', data },
    context: { supplier, onProgramStream },
    metadata,
    occurredAt: executor.now(),
  });
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
    return recordContractClause(this.executor, data, metadata);
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
    return recordGrievance(this.executor, data, metadata);
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
