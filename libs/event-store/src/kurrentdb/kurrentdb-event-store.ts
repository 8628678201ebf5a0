import {
  BACKWARDS,
  END,
  excludeSystemEvents,
  jsonEvent,
  KurrentDBClient,
  NO_STREAM,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AppendStreamState,
  type ReadStreamOptions as ClientReadStreamOptions,
  type ResolvedEvent,
} from '@kurrent/kurrentdb-client';
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
import { assertSameCommand } from '../command-fingerprint';
import { eventIdFor } from '../event-ids';
import type { EventStore } from '../event-store.port';
import { EventLookupUnsupportedError, ExpectedVersionConflictError } from '../errors';
import { assertExpectedVersion, NO_STREAM_VERSION } from '../expected-version';
import { GENESIS_HASH } from '../hash-chain';
import { normaliseIsoTime } from '../iso-time';
import { assertAppendOptions, sealEvents } from '../seal-events';
import { COMMAND_FINGERPRINT_KEY, readPositionAfter, toRecordedEvent } from './kurrentdb-events';
import { KurrentDbSubscription } from './kurrentdb-subscription';

/**
 * Command index: one tiny stream per commandId holding the AppendResult of its append. Its event
 * type starts with '$', so the server-side excludeSystemEvents() filter keeps it out of readAll
 * and subscriptions, while the stream itself stays a user stream that needs no admin rights.
 */
export const COMMAND_STREAM_PREFIX = 'dd-command-';
const COMMAND_EVENT_TYPE = '$dd-command-recorded';

/** Appends with expectedVersion 'any' or 'stream_exists' retry this often when a writer races them. */
const MAX_APPEND_ATTEMPTS = 10;

type StoredCommand = Omit<AppendResult, 'duplicate'> & { fingerprint?: string };

interface StreamTail {
  version: number;
  hash: string;
  commandId: string;
  fingerprint: string | undefined;
}

/**
 * Thin adapter over @kurrent/kurrentdb-client for deployments that outgrow one machine.
 *
 * Idempotency. KurrentDB de-duplicates equal event ids only for a retry at the same expected
 * revision, and not at all across streams, so a commandId is recorded in its own index stream
 * (`dd-command-<commandId>`, written with NO_STREAM) after the events are committed. The two
 * writes are not atomic; the gap is closed on the retry instead: if the stream's last event
 * already carries the retried commandId, the earlier attempt committed, and its result is
 * rebuilt from the stream and indexed. Two racing copies of one command append the same ids at
 * the same revision, which the server treats as one write.
 *
 * Fingerprints. The command's fingerprint is kept in the index stream's record and, for the retry
 * that has to rebuild a lost record, in each event's metadata beside (not under) the hash.
 *
 * Hash chain. Each append reads the stream's last event and appends at exactly that revision,
 * so no other writer can slip in between the link and the event it links to. Events are
 * stream-chained only: the log-wide chain needs the previous event of the whole log at append time,
 * i.e. one serialising writer, which KurrentDB (many writers, server-assigned positions) does not have.
 * A seal (audit seal) still covers the order and completeness of the whole log up to its head.
 */
export class KurrentDbEventStore implements EventStore {
  readonly kind = 'kurrentdb' as const;
  private readonly client: KurrentDBClient;
  private readonly subscriptions = new Set<KurrentDbSubscription>();

