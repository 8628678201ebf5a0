import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  streams,
  supplierDecider,
  surveyDecider,
  type RecordResponse,
  type ResponseSource,
  type SendCMRT,
  type SendReminder,
  type SurveyCommand,
} from '@dd/domain';
import type { CommandMetadata, CommandResult } from './command-metadata';
import { StreamCommandExecutor } from './stream-command-executor';

export class SendCMRTCommand extends Command<CommandResult> {
  constructor(readonly data: SendCMRT, readonly metadata: CommandMetadata) {
    super();
  }
}
export class SendReminderCommand extends Command<CommandResult> {
  constructor(readonly data: SendReminder, readonly metadata: CommandMetadata) {
    super();
  }
}
export class RecordResponseCommand extends Command<CommandResult> {
  constructor(
    readonly data: RecordResponse,
    readonly metadata: CommandMetadata,
    /** Set by the CMRT upload: the file the declaration was read from. */
    readonly source?: ResponseSource,
  ) {
    super();
  }
}

/** All survey commands act on `survey-<period>-<supplierId>` and need the supplier's state. */
async function decideOnSurvey(executor: StreamCommandExecutor, command: SurveyCommand, metadata: CommandMetadata, occurredAt?: string) {
  const { supplierId, period } = command.data;
  const supplier = (await executor.load(supplierDecider, streams.supplier(supplierId))).state;
  return executor.execute({
    streamId: streams.survey(period, supplierId),
    decider: surveyDecider,
    command,
    context: { supplier, now: executor.now() },
    metadata,
    occurredAt,
  });
}

@CommandHandler(SendCMRTCommand)
export class SendCMRTHandler implements ICommandHandler<SendCMRTCommand> {
  constructor(private readonly executor: StreamCommandExecutor) {}
  execute({ data, metadata }: SendCMRTCommand): Promise<CommandResult> {
    return decideOnSurvey(this.executor, { type: 'SendCMRT', data }, metadata);
  }
}

@CommandHandler(SendReminderCommand)
export class SendReminderHandler implements ICommandHandler<SendReminderCommand> {
  constructor(private readonly executor: StreamCommandExecutor) {}
  execute({ data, metadata }: SendReminderCommand): Promise<CommandResult> {
    return decideOnSurvey(this.executor, { type: 'SendReminder', data }, metadata);
  }
}

@CommandHandler(RecordResponseCommand)
export class RecordResponseHandler implements ICommandHandler<RecordResponseCommand> {
  constructor(private readonly executor: StreamCommandExecutor) {}
  execute({ data, metadata, source }: RecordResponseCommand): Promise<CommandResult> {
    // The business time of a response is when the supplier's answer arrived, not when we keyed it.
    const occurredAt = data.receivedAt ? new Date(data.receivedAt).toISOString() : undefined;
    return decideOnSurvey(this.executor, { type: 'RecordResponse', data, source }, metadata, occurredAt);
  }
}
