import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  productDecider,
  streams,
  supplierDecider,
  type DetermineProductMetals,
  type LinkProductSupplier,
  type ProductCommand,
  type RegisterProduct,
} from '@dd/domain';
import { BusCommand } from './bus-command';
import type { CommandMetadata } from './command-metadata';
import { StreamCommandExecutor } from './stream-command-executor';

export class RegisterProductCommand extends BusCommand<RegisterProduct> {}
export class DetermineProductMetalsCommand extends BusCommand<DetermineProductMetals> {}
export class LinkProductSupplierCommand extends BusCommand<LinkProductSupplier> {}

async function onProduct(executor: StreamCommandExecutor, command: ProductCommand, metadata: CommandMetadata) {
  const supplier =
    command.type === 'LinkProductSupplier' ? (await executor.load(supplierDecider, streams.supplier(command.data.supplierId))).state : undefined;
  return executor.execute({ streamId: streams.product(command.data.productId), decider: productDecider, command, context: { supplier }, metadata });
}

@CommandHandler(RegisterProductCommand)
export class RegisterProductHandler implements ICommandHandler<RegisterProductCommand> {
  constructor(private readonly executor: StreamCommandExecutor) {}
  execute({ data, metadata }: RegisterProductCommand) {
    return onProduct(this.executor, { type: 'RegisterProduct', data }, metadata);
  }
}

@CommandHandler(DetermineProductMetalsCommand)
export class DetermineProductMetalsHandler implements ICommandHandler<DetermineProductMetalsCommand> {
  constructor(private readonly executor: StreamCommandExecutor) {}
  execute({ data, metadata }: DetermineProductMetalsCommand) {
    return onProduct(this.executor, { type: 'DetermineProductMetals', data }, metadata);
  }
}

@CommandHandler(LinkProductSupplierCommand)
export class LinkProductSupplierHandler implements ICommandHandler<LinkProductSupplierCommand> {
  constructor(private readonly executor: StreamCommandExecutor) {}
  execute({ data, metadata }: LinkProductSupplierCommand) {
    return onProduct(this.executor, { type: 'LinkProductSupplier', data }, metadata);
  }
}

export const productHandlers = [RegisterProductHandler, DetermineProductMetalsHandler, LinkProductSupplierHandler];
