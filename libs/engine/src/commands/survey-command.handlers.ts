import { Injectable } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  periodDecider,
  streams,
  supplierDecider,
  surveyDecider,
  type AcceptResponse,
  type ConfirmSmelterMatch,
  type EscalateNonResponse,
  type Finding,
  type RecordResponse,
  type RequestFollowUp,
  type ResolveFollowUp,
  type ResponseSource,
  type SendCMRT,
  type SendReminder,
  type SurveyCommand,
} from '@dd/domain';
import { BusCommand } from './bus-command';
import type { CommandMetadata, CommandResult } from './command-metadata';
import { ReferenceListCache } from './reference-list.cache';
import { StreamCommandExecutor } from './stream-command-executor';

export class SendCMRTCommand extends BusCommand<SendCMRT> {
  constructor(
    data: SendCMRT,
    metadata: CommandMetadata,
    /** Set by the campaign dispatcher: the campaign the request belongs to. */
    readonly campaignId?: string,
  ) {
    super(data, metadata);
  }
}
/** Issued by the reminder scheduler, not public: an unanswered request past due after its last reminder. */
export class EscalateNonResponseCommand extends BusCommand<EscalateNonResponse> {}
export class SendReminderCommand extends BusCommand<SendReminder> {}
export class AcceptResponseCommand extends BusCommand<AcceptResponse> {}
export class RequestFollowUpCommand extends BusCommand<RequestFollowUp> {}
export class ResolveFollowUpCommand extends BusCommand<ResolveFollowUp> {}
export class ConfirmSmelterMatchCommand extends BusCommand<ConfirmSmelterMatch> {}
export class RecordResponseCommand extends BusCommand<RecordResponse> {
  constructor(
    data: RecordResponse,
    metadata: CommandMetadata,
    /** Set by the CMRT upload: the file the declaration was read from, and what the reader noticed. */
    readonly upload?: { source: ResponseSource; readerFindings: Finding[] },
  ) {
    super(data, metadata);
  }
}

/** Every survey command acts on `survey-<period>-<supplierId>` with the supplier and reference list as context. */
@Injectable()
export class SurveyCommands {
  constructor(
    private readonly executor: StreamCommandExecutor,
    private readonly referenceList: ReferenceListCache,
  ) {}

  async decide(command: SurveyCommand, metadata: CommandMetadata, occurredAt?: string): Promise<CommandResult> {
    const { supplierId, period } = command.data;
    const supplier = (await this.executor.load(supplierDecider, streams.supplier(supplierId))).state;
    const policy = command.type === 'RecordResponse' ? (await this.executor.load(periodDecider, streams.period(period))).state.policy : undefined;
    const now = this.executor.now();
    return this.executor.execute({
      streamId: streams.survey(period, supplierId),
      decider: surveyDecider,
      command,
      context: {
        supplier,
        now,
        reference: await this.referenceList.current(),
        ...(policy?.oldestAcceptedTemplateVersion ? { oldestAcceptedTemplateVersion: policy.oldestAcceptedTemplateVersion } : {}),
      },
      metadata,
      // Business time is the engine clock's now (what the decider judged against) unless the command says
      // otherwise: reminders count days from a request's CMRTSent, and a demo year moves the clock.
      occurredAt: occurredAt ?? now,
    });
  }
}

@CommandHandler(SendCMRTCommand)
export class SendCMRTHandler implements ICommandHandler<SendCMRTCommand> {
  constructor(private readonly surveys: SurveyCommands) {}
  execute({ data, metadata, campaignId }: SendCMRTCommand) {
    return this.surveys.decide({ type: 'SendCMRT', data, ...(campaignId ? { campaignId } : {}) }, metadata);
  }
}

@CommandHandler(SendReminderCommand)
export class SendReminderHandler implements ICommandHandler<SendReminderCommand> {
  constructor(private readonly surveys: SurveyCommands) {}
  execute({ data, metadata }: SendReminderCommand) {
    return this.surveys.decide({ type: 'SendReminder', data }, metadata);
  }
}

@CommandHandler(RecordResponseCommand)
export class RecordResponseHandler implements ICommandHandler<RecordResponseCommand> {
  constructor(private readonly surveys: SurveyCommands) {}
  execute({ data, metadata, upload }: RecordResponseCommand) {
    // The business time of a response is when the supplier's answer arrived, not when we keyed it.
    const occurredAt = data.receivedAt ? new Date(data.receivedAt).toISOString() : undefined;
    return this.surveys.decide({ type: 'RecordResponse', data, source: upload?.source, readerFindings: upload?.readerFindings }, metadata, occurredAt);
  }
}

@CommandHandler(AcceptResponseCommand)
export class AcceptResponseHandler implements ICommandHandler<AcceptResponseCommand> {
  constructor(private readonly surveys: SurveyCommands) {}
  execute({ data, metadata }: AcceptResponseCommand) {
    return this.surveys.decide({ type: 'AcceptResponse', data }, metadata);
  }
}

@CommandHandler(RequestFollowUpCommand)
export class RequestFollowUpHandler implements ICommandHandler<RequestFollowUpCommand> {
  constructor(private readonly surveys: SurveyCommands) {}
  execute({ data, metadata }: RequestFollowUpCommand) {
    return this.surveys.decide({ type: 'RequestFollowUp', data }, metadata);
  }
}

@CommandHandler(ResolveFollowUpCommand)
export class ResolveFollowUpHandler implements ICommandHandler<ResolveFollowUpCommand> {
  constructor(private readonly surveys: SurveyCommands) {}
  execute({ data, metadata }: ResolveFollowUpCommand) {
    return this.surveys.decide({ type: 'ResolveFollowUp', data }, metadata);
  }
}

@CommandHandler(ConfirmSmelterMatchCommand)
export class ConfirmSmelterMatchHandler implements ICommandHandler<ConfirmSmelterMatchCommand> {
  constructor(private readonly surveys: SurveyCommands) {}
  execute({ data, metadata }: ConfirmSmelterMatchCommand) {
    return this.surveys.decide({ type: 'ConfirmSmelterMatch', data }, metadata);
  }
}

@CommandHandler(EscalateNonResponseCommand)
export class EscalateNonResponseHandler implements ICommandHandler<EscalateNonResponseCommand> {
  constructor(private readonly surveys: SurveyCommands) {}
  execute({ data, metadata }: EscalateNonResponseCommand) {
    return this.surveys.decide({ type: 'EscalateNonResponse', data }, metadata);
  }
}

export const surveyCommandHandlers = [
  SendCMRTHandler,
  SendReminderHandler,
  RecordResponseHandler,
  AcceptResponseHandler,
  RequestFollowUpHandler,
  ResolveFollowUpHandler,
  ConfirmSmelterMatchHandler,
  EscalateNonResponseHandler,
];
