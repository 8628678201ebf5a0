import { createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID } from 'node:crypto';
import type { AppendOptions, AppendResult, NewEvent, RecordedEvent, Subscription } from './event-envelope';
import type { EventStore } from './event-store.port';
import { EventLookupUnsupportedError, ExpectedVersionConflictError, IdempotencyKeyReusedError } from './errors';
import { eventIdFor } from './event-ids';
import { commandFingerprint } from './command-fingerprint';
import { firstBrokenLink, GENESIS_HASH } from './hash-chain';
import { keyFingerprint, sealLog, type SealKey } from './log-seal';
import { verifyLog } from './verify-log';

/**
 * The behaviour every EventStore adapter must show, registered as jest blocks. Each test writes
 * to streams with a random suffix and reads $all from the head it saw first, so the suite also
 * runs against a shared KurrentDB server that other runs are writing to.
 *
 * @param factory returns a ready store; called before every test.
 * @param cleanup disposes of that store (and e.g. its file); defaults to store.close().
 */
export function describeEventStoreContract(
  name: string,
  factory: () => Promise<EventStore>,
  cleanup?: (store: EventStore) => Promise<void>,
): void {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;
    beforeEach(async () => {
      store = await factory();
    });
    afterEach(async () => {
      if (cleanup) await cleanup(store);
      else await store.close();
    });

    describe('appendToStream and expected versions', () => {
      it('creates a stream with no_stream and reports versions, positions and derived event ids', async () => {
        const stream = uniqueStream();
        const options = appendOptions({ expectedVersion: 'no_stream' });
        const result = await store.appendToStream(stream, [event('Opened'), event('Renamed')], options);

        expect(result.streamId).toBe(stream);
        expect(result.nextExpectedVersion).toBe(1);
        expect(result.duplicate).toBe(false);
        expect(result.eventIds).toEqual([eventIdFor(options.commandId, 0), eventIdFor(options.commandId, 1)]);
        expect(result.globalPositions).toHaveLength(2);
        expect(result.globalPositions[1]).toBeGreaterThan(result.globalPositions[0]);
        expect(await store.streamVersion(stream)).toBe(1);
      });

      it('accepts an exact version, -1 for a new stream, any, stream_exists and no expectation at all', async () => {
        const stream = uniqueStream();
        await expectVersion(store.appendToStream(stream, [event('A')], appendOptions({ expectedVersion: -1 })), 0);
        await expectVersion(store.appendToStream(stream, [event('B')], appendOptions({ expectedVersion: 0 })), 1);
        await expectVersion(store.appendToStream(stream, [event('C')], appendOptions({ expectedVersion: 'stream_exists' })), 2);
        await expectVersion(store.appendToStream(stream, [event('D')], appendOptions({ expectedVersion: 'any' })), 3);
        await expectVersion(store.appendToStream(stream, [event('E')], appendOptions()), 4);
        await expectVersion(store.appendToStream(uniqueStream(), [event('A')], appendOptions({ expectedVersion: 'any' })), 0);
        await expectVersion(store.appendToStream(uniqueStream(), [event('A')], appendOptions()), 0);
        expect((await store.readStream(stream)).map((recorded) => recorded.type)).toEqual(['A', 'B', 'C', 'D', 'E']);
      });

      it('rejects a stale exact version with a typed conflict naming the actual version, and writes nothing', async () => {
        const stream = uniqueStream();
        await store.appendToStream(stream, [event('A'), event('B')], appendOptions());
        const conflict = await captureConflict(store.appendToStream(stream, [event('C')], appendOptions({ expectedVersion: 0 })));
        expect(conflict.streamId).toBe(stream);
        expect(conflict.expected).toBe(0);
        expect(conflict.actual).toBe(1);
        expect(await store.streamVersion(stream)).toBe(1);
      });

      it('rejects no_stream on an existing stream and stream_exists on a missing one', async () => {
        const stream = uniqueStream();
        await store.appendToStream(stream, [event('A')], appendOptions());
        const exists = await captureConflict(store.appendToStream(stream, [event('B')], appendOptions({ expectedVersion: 'no_stream' })));
        expect(exists.actual).toBe(0);
        expect(exists.expected).toBe('no_stream');

        const missing = uniqueStream();
        const absent = await captureConflict(
          store.appendToStream(missing, [event('A')], appendOptions({ expectedVersion: 'stream_exists' })),
        );
        expect(absent.actual).toBe(-1);
        expect(await store.streamVersion(missing)).toBe(-1);

        const numeric = await captureConflict(store.appendToStream(uniqueStream(), [event('A')], appendOptions({ expectedVersion: 3 })));
        expect(numeric.actual).toBe(-1);
      });

      it('treats an empty append as a version check that writes and records nothing', async () => {
        const stream = uniqueStream();
        await store.appendToStream(stream, [event('A')], appendOptions());
        const head = await store.headPosition();
        const options = appendOptions({ expectedVersion: 0 });
        const result = await store.appendToStream(stream, [], options);
        expect(result).toEqual({ streamId: stream, nextExpectedVersion: 0, globalPositions: [], eventIds: [], duplicate: false });
        expect(await store.headPosition()).toBe(head);
        expect(await store.findCommand(options.commandId)).toBeNull();
        await captureConflict(store.appendToStream(stream, [], appendOptions({ expectedVersion: 5 })));
      });
    });

    describe('reading a stream', () => {
      it('returns events in version order, honouring fromVersion and maxCount', async () => {
        const stream = uniqueStream();
        await store.appendToStream(stream, [event('E0'), event('E1')], appendOptions());
        await store.appendToStream(stream, [event('E2'), event('E3'), event('E4')], appendOptions());

        const all = await store.readStream(stream);
        expect(all.map((recorded) => recorded.streamVersion)).toEqual([0, 1, 2, 3, 4]);
        expect(all.map((recorded) => recorded.type)).toEqual(['E0', 'E1', 'E2', 'E3', 'E4']);
        expect(all.every((recorded) => recorded.streamId === stream)).toBe(true);
        expect((await store.readStream(stream, { fromVersion: 2 })).map((recorded) => recorded.type)).toEqual(['E2', 'E3', 'E4']);
        expect((await store.readStream(stream, { maxCount: 2 })).map((recorded) => recorded.type)).toEqual(['E0', 'E1']);
        expect((await store.readStream(stream, { fromVersion: 1, maxCount: 3 })).map((recorded) => recorded.type)).toEqual([
          'E1',
          'E2',
          'E3',
        ]);
        expect(await store.readStream(stream, { fromVersion: 5 })).toEqual([]);
      });

      it('returns [] and version -1 for a stream that does not exist', async () => {
        const stream = uniqueStream();
        expect(await store.readStream(stream)).toEqual([]);
        expect(await store.streamVersion(stream)).toBe(-1);
      });

      it('round-trips payloads as JSON', async () => {
        const stream = uniqueStream();
        const data = {
          name: 'Mina Rwanda — étain «3TG» 锡',
          nested: { list: [1, 2.5, -3, null, 'x'], flag: true, empty: {} },
          when: new Date('2024-05-01T12:00:00.000Z'),
        };
        await store.appendToStream(stream, [event('Payload', data), { type: 'Nothing', data: undefined }], appendOptions());
        const [payload, nothing] = await store.readStream(stream);
        expect(payload.data).toEqual({ ...data, when: '2024-05-01T12:00:00.000Z' });
        expect(nothing.data).toBeNull();
        expect(firstBrokenLink(await store.readStream(stream))).toBeNull();
      });
    });

    describe('reading one event by its id', () => {
      it('returns the event exactly as its stream holds it, and null for an id the log does not hold', async () => {
        const [stream, other] = [uniqueStream(), uniqueStream()];
        await store.appendToStream(stream, [event('A', { n: 1 })], appendOptions());
        const appended = await store.appendToStream(
          stream,
          [event('B', { n: 2 }), event('C', { n: 3 })],
          appendOptions({ actor: 'user:bob' }),
        );
        await store.appendToStream(other, [event('X')], appendOptions());

        const found = await lookUp(store, appended.eventIds[0]);
        if (found === 'unsupported') return;
        const [, b] = await store.readStream(stream);
        expect(found).toEqual(b);
        expect(found).toMatchObject({
          type: 'B',
          data: { n: 2 },
          streamId: stream,
          streamVersion: 1,
          globalPosition: appended.globalPositions[0],
        });
        expect(found?.metadata).toMatchObject({ eventId: appended.eventIds[0], actor: 'user:bob' });
        expect(await lookUp(store, eventIdFor(`cmd-${randomUUID()}`, 0))).toBeNull();
      });

      it('hands out a copy: changing what it returned changes nothing stored', async () => {
        const stream = uniqueStream();
        const { eventIds } = await store.appendToStream(stream, [event('A', { qty: 1 })], appendOptions());
        const found = await lookUp(store, eventIds[0]);
        if (found === 'unsupported' || found === null) return expect(found).toBe('unsupported');
        (found.data as { qty: number }).qty = 99;
        expect((await lookUp(store, eventIds[0])) as RecordedEvent).toMatchObject({ data: { qty: 1 } });
      });
    });

    describe('reading all streams', () => {
      it('returns events of all streams in global order after a position, up to maxCount', async () => {
        const [a, b] = [uniqueStream('a'), uniqueStream('b')];
        const head = await store.headPosition();
        await store.appendToStream(a, [event('A1')], appendOptions());
        await store.appendToStream(b, [event('B1'), event('B2')], appendOptions());
        await store.appendToStream(a, [event('A2')], appendOptions());

        const ours = only([a, b], await store.readAll({ after: head }));
        expect(ours.map((recorded) => recorded.type)).toEqual(['A1', 'B1', 'B2', 'A2']);
        expectStrictlyIncreasing(ours.map((recorded) => recorded.globalPosition));
        expect(ours[0].globalPosition).toBeGreaterThan(head);
        expect(await store.headPosition()).toBe(ours[3].globalPosition);

        const afterB1 = only([a, b], await store.readAll({ after: ours[1].globalPosition }));
        expect(afterB1.map((recorded) => recorded.type)).toEqual(['B2', 'A2']);

        const page = await store.readAll({ after: head, maxCount: 2 });
        expect(page).toHaveLength(2);
        expectStrictlyIncreasing(page.map((recorded) => recorded.globalPosition));
        expect(page.every((recorded) => recorded.globalPosition > head)).toBe(true);
        expect(await store.readAll({ after: head, maxCount: 0 })).toEqual([]);
      });

      it('numbers a sqlite or memory log gap-free from 1, and reports head 0 when empty', async () => {
        if (store.kind === 'kurrentdb') return; // commit positions have gaps and the log is shared
        expect(await store.headPosition()).toBe(0);
        expect(await store.readAll()).toEqual([]);
        const first = await store.appendToStream(uniqueStream(), [event('A'), event('B')], appendOptions());
        const second = await store.appendToStream(uniqueStream(), [event('C')], appendOptions());
        expect([...first.globalPositions, ...second.globalPositions]).toEqual([1, 2, 3]);
        expect((await store.readAll()).map((recorded) => recorded.globalPosition)).toEqual([1, 2, 3]);
      });

      it('returns only events recorded at or before recordedUntil', async () => {
        const stream = uniqueStream();
        const head = await store.headPosition();
        await store.appendToStream(stream, [event('Known')], appendOptions());
        const [known] = await store.readStream(stream);
        await untilClockPasses(known.metadata.recordedAt);
        await store.appendToStream(stream, [event('Later')], appendOptions());

        const asOf = only([stream], await store.readAll({ after: head, recordedUntil: known.metadata.recordedAt }));
        expect(asOf.map((recorded) => recorded.type)).toEqual(['Known']);
        const future = new Date(Date.now() + 60_000).toISOString();
        const everything = only([stream], await store.readAll({ after: head, recordedUntil: future }));
        expect(everything.map((recorded) => recorded.type)).toEqual(['Known', 'Later']);
      });
    });

    describe('idempotency by commandId', () => {
      it('appends nothing for a repeated commandId and returns the first result', async () => {
        const stream = uniqueStream();
        const options = appendOptions({ expectedVersion: 'no_stream' });
        const first = await store.appendToStream(stream, [event('A'), event('B')], options);
        const head = await store.headPosition();

        // A retry sees a stale expected version; it must still get the first result, not a conflict.
        const again = await store.appendToStream(stream, [event('A'), event('B'), event('C')], options);
        expect(again).toEqual({ ...first, duplicate: true });
        expect(await store.streamVersion(stream)).toBe(1);
        expect(await store.headPosition()).toBe(head);
        const recorded = await store.readStream(stream);
        expect(recorded.map((e) => e.metadata.eventId)).toEqual(first.eventIds);
        expect(recorded.map((e) => e.globalPosition)).toEqual(first.globalPositions);
      });

      it('returns the first result when the same commandId is sent to another stream', async () => {
        const [stream, other] = [uniqueStream(), uniqueStream()];
        const options = appendOptions();
        const first = await store.appendToStream(stream, [event('A')], options);
        const again = await store.appendToStream(other, [event('X')], { ...options, expectedVersion: 'no_stream' });
        expect(again).toEqual({ ...first, duplicate: true });
        expect(again.streamId).toBe(stream);
        expect(await store.streamVersion(other)).toBe(-1);
      });

      it('finds an earlier command by its id', async () => {
        const options = appendOptions();
        const first = await store.appendToStream(uniqueStream(), [event('A'), event('B')], options);
        expect(await store.findCommand(options.commandId)).toEqual({ ...first, duplicate: true });
        expect(await store.findCommand(`missing-${randomUUID()}`)).toBeNull();
      });

      it('refuses a repeated commandId carrying another fingerprint, and appends nothing', async () => {
        const stream = uniqueStream();
        const options = appendOptions({ fingerprint: commandFingerprint('Open', { n: 1 }) });
        const first = await store.appendToStream(stream, [event('Opened', { n: 1 })], options);
        const head = await store.headPosition();

        const misuse = store.appendToStream(uniqueStream(), [event('Opened', { n: 2 })], {
          ...options,
          fingerprint: commandFingerprint('Open', { n: 2 }),
        });
        await expect(misuse).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
        await expect(misuse).rejects.toMatchObject({ commandId: options.commandId, streamId: stream });
        expect(await store.headPosition()).toBe(head);

        // The same command again is a retry: the first result, as without fingerprints.
        expect(await store.appendToStream(stream, [event('Opened', { n: 1 })], options)).toEqual({ ...first, duplicate: true });
        expect(await store.findCommand(options.commandId, options.fingerprint)).toEqual({ ...first, duplicate: true });
        expect(await store.findCommand(options.commandId)).toEqual({ ...first, duplicate: true });
        await expect(store.findCommand(options.commandId, commandFingerprint('Close', { n: 1 }))).rejects.toBeInstanceOf(
          IdempotencyKeyReusedError,
        );
      });

      it('judges a command recorded without a fingerprint by its commandId alone', async () => {
        const options = appendOptions();
        const first = await store.appendToStream(uniqueStream(), [event('A')], options);
        const again = await store.appendToStream(uniqueStream(), [event('B')], { ...options, fingerprint: commandFingerprint('B', {}) });
        expect(again).toEqual({ ...first, duplicate: true });
      });

      it('lets exactly one of two concurrent appends with one commandId and different fingerprints through', async () => {
        const stream = uniqueStream();
        const commandId = `cmd-${randomUUID()}`;
        const outcomes = await Promise.allSettled([
          store.appendToStream(stream, [event('Left')], appendOptions({ commandId, fingerprint: commandFingerprint('Left', {}) })),
          store.appendToStream(stream, [event('Right')], appendOptions({ commandId, fingerprint: commandFingerprint('Right', {}) })),
        ]);
        expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
        const [rejected] = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
        expect(rejected.reason).toBeInstanceOf(IdempotencyKeyReusedError);
        expect((await store.readStream(stream)).map((recorded) => recorded.type)).toHaveLength(1);
      });

      it('derives event ids from commandId and index', async () => {
        const stream = uniqueStream();
        const options = appendOptions();
        await store.appendToStream(stream, [event('A'), event('B'), event('C')], options);
        const recorded = await store.readStream(stream);
        expect(recorded.map((e) => e.metadata.eventId)).toEqual([0, 1, 2].map((index) => eventIdFor(options.commandId, index)));
        expect(recorded.every((e) => e.metadata.commandId === options.commandId)).toBe(true);
      });
    });

    describe('hash chain', () => {
      it('chains every event to the previous one of its stream, across appends', async () => {
        const [stream, other] = [uniqueStream(), uniqueStream()];
        await store.appendToStream(stream, [event('A'), event('B')], appendOptions());
        await store.appendToStream(other, [event('X')], appendOptions());
        await store.appendToStream(stream, [event('C', { n: 1 })], appendOptions());

        const events = await store.readStream(stream);
        expect(events[0].metadata.prevHash).toBe(GENESIS_HASH);
        for (let index = 1; index < events.length; index++) {
          expect(events[index].metadata.prevHash).toBe(events[index - 1].metadata.hash);
        }
        expect(new Set(events.map((e) => e.metadata.hash)).size).toBe(events.length);
        expect(events.every((e) => /^[0-9a-f]{64}$/.test(e.metadata.hash))).toBe(true);
        expect(firstBrokenLink(events)).toBeNull();
        const [x] = await store.readStream(other);
        expect(x.metadata.prevHash).toBe(GENESIS_HASH);
        expect(firstBrokenLink([x])).toBeNull();
      });

      it('detects tampering with a copy of the stream', async () => {
        const stream = uniqueStream();
        await store.appendToStream(stream, [event('A', { qty: 1 }), event('B', { qty: 2 }), event('C', { qty: 3 })], appendOptions());
        const events = await store.readStream(stream);

        const edited = structuredClone(events);
        (edited[1].data as { qty: number }).qty = 20;
        expect(firstBrokenLink(edited)).toMatchObject({
          streamId: stream,
          streamVersion: 1,
          reason: 'hash does not match the event',
        });

        const backdated = structuredClone(events);
        backdated[2].metadata.occurredAt = '2000-01-01T00:00:00.000Z';
        expect(firstBrokenLink(backdated)).toMatchObject({ streamVersion: 2, reason: 'hash does not match the event' });

        const withoutMiddle = structuredClone(events).filter((e) => e.streamVersion !== 1);
        expect(firstBrokenLink(withoutMiddle)).toMatchObject({
          streamVersion: 2,
          reason: 'prevHash does not match the previous event',
        });

        expect(firstBrokenLink(await store.readStream(stream))).toBeNull();
      });
    });

    describe('the whole log', () => {
      it('links each sqlite or memory event to the previous event of the log, under a hash that covers its position', async () => {
        const [a, b] = [uniqueStream('a'), uniqueStream('b')];
        const head = await store.headPosition();
        await store.appendToStream(a, [event('A1'), event('A2')], appendOptions());
        await store.appendToStream(b, [event('B1')], appendOptions());
        await store.appendToStream(a, [event('A3')], appendOptions());
        const events = await store.readAll({ after: head });

        if (store.kind === 'kurrentdb') {
          // One writer per stream, none for the log: KurrentDB's events chain within their stream only.
          const ours = only([a, b], events);
          expect(ours.every((recorded) => recorded.metadata.logPrevHash === undefined)).toBe(true);
          expect(firstBrokenLink(only([a], ours))).toBeNull();
          return;
        }
        const before = head === 0 ? null : (await store.readAll({ after: head - 1, maxCount: 1 }))[0];
        expect(events.map((recorded) => recorded.metadata.logPrevHash)).toEqual([
          before ? before.metadata.hash : GENESIS_HASH,
          ...events.slice(0, -1).map((recorded) => recorded.metadata.hash),
        ]);
        expect(firstBrokenLink(await store.readStream(a))).toBeNull();

        const moved = structuredClone(await store.readStream(b));
        moved[0].globalPosition += 1;
        expect(firstBrokenLink(moved)).toMatchObject({ streamId: b, reason: 'hash does not match the event' });
        const unlinked = structuredClone(await store.readStream(b));
        unlinked[0].metadata.logPrevHash = GENESIS_HASH;
        expect(firstBrokenLink(unlinked)).toMatchObject({ streamId: b, reason: 'hash does not match the event' });

        const verification = await verifyLog(store);
        expect(verification.firstBrokenLink).toBeNull();
        expect(verification.formats).toMatchObject({ streamChained: 0, firstLogChained: 1 });
        expect(verification.head).toMatchObject({
          globalPosition: events[events.length - 1].globalPosition,
          hash: events[events.length - 1].metadata.hash,
        });
      });

      it('seals its head, and verifies against the seal while nothing up to it changed', async () => {
        if (store.kind === 'kurrentdb') return; // reads the whole shared $all; the sqlite specs cover it
        const stream = uniqueStream();
        await store.appendToStream(stream, [event('A'), event('B')], appendOptions());
        const key = testSealKey();
        const { seal } = await sealLog(store, key, new Date('2030-01-01T00:00:00.000Z'));
        expect(seal.statement.head.position).toBe(await store.headPosition());
        expect(seal.signature.keyFingerprint).toBe(key.fingerprint);
        await store.appendToStream(stream, [event('C')], appendOptions());

        const verification = await verifyLog(store, {
          seal: { position: seal.statement.head.position, hash: seal.statement.head.hash, logDigest: seal.statement.logDigest },
        });
        expect(verification.firstBrokenLink).toBeNull();
        expect(verification.seal).toEqual({ position: seal.statement.head.position, reached: true, matches: true });
      });
    });

    describe('metadata', () => {
      it('records actor, command, correlation, causation, schema version and both times', async () => {
        const stream = uniqueStream();
        const options = appendOptions({ actor: 'user:alice' });
        const before = new Date().toISOString();
        await store.appendToStream(stream, [event('A'), { type: 'B', data: {}, schemaVersion: 2 }], options);
        const after = new Date().toISOString();

        const [a, b] = await store.readStream(stream);
        expect(a.metadata).toMatchObject({
          actor: 'user:alice',
          commandId: options.commandId,
          correlationId: options.commandId,
          causationId: null,
          schemaVersion: 1,
        });
        expect(b.metadata.schemaVersion).toBe(2);
        expect(a.metadata.recordedAt >= before && a.metadata.recordedAt <= after).toBe(true);
        expect(new Date(a.metadata.recordedAt).toISOString()).toBe(a.metadata.recordedAt);
        expect(a.metadata.occurredAt).toBe(a.metadata.recordedAt);
        expect(b.metadata.recordedAt).toBe(a.metadata.recordedAt);
      });

      it('keeps a given occurredAt, correlationId and causationId', async () => {
        const stream = uniqueStream();
        const options = appendOptions({
          occurredAt: '2024-03-01T09:30:00.000Z',
          correlationId: 'corr-1',
          causationId: 'cause-1',
        });
        await store.appendToStream(stream, [event('A')], options);
        const [a] = await store.readStream(stream);
        expect(a.metadata).toMatchObject({ occurredAt: '2024-03-01T09:30:00.000Z', correlationId: 'corr-1', causationId: 'cause-1' });
        expect(a.metadata.recordedAt).not.toBe(a.metadata.occurredAt);
        expect(firstBrokenLink([a])).toBeNull();
      });
    });

    describe('subscribe', () => {
      let subscriptions: Subscription[];
      beforeEach(() => {
        subscriptions = [];
      });
      afterEach(async () => {
        await Promise.all(subscriptions.map((subscription) => subscription.stop()));
      });
      const subscribe = (options: Parameters<EventStore['subscribe']>[0]) => {
        const subscription = store.subscribe(options);
        subscriptions.push(subscription);
        return subscription;
      };

      it('catches up, then delivers live appends in global order', async () => {
        const [a, b] = [uniqueStream('a'), uniqueStream('b')];
        const head = await store.headPosition();
        await store.appendToStream(a, [event('A1'), event('A2')], appendOptions());
        await store.appendToStream(b, [event('B1')], appendOptions());

        const seen = collector([a, b]);
        const subscription = subscribe({ after: head, onEvents: seen.onEvents });
        await subscription.caughtUp();
        expect(seen.types()).toEqual(['A1', 'A2', 'B1']);

        await store.appendToStream(b, [event('B2')], appendOptions());
        await store.appendToStream(a, [event('A3')], appendOptions());
        await subscription.caughtUp();
        expect(seen.types()).toEqual(['A1', 'A2', 'B1', 'B2', 'A3']);
        expectStrictlyIncreasing(seen.all.map((recorded) => recorded.globalPosition));
        expect(seen.all).toEqual(only([a, b], await store.readAll({ after: head })));
      });

      it('starts strictly after the given position', async () => {
        const stream = uniqueStream();
        const result = await store.appendToStream(stream, [event('E1'), event('E2'), event('E3')], appendOptions());
        const seen = collector([stream]);
        const subscription = subscribe({ after: result.globalPositions[1], onEvents: seen.onEvents });
        await subscription.caughtUp();
        expect(seen.types()).toEqual(['E3']);
      });

      it('resolves caughtUp when there is nothing to deliver', async () => {
        const head = await store.headPosition();
        const seen = collector([]);
        const subscription = subscribe({ after: head, onEvents: seen.onEvents });
        await subscription.caughtUp();
        expect(seen.all).toEqual([]);
      });

      it('hands batches over one at a time, no larger than batchSize', async () => {
        const stream = uniqueStream();
        const head = await store.headPosition();
        for (let index = 0; index < 5; index++) await store.appendToStream(stream, [event(`E${index}`)], appendOptions());

        let inFlight = 0;
        let maxInFlight = 0;
        const sizes: number[] = [];
        const seen = collector([stream]);
        const subscription = subscribe({
          after: head,
          batchSize: 2,
          onEvents: async (events) => {
            inFlight++;
            maxInFlight = Math.max(maxInFlight, inFlight);
            sizes.push(events.length);
            await new Promise((resolve) => setImmediate(resolve));
            seen.onEvents(events);
            inFlight--;
          },
        });
        await subscription.caughtUp();
        expect(seen.types()).toEqual(['E0', 'E1', 'E2', 'E3', 'E4']);
        expect(maxInFlight).toBe(1);
        expect(Math.max(...sizes)).toBeLessThanOrEqual(2);
      });

      it('delivers nothing once stop() has resolved', async () => {
        const stream = uniqueStream();
        const head = await store.headPosition();
        await store.appendToStream(stream, [event('Before')], appendOptions());
        let stopped = false;
        let deliveredAfterStop = false;
        const seen = collector([stream]);
        const subscription = subscribe({
          after: head,
          onEvents: (events) => {
            if (stopped) deliveredAfterStop = true;
            seen.onEvents(events);
          },
        });
        await subscription.caughtUp();
        await subscription.stop();
        stopped = true;

        await store.appendToStream(stream, [event('After')], appendOptions());
        // A second subscription catching up past the new event is the barrier: had the first
        // still been running, it would have been handed the event by now as well.
        const probe = subscribe({ after: head, onEvents: () => undefined });
        await probe.caughtUp();
        await expect(subscription.caughtUp()).rejects.toThrow();
        expect(deliveredAfterStop).toBe(false);
        expect(seen.types()).toEqual(['Before']);
      });

      it('can be stopped from inside onEvents', async () => {
        const stream = uniqueStream();
        const head = await store.headPosition();
        await store.appendToStream(stream, [event('First')], appendOptions());
        const batches: RecordedEvent[][] = [];
        let subscription: Subscription | undefined;
        const stoppedInside = new Promise<void>((resolve, reject) => {
          subscription = subscribe({
            after: head,
            onEvents: async (events) => {
              batches.push(events);
              await subscription!.stop();
              resolve();
            },
            onError: reject,
          });
        });
        await stoppedInside;
        await subscription!.stop();
        await store.appendToStream(stream, [event('Second')], appendOptions());
        const probe = subscribe({ after: head, onEvents: () => undefined });
        await probe.caughtUp();
        expect(batches).toHaveLength(1);
      });

      it('reports an error thrown by onEvents and stops', async () => {
        const stream = uniqueStream();
        const head = await store.headPosition();
        await store.appendToStream(stream, [event('Poison')], appendOptions());
        const failure = new Error('projection failed');
        let calls = 0;
        let subscription: Subscription | undefined;
        const reported = new Promise<unknown>((resolve) => {
          subscription = subscribe({
            after: head,
            onEvents: () => {
              calls++;
              throw failure;
            },
            onError: resolve,
          });
        });
        expect(await reported).toBe(failure);
        expect(calls).toBe(1);
        await expect(subscription!.caughtUp()).rejects.toBe(failure);
      });
    });

    describe('concurrency', () => {
      it('lets exactly one of two appends at the same expected version win', async () => {
        const stream = uniqueStream();
        await store.appendToStream(stream, [event('Created')], appendOptions());
        const outcomes = await Promise.allSettled([
          store.appendToStream(stream, [event('Left')], appendOptions({ expectedVersion: 0 })),
          store.appendToStream(stream, [event('Right')], appendOptions({ expectedVersion: 0 })),
        ]);
        expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
        const [rejected] = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
        expect(rejected.reason).toBeInstanceOf(ExpectedVersionConflictError);
        expect((rejected.reason as ExpectedVersionConflictError).actual).toBe(1);
        const events = await store.readStream(stream);
        expect(events).toHaveLength(2);
        expect(firstBrokenLink(events)).toBeNull();
      });

      it('lets exactly one of two creators of the same stream win', async () => {
        const stream = uniqueStream();
        const outcomes = await Promise.allSettled([
          store.appendToStream(stream, [event('Left')], appendOptions({ expectedVersion: 'no_stream' })),
          store.appendToStream(stream, [event('Right')], appendOptions({ expectedVersion: 'no_stream' })),
        ]);
        expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
        expect(await store.streamVersion(stream)).toBe(0);
      });

      it('keeps the chain intact under concurrent appends that expect any version', async () => {
        const stream = uniqueStream();
        const results = await Promise.all(
          Array.from({ length: 5 }, (_, index) => store.appendToStream(stream, [event(`E${index}`), event(`F${index}`)], appendOptions())),
        );
        expect(results.map((result) => result.nextExpectedVersion).sort((x, y) => x - y)).toEqual([1, 3, 5, 7, 9]);
        const events = await store.readStream(stream);
        expect(events).toHaveLength(10);
        expect(firstBrokenLink(events)).toBeNull();
      });
    });
  });
}

