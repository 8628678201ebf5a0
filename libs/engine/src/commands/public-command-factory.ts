import type { Command } from '@nestjs/cqrs';
import type { PublicCommandName } from '@dd/domain';
import type { CommandMetadata, CommandResult } from './command-metadata';
import { RegisterSupplierCommand } from './register-supplier.handler';
import { FlagNonConflictFreeCommand } from './risk-command.handlers';
import { RecordResponseCommand, SendCMRTCommand, SendReminderCommand } from './survey-command.handlers';

/**
 * Turns a validated public command (by name, as posted to /commands/<name> or given to the CLI)
 * into the CommandBus message for its handler.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const factories: Record<PublicCommandName, (data: any, metadata: CommandMetadata) => Command<CommandResult>> = {
  RegisterSupplier: (data, metadata) => new RegisterSupplierCommand(data, metadata),
  SendCMRT: (data, metadata) => new SendCMRTCommand(data, metadata),
  SendReminder: (data, metadata) => new SendReminderCommand(data, metadata),
  RecordResponse: (data, metadata) => new RecordResponseCommand(data, metadata),
  FlagNonConflictFree: (data, metadata) => new FlagNonConflictFreeCommand(data, metadata),
};

export function busCommandFor(name: PublicCommandName, data: unknown, metadata: CommandMetadata): Command<CommandResult> {
  return factories[name](data, metadata);
}

