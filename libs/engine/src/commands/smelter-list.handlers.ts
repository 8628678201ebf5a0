import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { referenceListDecider, rmapStatusDecider, streams, type ImportReferenceList, type ImportRmapStatusList } from '@dd/domain';
import { BusCommand } from './bus-command';
import { StreamCommandExecutor } from './stream-command-executor';

export class ImportReferenceListCommand extends BusCommand<ImportReferenceList> {}
export class ImportRmapStatusListCommand extends BusCommand<ImportRmapStatusList> {}

@CommandHandler(ImportReferenceListCommand)
export class ImportReferenceListHandler implements ICommandHandler<ImportReferenceListCommand> {
  constructor(private readonly executor: StreamCommandExecutor) {}
  execute({ data, metadata }: ImportReferenceListCommand) {
    return this.executor.execute({ streamId: streams.referenceList(), decider: referenceListDecider, command: data, commandName: 'ImportReferenceList', context: undefined, metadata, occurredAt: `${data.asOf}T00:00:00.000Z` });
  }
}

@CommandHandler(ImportRmapStatusListCommand)
export class ImportRmapStatusListHandler implements ICommandHandler<ImportRmapStatusListCommand> {
  constructor(private readonly executor: StreamCommandExecutor) {}
  execute({ data, metadata }: ImportRmapStatusListCommand) {
    return this.executor.execute({ streamId: streams.rmapStatus(), decider: rmapStatusDecider, command: data, commandName: 'ImportRmapStatusList', context: undefined, metadata, occurredAt: `${data.asOf}T00:00:00.000Z` });
  }
}

export const smelterListHandlers = [ImportReferenceListHandler, ImportRmapStatusListHandler];
