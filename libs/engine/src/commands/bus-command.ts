import { Command } from '@nestjs/cqrs';
import type { CommandMetadata, CommandResult } from './command-metadata';

/**
 * The CommandBus message of a domain command: its validated data and who sends it how. Each
 * command has its own subclass because Nest routes commands to handlers by class.
 */
export abstract class BusCommand<Data> extends Command<CommandResult> {
  constructor(
    readonly data: Data,
    readonly metadata: CommandMetadata,
  ) {
    super();
  }
}
