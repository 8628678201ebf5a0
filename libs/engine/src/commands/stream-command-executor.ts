import { Inject, Injectable } from '@nestjs/common';
import { eventSchemaFor, foldState, type Decider, type DomainEvent } from '@dd/domain';
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
  /** The command's name in its fingerprint, for commands that carry no `type` (e.g. ImportReferenceList). */
  commandName?: string;
}

/**
 * The fingerprint kept with the commandId: the command's name and its validated data. What else a
 * handler hands the decider (the file a CMRT response was read from, the campaign a request belongs
 * to) is not the client's to vary under one key and stays out of it.
 */
export function fingerprintOf(request: Pick<StreamCommand<unknown, DomainEvent, unknown, unknown>, 'command' | 'commandName' | 'streamId'>): string {
  const command = request.command as { type?: unknown; data?: unknown } | null;
  const typed = command !== null && typeof command === 'object' && typeof command.type === 'string' && 'data' in command;
  const name = request.commandName ?? (typed ? (command.type as string) : `command on ${request.streamId}`);
  return commandFingerprint(name, typed ? command.data : command);
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
    decider: Pick<Decider<unknown, Event, State, unknown>, 'initialState' | 'evolve'>,
    streamId: string,
  ): Promise<{ state: State; version: number }> {
    const events = await this.store.readStream(streamId);
    const state = foldState(decider, events as unknown as Event[]);
    return { state, version: events.length === 0 ? -1 : events[events.length - 1].streamVersion };
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

  async execute<Command, Event extends DomainEvent, State, Context>(
    request: StreamCommand<Command, Event, State, Context>,
  ): Promise<CommandResult> {
    const fingerprint = fingerprintOf(request);
    const earlier = await this.previousResult(request.metadata.commandId, fingerprint);
    if (earlier) return earlier;
    for (let attempt = 0; ; attempt++) {
      const { state, version } = await this.load(request.decider, request.streamId);
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
    throw new Error(`decider produced an invalid ${event.type}: ${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
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