/** Polls `condition` until it holds or the deadline passes: waits on an outcome, never on a guess of how long it takes. */
export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * readEvent, or 'unsupported' where the adapter keeps no index by event id (KurrentDB) and says so
 * with the typed error instead of scanning the log.
 */
async function lookUp(store: EventStore, eventId: string): Promise<RecordedEvent | null | 'unsupported'> {
  try {
    return await store.readEvent(eventId);
  } catch (error) {
    expect(store.kind).toBe('kurrentdb');
    expect(error).toBeInstanceOf(EventLookupUnsupportedError);
    return 'unsupported';
  }
}

export function uniqueStream(label = 'contract'): string {
  return `${label}-${randomUUID()}`;
}

/** A throwaway Ed25519 signing key. */
export function testSealKey(): SealKey {
  const { privateKey } = generateKeyPairSync('ed25519');
  const key = createPrivateKey(privateKey.export({ type: 'pkcs8', format: 'pem' }));
  const publicKey = createPublicKey(key);
  return { privateKey: key, publicKey, fingerprint: keyFingerprint(publicKey) };
}

function appendOptions(overrides: Partial<AppendOptions> = {}): AppendOptions {
  return { commandId: `cmd-${randomUUID()}`, actor: 'user:contract', ...overrides };
}

function event(type: string, data: unknown = { at: type }): NewEvent {
  return { type, data };
}

