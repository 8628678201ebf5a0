import type { Command } from '@nestjs/cqrs';
import type { PublicCommandName } from '@dd/domain';
import type { CommandMetadata, CommandResult } from './command-metadata';
import { RegisterSupplierCommand } from './register-supplier.handler';
import { FlagNonConflictFreeCommand } from './risk-command.handlers';
import { ImportReferenceListCommand, ImportRmapStatusListCommand } from './smelter-list.handlers';
import {
  AcceptResponseCommand,
  ConfirmSmelterMatchCommand,
  RecordResponseCommand,
  RequestFollowUpCommand,
  ResolveFollowUpCommand,
  SendCMRTCommand,
  SendReminderCommand,
} from './survey-command.handlers';

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
  AcceptResponse: (data, metadata) => new AcceptResponseCommand(data, metadata),
  RequestFollowUp: (data, metadata) => new RequestFollowUpCommand(data, metadata),
  ResolveFollowUp: (data, metadata) => new ResolveFollowUpCommand(data, metadata),
  ConfirmSmelterMatch: (data, metadata) => new ConfirmSmelterMatchCommand(data, metadata),
  ImportReferenceList: (data, metadata) => new ImportReferenceListCommand(data, metadata),
  ImportRmapStatusList: (data, metadata) => new ImportRmapStatusListCommand(data, metadata),
  FlagNonConflictFree: (data, metadata) => new FlagNonConflictFreeCommand(data, metadata),
};

export function busCommandFor(name: PublicCommandName, data: unknown, metadata: CommandMetadata): Command<CommandResult> {
  return factories[name](data, metadata);
}

