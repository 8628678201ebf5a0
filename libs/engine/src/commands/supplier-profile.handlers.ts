import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { streams, supplierDecider, type AddSupplierContact, type AssignSupplierOwner, type ChangeSupplierStatus, type SupplierCommand } from '@dd/domain';
import { BusCommand } from './bus-command';
import type { CommandMetadata } from './command-metadata';
import { StreamCommandExecutor } from './stream-command-executor';

export class AddSupplierContactCommand extends BusCommand<AddSupplierContact> {}
export class AssignSupplierOwnerCommand extends BusCommand<AssignSupplierOwner> {}
export class ChangeSupplierStatusCommand extends BusCommand<ChangeSupplierStatus> {}

function onSupplier(executor: StreamCommandExecutor, command: SupplierCommand, metadata: CommandMetadata) {
  return executor.execute({ streamId: streams.supplier(command.data.supplierId), decider: supplierDecider, command, context: {}, metadata });
}

@CommandHandler(AddSupplierContactCommand)
export class AddSupplierContactHandler implements ICommandHandler<AddSupplierContactCommand> {
  constructor(private readonly executor: StreamCommandExecutor) {}
  execute({ data, metadata }: AddSupplierContactCommand) {
    return onSupplier(this.executor, { type: 'AddSupplierContact', data }, metadata);
  }
}

@CommandHandler(AssignSupplierOwnerCommand)
export class AssignSupplierOwnerHandler implements ICommandHandler<AssignSupplierOwnerCommand> {
  constructor(private readonly executor: StreamCommandExecutor) {}
  execute({ data, metadata }: AssignSupplierOwnerCommand) {
    return onSupplier(this.executor, { type: 'AssignSupplierOwner', data }, metadata);
  }
}

@CommandHandler(ChangeSupplierStatusCommand)
export class ChangeSupplierStatusHandler implements ICommandHandler<ChangeSupplierStatusCommand> {
  constructor(private readonly executor: StreamCommandExecutor) {}
  execute({ data, metadata }: ChangeSupplierStatusCommand) {
    return onSupplier(this.executor, { type: 'ChangeSupplierStatus', data }, metadata);
  }
}

export const supplierProfileHandlers = [AddSupplierContactHandler, AssignSupplierOwnerHandler, ChangeSupplierStatusHandler];
