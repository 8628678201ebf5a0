import { Inject, Injectable } from '@nestjs/common';
import {
  CommandRefused,
  eventSchemaFor,
  foldState,
  periodDecider,
  periodOfStream,
  refuseChangesToClosedPeriod,
  streams,
  type Decider,
  type DomainEvent,
} from '@dd/domain';
import { commandFingerprint, ExpectedVersionConflictError, type AppendResult, type EventStore } from '@dd/event-store';
import { CLOCK, EVENT_STORE, type Clock } from '../tokens';
import type { CommandMetadata, CommandResult } from './command-metadata';

/** Without an If-Match, a command that lost a race re-reads its stream and decides again. */
const RETRIES_ON_CONFLICT = 3;

export interface StreamCommand<Command, Event extends DomainEvent, State, Context> {
  streamId: string;
  decider: Decider<Command, Event, State, Context>;
  command: Command;
  /** Facts from other streams the decider needs (loaded by the handler). */
  context: Context;
  metadata: CommandMetadata;
  /** Business time of the resulting events, when it differs from now (e.g. a response's receipt). */
  occurredAt?: string;
  /**
   * The business time its sender stated (recording history), when it did: part of the command's
   * fingerprint, and never before the business time of the stream's first event.
   */
  statedOccurredAt?: string;
  /** The reporting year whose records the command changes, when the stream's name does not say it (a campaign). */
  period?: number;
  /** The command's name in its fingerprint, for commands that carry no `type` (e.g. ImportReferenceList). */
  commandName?: string;
}

/**
 * The fingerprint kept with the commandId: the command's name and its validated data. What else a
 * handler hands the decider (the file a CMRT response was read from, the campaign a request belongs
 * to) is not the client's to vary under one key and stays out of it.
 */
export function fingerprintOf(
  request: Pick<StreamCommand<unknown, DomainEvent, unknown, unknown>, 'command' | 'commandName' | 'streamId' | 'statedOccurredAt'>,
): string {
  const command = request.command as { type?: unknown; data?: unknown } | null;
  const typed = command !== null && typeof command === 'object' && typeof command.type === 'string' && 'data' in command;
  const name = request.commandName ?? (typed ? (command.type as string) : `command on ${request.streamId}`);
  const data = typed ? command.data : command;
  // A stated business time is part of what the sender says happened: the same key dated otherwise is another command.
  return commandFingerprint(name, request.statedOccurredAt === undefined ? data : { data, occurredAt: request.statedOccurredAt });
}

/**
 * The one way commands change the log: fold the stream, let the pure decider decide, append with
 * optimistic concurrency and the commandId as idempotency key, kept with the command's fingerprint:
 * the same key with another command or body is refused (IdempotencyKeyReusedError) before anything
 * is decided, and again by the store inside its write if two such commands race. Handlers stay a
 * few lines long.
 */
@Injectable()
export class StreamCommandExecutor {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  now(): string {
    return this.clock.now().toISOString();
  }

  /** Folds a stream into a decider's state; version -1 when the stream does not exist. */
  async load<Event extends DomainEvent, State>(
    decider: Pick<Decider<never, Event, State, unknown>, 'initialState' | 'evolve' | 'latestEventOnly'>,
    streamId: string,
    command?: unknown,
  ): Promise<{ state: State; version: number }> {
    const latestOnly =
      typeof decider.latestEventOnly === 'function'
        ? command !== undefined && (decider.latestEventOnly as (command: unknown) => boolean)(command)
        : decider.latestEventOnly === true;
    const events = latestOnly ? await this.latestEvent(streamId) : await this.store.readStream(streamId);
    const state = foldState(decider, events as unknown as Event[]);
    return { state, version: events.length === 0 ? -1 : events[events.length - 1].streamVersion };
  }

  /** The stream's last event alone ([] when there is none); the version read is that event's. */
  private async latestEvent(streamId: string) {
    const version = await this.store.streamVersion(streamId);
    return version === -1 ? [] : this.store.readStream(streamId, { fromVersion: version, maxCount: 1 });
  }

