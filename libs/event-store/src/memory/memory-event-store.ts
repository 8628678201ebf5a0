import { CatchUpSubscription } from '../catch-up-subscription';
import type {
  AppendOptions,
  AppendResult,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '../event-envelope';
import type { EventStore } from '../event-store.port';
import { assertExpectedVersion, NO_STREAM_VERSION } from '../expected-version';
import { assertSameCommand } from '../command-fingerprint';
import { GENESIS_HASH } from '../hash-chain';
import { normaliseIsoTime } from '../iso-time';
import { assertAppendOptions, sealEvents } from '../seal-events';

/**
 * The whole log in process memory, for unit tests and throwaway "as of" replays. It seals events
 * exactly as the sqlite adapter does (log-chained: one writer, positions gap-free from 1) and hands
 * out copies, so a test cannot pass here because it mutated what the store holds.
 */
export class MemoryEventStore implements EventStore {
  readonly kind = 'memory' as const;
  /** Global log; an event's globalPosition is its index + 1. */
  private readonly log: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  /** eventId → the event, so readEvent is a lookup rather than a scan of the log. */
  private readonly byEventId = new Map<string, RecordedEvent>();
  private readonly commands = new Map<string, { result: AppendResult; fingerprint: string | undefined }>();
  private readonly subscriptions = new Set<CatchUpSubscription>();
  private closed = false;

  async appendToStream(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    this.assertOpen();
    assertAppendOptions(streamId, events, options);
    // Everything below runs without an await, so concurrent appends cannot interleave.
    const previous = this.commands.get(options.commandId);
    if (previous) {
      assertSameCommand(options.commandId, previous.result.streamId, previous.fingerprint, options.fingerprint);
      return { ...copyResult(previous.result), duplicate: true };
    }

    const stream = this.streams.get(streamId);
    const version = stream ? stream.length - 1 : NO_STREAM_VERSION;
    assertExpectedVersion(streamId, options.expectedVersion, version);
    // An empty append records nothing, not even its commandId: there is no result worth replaying.
    if (events.length === 0) {
      return { streamId, nextExpectedVersion: version, globalPositions: [], eventIds: [], duplicate: false };
    }

    const tip = { version, hash: stream ? stream[stream.length - 1].metadata.hash : GENESIS_HASH };
    const firstPosition = this.log.length + 1;
    const logTip = { position: this.log.length, hash: this.log.length ? this.log[this.log.length - 1].metadata.hash : GENESIS_HASH };
    const recorded = sealEvents(streamId, events, options, tip, undefined, logTip).map((sealed, index): RecordedEvent => ({
      type: sealed.type,
      // Round-trip through the stored JSON so reads return what sqlite and KurrentDB would.
      data: JSON.parse(sealed.dataJson),
      metadata: sealed.metadata,
      streamId,
      streamVersion: sealed.streamVersion,
      globalPosition: firstPosition + index,
    }));
    this.log.push(...recorded);
    for (const event of recorded) this.byEventId.set(event.metadata.eventId, event);
    if (stream) stream.push(...recorded);
    else this.streams.set(streamId, recorded.slice());

    const result: AppendResult = {
      streamId,
      nextExpectedVersion: recorded[recorded.length - 1].streamVersion,
      globalPositions: recorded.map((event) => event.globalPosition),
      eventIds: recorded.map((event) => event.metadata.eventId),
      duplicate: false,
    };
    this.commands.set(options.commandId, { result: copyResult(result), fingerprint: options.fingerprint });
    for (const subscription of this.subscriptions) subscription.notify();
    return result;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const stream = this.streams.get(streamId) ?? [];
    const from = Math.max(0, options.fromVersion ?? 0);
    const to = options.maxCount === undefined ? stream.length : from + Math.max(0, options.maxCount);
    return structuredClone(stream.slice(from, to));
  }

  async streamVersion(streamId: string): Promise<number> {
    this.assertOpen();
    const stream = this.streams.get(streamId);
    return stream ? stream.length - 1 : NO_STREAM_VERSION;
  }

  async readEvent(eventId: string): Promise<RecordedEvent | null> {
    this.assertOpen();
    const event = this.byEventId.get(eventId);
    return event ? structuredClone(event) : null;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const maxCount = options.maxCount ?? Number.POSITIVE_INFINITY;
    const until = options.recordedUntil === undefined ? undefined : normaliseIsoTime(options.recordedUntil);
    const selected: RecordedEvent[] = [];
    for (let index = Math.max(0, options.after ?? 0); index < this.log.length && selected.length < maxCount; index++) {
      const event = this.log[index];
      if (until === undefined || event.metadata.recordedAt <= until) selected.push(event);
    }
    return structuredClone(selected);
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    return this.log.length;
  }

  subscribe(options: SubscribeOptions): Subscription {
    this.assertOpen();
    const subscription: CatchUpSubscription = new CatchUpSubscription(
      {
        readAfter: (after, maxCount) => this.readAll({ after, maxCount }),
        headPosition: () => this.headPosition(),
      },
      options,
      { onEnded: () => this.subscriptions.delete(subscription) },
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  async findCommand(commandId: string, fingerprint?: string): Promise<AppendResult | null> {
    this.assertOpen();
    const recorded = this.commands.get(commandId);
    if (!recorded) return null;
    assertSameCommand(commandId, recorded.result.streamId, recorded.fingerprint, fingerprint);
    return { ...copyResult(recorded.result), duplicate: true };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    this.closed = true;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the memory event store is closed');
  }
}

function copyResult(result: AppendResult): AppendResult {
  return { ...result, globalPositions: result.globalPositions.slice(), eventIds: result.eventIds.slice() };
}
