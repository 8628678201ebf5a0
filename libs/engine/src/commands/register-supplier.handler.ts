import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { streams, supplierDecider, type RegisterSupplier } from '@dd/domain';
import { BusCommand } from './bus-command';
import type { CommandResult } from './command-metadata';
import { StreamCommandExecutor } from './stream-command-executor';

export class RegisterSupplierCommand extends BusCommand<RegisterSupplier> {}

@CommandHandler(RegisterSupplierCommand)
export class RegisterSupplierHandler implements ICommandHandler<RegisterSupplierCommand> {
  constructor(private readonly executor: StreamCommandExecutor) {}

  async execute({ data, metadata }: RegisterSupplierCommand): Promise<CommandResult> {
    const parent = data.parentSupplierId
      ? (await this.executor.load(supplierDecider, streams.supplier(data.parentSupplierId))).state
      : undefined;
    return this.executor.execute({
      streamId: streams.supplier(data.supplierId),
      decider: supplierDecider,
      command: { type: 'RegisterSupplier', data },
      context: { parent },
      metadata,
    });
  }
}
