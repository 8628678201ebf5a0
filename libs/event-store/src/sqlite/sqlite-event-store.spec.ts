import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedEvent } from '../event-envelope';
import type { EventStore } from '../event-store.port';
import { describeEventStoreContract, uniqueStream, waitFor } from '../event-store.contract';
import { firstBrokenLink } from '../hash-chain';
import { SqliteEventStore } from './sqlite-event-store';

const directories = new Map<EventStore, string>();

function temporaryDirectory(): string {
  return mkdtempSync(join(tmpdir(), 'dd-event-store-'));
}

describeEventStoreContract(
  'sqlite',
  async () => {
    const directory = temporaryDirectory();
    const store = new SqliteEventStore(join(directory, 'events.sqlite'));
    directories.set(store, directory);
    return store;
  },
  async (store) => {
    await store.close();
    rmSync(directories.get(store)!, { recursive: true, force: true });
    directories.delete(store);
  },
);

describe('SqliteEventStore on a file', () => {
  let directory: string;
  let file: string;
  const opened: SqliteEventStore[] = [];
  const open = () => {
    const store = new SqliteEventStore(file);
    opened.push(store);
    return store;
  };

  beforeEach(() => {
    directory = temporaryDirectory();
    file = join(directory, 'events.sqlite');
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    rmSync(directory, { recursive: true, force: true });
  });

  it('keeps events, chains and command ids across close and reopen', async () => {
    const stream = uniqueStream('supplier');
    const first = open();
    const written = await first.appendToStream(
      stream,
      [
        { type: 'A', data: { n: 1 } },
        { type: 'B', data: { n: 2 } },
      ],
      {
        commandId: 'cmd-reopen',
        actor: 'user:test',
      },
    );
    await first.close();

    const second = open();
    const events = await second.readStream(stream);
    expect(events.map((event) => event.type)).toEqual(['A', 'B']);
    expect(firstBrokenLink(events)).toBeNull();
    expect(await second.headPosition()).toBe(2);
    const retried = await second.appendToStream(stream, [{ type: 'A', data: {} }], { commandId: 'cmd-reopen', actor: 'user:test' });
    expect(retried).toEqual({ ...written, duplicate: true });

    await second.appendToStream(stream, [{ type: 'C', data: {} }], { commandId: 'cmd-next', actor: 'user:test', expectedVersion: 1 });
    const continued = await second.readStream(stream);
    expect(continued[2].metadata.prevHash).toBe(continued[1].metadata.hash);
    expect(firstBrokenLink(continued)).toBeNull();
  });

  it('puts the file in WAL mode', async () => {
    open();
    const Database = (await import('better-sqlite3')).default;
    const probe = new Database(file, { readonly: true });
    try {
      expect(probe.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      probe.close();
    }
  });

  it('delivers appends made through another store on the same file (another process) by polling', async () => {
    const writer = open();
    const reader = open();
    const stream = uniqueStream('survey');
    const seen: RecordedEvent[] = [];
    const subscription = reader.subscribe({ onEvents: (events) => void seen.push(...events) });
    try {
      // Let the reader go idle first, so the events below can only reach it through the poll.
      await subscription.caughtUp();
      await writer.appendToStream(stream, [{ type: 'CmrtRequested', data: {} }], { commandId: 'cmd-1', actor: 'user:cli' });
      await writer.appendToStream(stream, [{ type: 'CmrtReceived', data: {} }], { commandId: 'cmd-2', actor: 'user:cli' });
      // No caughtUp() here: it would nudge the reader awake.
      await waitFor(() => seen.length === 2, 10_000, 'the polling subscription to see both events');
      expect(seen.map((event) => event.type)).toEqual(['CmrtRequested', 'CmrtReceived']);
    } finally {
      await subscription.stop();
    }
  });

  it('refuses a concurrent writer in another connection at a stale version', async () => {
    const left = open();
    const right = open();
    const stream = uniqueStream('risk');
    await left.appendToStream(stream, [{ type: 'RiskRaised', data: {} }], { commandId: 'c1', actor: 'u', expectedVersion: 'no_stream' });
    await expect(
      right.appendToStream(stream, [{ type: 'RiskRaised', data: {} }], { commandId: 'c2', actor: 'u', expectedVersion: 'no_stream' }),
    ).rejects.toMatchObject({ name: 'ExpectedVersionConflictError', actual: 0 });
    expect(await right.findCommand('c1')).toMatchObject({ streamId: stream, duplicate: true });
  });

  describe('group commit (appends of one event-loop turn share a transaction)', () => {
    it('settles each append on its own, in call order, one failing without undoing the others', async () => {
      const store = open();
      const [a, b] = [uniqueStream('a'), uniqueStream('b')];
      const head = await store.headPosition();
      const options = (commandId: string, expectedVersion?: number | 'no_stream') => ({ commandId, actor: 'u', expectedVersion });
      const results = await Promise.allSettled([
        store.appendToStream(a, [{ type: 'A1', data: {} }], options('g1', 'no_stream')),
        store.appendToStream(a, [{ type: 'A2', data: {} }], options('g2', 'no_stream')), // a exists by now: conflict
        store.appendToStream(
          b,
          [
            { type: 'B1', data: {} },
            { type: 'B2', data: {} },
          ],
          options('g3'),
        ),
        store.appendToStream(a, [{ type: 'A2', data: {} }], options('g4', 0)),
        store.appendToStream(b, [{ type: 'B3', data: {} }], options('g3')), // same commandId: the first result again
      ]);
      expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
      expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ name: 'ExpectedVersionConflictError', actual: 0 });
      const values = results.map((result) => (result.status === 'fulfilled' ? result.value : null));
      expect(values[0]!.globalPositions).toEqual([head + 1]);
      expect(values[2]!.globalPositions).toEqual([head + 2, head + 3]);
      expect(values[3]!.globalPositions).toEqual([head + 4]);
      expect(values[4]).toEqual({ ...values[2], duplicate: true });
      expect((await store.readAll({ after: head })).map((event) => event.type)).toEqual(['A1', 'B1', 'B2', 'A2']);
      expect(firstBrokenLink(await store.readStream(a))).toBeNull();
      expect(await store.findCommand('g2')).toBeNull();
    });

    it('writes appends still queued when the store is closed', async () => {
      const store = open();
      const stream = uniqueStream('closing');
      const appended = store.appendToStream(stream, [{ type: 'Last', data: {} }], { commandId: 'before-close', actor: 'u' });
      await store.close();
      await expect(appended).resolves.toMatchObject({ streamId: stream, duplicate: false });
      expect((await open().readStream(stream)).map((event) => event.type)).toEqual(['Last']);
    });
  });
});
