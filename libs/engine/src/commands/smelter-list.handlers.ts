import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  referenceListDecider,
  rmapStatusDecider,
  streams,
  type ImportReferenceList,
  type ImportRmapStatusList,
  type ReferenceListCommand,
  type RmapStatusCommand,
  type WithdrawReferenceList,
  type WithdrawRmapStatusList,
} from '@dd/domain';
import { BusCommand } from './bus-command';
import type { CommandMetadata } from './command-metadata';
import { StreamCommandExecutor } from './stream-command-executor';

export class ImportReferenceListCommand extends BusCommand<ImportReferenceList> {}
export class ImportRmapStatusListCommand extends BusCommand<ImportRmapStatusList> {}
export class WithdrawReferenceListCommand extends BusCommand<WithdrawReferenceList> {}
export class WithdrawRmapStatusListCommand extends BusCommand<WithdrawRmapStatusList> {}

/**
 * Judged by the engine clock (a list may not be dated after tomorrow). An import's business time is
 * its list's date; a withdrawal happens when it is decided.
 */
function onReferenceList(executor: StreamCommandExecutor, command: ReferenceListCommand, metadata: CommandMetadata) {
  const now = executor.now();
  const occurredAt = command.type === 'ImportReferenceList' ? `${command.data.asOf}T00:00:00.000Z` : now;
  return executor.execute({ streamId: streams.referenceList(), decider: referenceListDecider, command, context: { now }, metadata, occurredAt });
}

function onRmapStatus(executor: StreamCommandExecutor, command: RmapStatusCommand, metadata: CommandMetadata) {
  const now = executor.now();
  const occurredAt = command.type === 'ImportRmapStatusList' ? `${command.data.asOf}T00:00:00.000Z` : now;
  return executor.execute({ streamId: streams.rmapStatus(), decider: rmapStatusDecider, command, context: { now }, metadata, occurredAt });
}

@CommandHandler(ImportReferenceListCommand)
export class ImportReferenceListHandler implements ICommandHandler<ImportReferenceListCommand> {
  constructor(private readonly executor: StreamCommandExecutor) {}
  execute({ data, metadata }: ImportReferenceListCommand) {
    return onReferenceList(this.executor, { type: 'ImportReferenceList', data }, metadata);
  }
}

@CommandHandler(WithdrawReferenceListCommand)
export class WithdrawReferenceListHandler implements ICommandHandler<WithdrawReferenceListCommand> {
  constructor(private readonly executor: StreamCommandExecutor) {}
  execute({ data, metadata }: WithdrawReferenceListCommand) {
    return onReferenceList(this.executor, { type: 'WithdrawReferenceList', data }, metadata);
  }
}

@CommandHandler(ImportRmapStatusListCommand)
export class ImportRmapStatusListHandler implements ICommandHandler<ImportRmapStatusListCommand> {
  constructor(private readonly executor: StreamCommandExecutor) {}
  execute({ data, metadata }: ImportRmapStatusListCommand) {
    return onRmapStatus(this.executor, { type: 'ImportRmapStatusList', data }, metadata);
  }
}

@CommandHandler(WithdrawRmapStatusListCommand)
export class WithdrawRmapStatusListHandler implements ICommandHandler<WithdrawRmapStatusListCommand> {
  constructor(private readonly executor: StreamCommandExecutor) {}
  execute({ data, metadata }: WithdrawRmapStatusListCommand) {
    return onRmapStatus(this.executor, { type: 'WithdrawRmapStatusList', data }, metadata);
  }
}

export const smelterListHandlers = [ImportReferenceListHandler, WithdrawReferenceListHandler, ImportRmapStatusListHandler, WithdrawRmapStatusListHandler];
