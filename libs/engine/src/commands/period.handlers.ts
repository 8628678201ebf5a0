import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { periodDecider, streams, type ClosePeriod, type OpenPeriod, type PeriodCommand, type PublishReport, type ReopenPeriod } from '@dd/domain';
import { BusCommand } from './bus-command';
import type { CommandMetadata } from './command-metadata';
import { StreamCommandExecutor } from './stream-command-executor';

export class OpenPeriodCommand extends BusCommand<OpenPeriod> {}
export class ClosePeriodCommand extends BusCommand<ClosePeriod> {}
export class ReopenPeriodCommand extends BusCommand<ReopenPeriod> {}
export class PublishReportCommand extends BusCommand<PublishReport> {}

/** Decided, and dated, by the engine clock: whether a report was on time is judged by the same "now" its event carries. */
function onPeriod(executor: StreamCommandExecutor, command: PeriodCommand, metadata: CommandMetadata) {
  const now = executor.now();
  return executor.execute({ streamId: streams.period(command.data.period), decider: periodDecider, command, context: { now }, metadata, occurredAt: now });
}

@CommandHandler(OpenPeriodCommand)
export class OpenPeriodHandler implements ICommandHandler<OpenPeriodCommand> {
  constructor(private readonly executor: StreamCommandExecutor) {}
  execute({ data, metadata }: OpenPeriodCommand) {
    return onPeriod(this.executor, { type: 'OpenPeriod', data }, metadata);
  }
}

@CommandHandler(ClosePeriodCommand)
export class ClosePeriodHandler implements ICommandHandler<ClosePeriodCommand> {
  constructor(private readonly executor: StreamCommandExecutor) {}
  execute({ data, metadata }: ClosePeriodCommand) {
    return onPeriod(this.executor, { type: 'ClosePeriod', data }, metadata);
  }
}

@CommandHandler(ReopenPeriodCommand)
export class ReopenPeriodHandler implements ICommandHandler<ReopenPeriodCommand> {
  constructor(private readonly executor: StreamCommandExecutor) {}
  execute({ data, metadata }: ReopenPeriodCommand) {
    return onPeriod(this.executor, { type: 'ReopenPeriod', data }, metadata);
  }
}

@CommandHandler(PublishReportCommand)
export class PublishReportHandler implements ICommandHandler<PublishReportCommand> {
  constructor(private readonly executor: StreamCommandExecutor) {}
  execute({ data, metadata }: PublishReportCommand) {
    return onPeriod(this.executor, { type: 'PublishReport', data }, metadata);
  }
}

export const periodHandlers = [OpenPeriodHandler, ClosePeriodHandler, ReopenPeriodHandler, PublishReportHandler];