  /**
   * The earlier result of this commandId, so a retried request is answered without deciding again.
   * Given the fingerprint of the command at hand, throws IdempotencyKeyReusedError when the commandId
   * was used for another command.
   */
  async previousResult(commandId: string, fingerprint?: string): Promise<CommandResult | null> {
    const earlier = await this.store.findCommand(commandId, fingerprint);
    return earlier ? toCommandResult(earlier) : null;
  }

  /**
   * Closed means closed (libs/domain/src/period/closed-period.rule.ts), checked here once for every
   * command rather than in each handler: the year comes from the stream's name (survey, risk,
   * programme) or from the handler (a campaign). A command the store already answered got its first
   * result before this, so a retry of something accepted before the close still gets its answer.
   */
  private async refuseChangesToClosedPeriod(request: { streamId: string; period?: number }): Promise<void> {
    const period = request.period ?? periodOfStream(request.streamId);
    if (period === null) return;
    refuseChangesToClosedPeriod(period, (await this.load(periodDecider, streams.period(period))).state);
  }

  /**
   * Nothing happens to a thing before it exists: a stated business time before the first event of its
   * stream (a response before its request, a contact before the supplier) is refused. Later events
   * may be dated before one another: a correction is a later record with the right, earlier, time
   * (docs/business-time.md).
   */
  private async refuseBeforeStreamBegan(streamId: string, stated: string): Promise<void> {
    const [first] = await this.store.readStream(streamId, { fromVersion: 0, maxCount: 1 });
    if (first === undefined || Date.parse(stated) >= Date.parse(first.metadata.occurredAt)) return;
    throw new CommandRefused(
      'occurred-before-stream-began',
      `occurredAt ${stated} lies before ${streamId} began (${first.type}, ${first.metadata.occurredAt}): nothing happens to it before that`,
    );
  }

  async execute<Command, Event extends DomainEvent, State, Context>(
    request: StreamCommand<Command, Event, State, Context>,
  ): Promise<CommandResult> {
    const fingerprint = fingerprintOf(request);
    const earlier = await this.previousResult(request.metadata.commandId, fingerprint);
    if (earlier) return earlier;
    await this.refuseChangesToClosedPeriod(request);
    if (request.statedOccurredAt !== undefined) await this.refuseBeforeStreamBegan(request.streamId, request.statedOccurredAt);
    for (let attempt = 0; ; attempt++) {
      const { state, version } = await this.load(request.decider, request.streamId, request.command);
      const events = request.decider.decide(request.command, state, request.context);
      for (const event of events) assertEventShape(event);
      if (events.length === 0) {
        return { streamId: request.streamId, streamVersion: version, globalPosition: null, eventIds: [], duplicate: false };
      }
      const { metadata } = request;
      try {
        const appended = await this.store.appendToStream(request.streamId, events, {
          expectedVersion: metadata.expectedVersion ?? (version === -1 ? 'no_stream' : version),
          commandId: metadata.commandId,
          fingerprint,
          actor: metadata.actor,
          correlationId: metadata.correlationId,
          causationId: metadata.causationId,
          occurredAt: request.occurredAt,
        });
        return toCommandResult(appended);
      } catch (error) {
        const mayRetry = metadata.expectedVersion === undefined && attempt < RETRIES_ON_CONFLICT;
        if (!(error instanceof ExpectedVersionConflictError) || !mayRetry) throw error;
      }
    }
  }
}

function assertEventShape(event: DomainEvent): void {
  const schema = eventSchemaFor(event.type);
  if (!schema) throw new Error(`decider produced an unregistered event type ${event.type}`);
  const checked = schema.safeParse(event.data);
  if (!checked.success) {
    throw new Error(
      `decider produced an invalid ${event.type}: ${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
}

export function toCommandResult(appended: AppendResult): CommandResult {
  return {
    streamId: appended.streamId,
    streamVersion: appended.nextExpectedVersion,
    globalPosition: appended.globalPositions.length ? appended.globalPositions[appended.globalPositions.length - 1] : null,
    eventIds: appended.eventIds,
    duplicate: appended.duplicate,
  };
}