  /** Accepts kurrentdb://, kurrent://, kdb:// and the older esdb:// connection strings. */
  constructor(connectionString: string) {
    // The client still understands esdb:// but warns on every connection; say it the new way.
    this.client = KurrentDBClient.connectionString(connectionString.replace(/^esdb(\+discover)?:\/\//, 'kurrentdb$1://'));
  }

  async appendToStream(streamId: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    assertAppendOptions(streamId, events, options);
    if (streamId.startsWith('$') || streamId.startsWith(COMMAND_STREAM_PREFIX)) {
      throw new TypeError(`stream ids starting with '$' or '${COMMAND_STREAM_PREFIX}' are reserved: ${streamId}`);
    }
    const retriesOnConflict =
      options.expectedVersion === undefined || options.expectedVersion === 'any' || options.expectedVersion === 'stream_exists';

    for (let attempt = 1; ; attempt++) {
      const previous = await this.findCommand(options.commandId, options.fingerprint);
      if (previous) return previous;

      const tail = await this.readTail(streamId);
      if (tail && tail.commandId === options.commandId) {
        assertSameCommand(options.commandId, streamId, tail.fingerprint, options.fingerprint);
        return this.recoverCommand(streamId, options.commandId, tail.fingerprint);
      }
      const version = tail ? tail.version : NO_STREAM_VERSION;
      assertExpectedVersion(streamId, options.expectedVersion, version);
      // An empty append records nothing, not even its commandId: there is no result worth replaying.
      if (events.length === 0) {
        return { streamId, nextExpectedVersion: version, globalPositions: [], eventIds: [], duplicate: false };
      }

      const sealed = sealEvents(streamId, events, options, { version, hash: tail ? tail.hash : GENESIS_HASH });
      const streamState: AppendStreamState = tail ? BigInt(tail.version) : NO_STREAM;
      try {
        await this.client.appendToStream(
          streamId,
          sealed.map((event) =>
            jsonEvent({
              id: event.metadata.eventId,
              type: event.type,
              data: JSON.parse(event.dataJson),
              metadata: withFingerprint(JSON.parse(event.metadataJson), options.fingerprint),
            }),
          ),
          { streamState },
        );
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (!retriesOnConflict || attempt >= MAX_APPEND_ATTEMPTS) {
          const actual = typeof error.actualState === 'bigint' ? Number(error.actualState) : NO_STREAM_VERSION;
          throw new ExpectedVersionConflictError(streamId, options.expectedVersion ?? 'any', actual);
        }
        await delay(Math.random() * 10 * attempt);
        continue;
      }

      const written = await this.readRaw(streamId, { fromRevision: BigInt(version + 1), maxCount: sealed.length });
      // The server takes an append of event ids it already holds at that revision for a retry, whatever
      // the events say: a racing command with the same id and another fingerprint lands here.
      assertSameCommand(options.commandId, streamId, storedFingerprint(written[0]), options.fingerprint);
      const appended = written.map(toRecordedEvent).filter((event): event is RecordedEvent => event !== null);
      const result: StoredCommand = {
        streamId,
        nextExpectedVersion: sealed[sealed.length - 1].streamVersion,
        globalPositions: appended.map(requirePosition),
        eventIds: sealed.map((event) => event.metadata.eventId),
        ...(options.fingerprint ? { fingerprint: options.fingerprint } : {}),
      };
      const recorded = await this.recordCommand(options.commandId, result, options.fingerprint);
      return { ...withoutFingerprint(recorded), duplicate: recorded !== result };
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    if (options.maxCount !== undefined && options.maxCount <= 0) return [];
    return this.readEvents(streamId, {
      fromRevision: BigInt(Math.max(0, options.fromVersion ?? 0)),
      ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
    });
  }

  async streamVersion(streamId: string): Promise<number> {
    const [last] = await this.readEvents(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 });
    return last ? last.streamVersion : NO_STREAM_VERSION;
  }

  /**
   * KurrentDB finds events by stream and revision or by log position, never by id, and this adapter
   * writes no id index (it would double every append). Finding one would mean scanning $all, which
   * no request should be able to trigger; so it says it cannot, and callers locate the event by
   * its stream and version instead (the engine asks the audit trail read model for those).
   */
  async readEvent(_eventId: string): Promise<RecordedEvent | null> {
    throw new EventLookupUnsupportedError(this.kind);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const after = options.after ?? 0;
    const maxCount = options.maxCount ?? Number.POSITIVE_INFINITY;
    const until = options.recordedUntil === undefined ? undefined : normaliseIsoTime(options.recordedUntil);
    const selected: RecordedEvent[] = [];
    if (maxCount <= 0) return selected;
    // recordedAt is our clock, not the log's order, so the bound filters rather than ends the read.
    for await (const resolved of this.client.readAll({ fromPosition: readPositionAfter(after), filter: excludeSystemEvents() })) {
      const event = toRecordedEvent(resolved);
      if (!event || !(event.globalPosition > after)) continue;
      if (until !== undefined && event.metadata.recordedAt > until) continue;
      selected.push(event);
      if (selected.length >= maxCount) break;
    }
    return selected;
  }

  async headPosition(): Promise<number> {
    for await (const resolved of this.client.readAll({ direction: BACKWARDS, fromPosition: END, filter: excludeSystemEvents() })) {
      const event = toRecordedEvent(resolved);
      if (event && event.globalPosition > 0) return event.globalPosition;
    }
    return 0;
  }

  subscribe(options: SubscribeOptions): Subscription {
    const subscription: KurrentDbSubscription = new KurrentDbSubscription(this.client, () => this.headPosition(), options, {
      onEnded: () => this.subscriptions.delete(subscription),
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  async findCommand(commandId: string, fingerprint?: string): Promise<AppendResult | null> {
    const [first] = await this.readRaw(commandStream(commandId), { maxCount: 1 });
    const stored = first?.event?.data as StoredCommand | undefined;
    if (!stored) return null;
    assertSameCommand(commandId, stored.streamId, stored.fingerprint, fingerprint);
    return { ...withoutFingerprint(stored), duplicate: true };
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.client.dispose();
  }

  /** Writes the command index; when a racing copy of the command got there first, returns its result. */
  private async recordCommand(commandId: string, result: StoredCommand, fingerprint: string | undefined): Promise<StoredCommand> {
    try {
      await this.client.appendToStream(
        commandStream(commandId),
        jsonEvent({ id: eventIdFor(commandId, -1), type: COMMAND_EVENT_TYPE, data: { ...result } }),
        { streamState: NO_STREAM },
      );
      return result;
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      const existing = await this.findCommand(commandId, fingerprint);
      if (!existing) throw error;
      const { duplicate: _duplicate, ...stored } = existing;
      return stored;
    }
  }

  /** The stream ends with this command's events but the index lacks it: an earlier attempt died in between. */
  private async recoverCommand(streamId: string, commandId: string, fingerprint: string | undefined): Promise<AppendResult> {
    const tail: RecordedEvent[] = [];
    for await (const resolved of this.readIterator(streamId, { direction: BACKWARDS, fromRevision: END })) {
      const event = toRecordedEvent(resolved);
      if (!event || event.metadata.commandId !== commandId) break;
      tail.unshift(event);
    }
    if (tail.length === 0) throw new Error(`stream ${streamId} changed while recovering command ${commandId}; retry`);
    const recorded = await this.recordCommand(
      commandId,
      {
        streamId,
        nextExpectedVersion: tail[tail.length - 1].streamVersion,
        globalPositions: tail.map(requirePosition),
        eventIds: tail.map((event) => event.metadata.eventId),
        ...(fingerprint ? { fingerprint } : {}),
      },
      fingerprint,
    );
    return { ...withoutFingerprint(recorded), duplicate: true };
  }

  private async readTail(streamId: string): Promise<StreamTail | null> {
    for (const resolved of await this.readRaw(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 })) {
      const last = toRecordedEvent(resolved);
      if (!last) continue;
      return {
        version: last.streamVersion,
        hash: last.metadata.hash,
        commandId: last.metadata.commandId,
        fingerprint: storedFingerprint(resolved),
      };
    }
    return null;
  }

  private async readEvents(streamId: string, options: ClientReadStreamOptions): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    for (const resolved of await this.readRaw(streamId, options)) {
      const event = toRecordedEvent(resolved);
      if (event) events.push(event);
    }
    return events;
  }

  /** A stream read where a missing stream is simply empty. */
  private async readRaw(streamId: string, options: ClientReadStreamOptions): Promise<ResolvedEvent[]> {
    const resolved: ResolvedEvent[] = [];
    for await (const event of this.readIterator(streamId, options)) resolved.push(event);
    return resolved;
  }

  private async *readIterator(streamId: string, options: ClientReadStreamOptions): AsyncGenerator<ResolvedEvent> {
    try {
      yield* this.client.readStream(streamId, options);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return;
      throw error;
    }
  }
}

function storedFingerprint(resolved: ResolvedEvent | undefined): string | undefined {
  const fingerprint = (resolved?.event?.metadata as Record<string, unknown> | undefined)?.[COMMAND_FINGERPRINT_KEY];
  return typeof fingerprint === 'string' ? fingerprint : undefined;
}

/** The fingerprint rides beside the sealed metadata: toRecordedEvent takes it off before anyone hashes it. */
function withFingerprint(metadata: Record<string, unknown>, fingerprint: string | undefined): Record<string, unknown> {
  return fingerprint ? { ...metadata, [COMMAND_FINGERPRINT_KEY]: fingerprint } : metadata;
}

function withoutFingerprint({ fingerprint: _fingerprint, ...result }: StoredCommand): Omit<AppendResult, 'duplicate'> {
  return result;
}

function commandStream(commandId: string): string {
  return `${COMMAND_STREAM_PREFIX}${commandId}`;
}

function requirePosition(event: RecordedEvent): number {
  if (Number.isNaN(event.globalPosition)) {
    throw new Error(`KurrentDB returned no position for ${event.streamId}@${event.streamVersion}; server 22.6 or later is required`);
  }
  return event.globalPosition;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