function only(streams: string[], events: RecordedEvent[]): RecordedEvent[] {
  return events.filter((recorded) => streams.includes(recorded.streamId));
}

function collector(streams: string[]) {
  const all: RecordedEvent[] = [];
  return {
    all,
    onEvents: (events: RecordedEvent[]) => {
      all.push(...only(streams, events));
    },
    types: () => all.map((recorded) => recorded.type),
  };
}

function expectStrictlyIncreasing(values: number[]): void {
  for (let index = 1; index < values.length; index++) expect(values[index]).toBeGreaterThan(values[index - 1]);
}

async function expectVersion(append: Promise<AppendResult>, version: number): Promise<void> {
  expect((await append).nextExpectedVersion).toBe(version);
}

async function captureConflict(append: Promise<unknown>): Promise<ExpectedVersionConflictError> {
  try {
    await append;
  } catch (error) {
    expect(error).toBeInstanceOf(ExpectedVersionConflictError);
    return error as ExpectedVersionConflictError;
  }
  throw new Error('expected an ExpectedVersionConflictError');
}

/** recordedAt has millisecond resolution; make sure the next append cannot share it. */
async function untilClockPasses(iso: string): Promise<void> {
  await waitFor(() => new Date().toISOString() > iso, 5_000, 'the clock to move past the first event');
}
