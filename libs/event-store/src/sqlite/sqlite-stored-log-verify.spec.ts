import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventMetadata } from '../event-envelope';
import type { EventStore } from '../event-store.port';
import { testSealKey } from '../event-store.contract';
import { sealLog } from '../log-seal';
import { backdate, coverTracks, deleteEvents, editAndRehash, relinkAndRehash, rowAt, swapEvents, withFile } from '../test-support/tamper';
import { verifyLog, verifyLogFromSeal, type LogVerification, type SealedHead } from '../verify-log';
import { verifyStoredLog } from '../verify-stored-log';
import { SqliteEventStore } from './sqlite-event-store';

/**
 * `audit verify` on sqlite hashes the stored text in one pass that keeps no state per stream
 * (verifyStoredLog). Here that pass alone is held against the decoding walk (verifyLog over the same
 * store without its stored text): on an intact log it must give the same answer, and it must never
 * call a log intact that the walk finds broken.
 */
describe('verifying a sqlite log from its stored text', () => {
  let directory: string;
  let file: string;
  const opened: SqliteEventStore[] = [];
  const open = () => {
    const store = new SqliteEventStore(file);
    opened.push(store);
    return store;
  };
  /** The same store seen without its stored text: verifyLog then decodes every event, as it did before. */
  const decoding = (store: SqliteEventStore): EventStore =>
    new Proxy(store, { get: (target, key) => (key === 'storedLog' ? undefined : Reflect.get(target, key, target)) });
  const storedPass = async (seal?: SealedHead): Promise<LogVerification | null> => {
    const store = open();
    const snapshot = store.storedLog();
    try {
      // Tiny pages, so the walk crosses page boundaries.
      return await verifyStoredLog(store, snapshot, { pageSize: 3, seal });
    } finally {
      snapshot.close();
    }
  };
  const walk = async (seal?: SealedHead) => verifyLog(decoding(open()), { seal });
  const headOf = (seal: Awaited<ReturnType<typeof sealLog>>['seal']): SealedHead => ({
    position: seal.statement.head.position,
    hash: seal.statement.head.hash,
    logDigest: seal.statement.logDigest,
  });

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'dd-stored-verify-'));
    file = join(directory, 'events.sqlite');
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    rmSync(directory, { recursive: true, force: true });
  });

  /** 10 events in three streams: 1 a0, 2 b0, 3 a1, 4 c0, 5 b1, 6 c1, 7 a2, 8 b2, 9 c2, 10 a3. */
  async function givenLog(): Promise<SealedHead> {
    const store = open();
    const plan: Array<[string, unknown]> = [
      ['supplier-a', { name: 'A', note: 'ünïcode, "quotes" and \\ back\nslash' }],
      ['supplier-b', { name: 'B' }],
      ['supplier-a', { owner: 'buyer-1' }],
      ['risk-c', { severity: 'high', reasons: ['first flag', { nested: { z: 1, a: [null, true, 1.5] } }] }],
      ['supplier-b', { owner: 'buyer-2' }],
      ['risk-c', { likelihood: 'likely' }],
      ['supplier-a', { email: 'a@example.com' }],
      ['supplier-b', { email: 'b@example.com' }],
      ['risk-c', { plan: 'audit' }],
      ['supplier-a', { status: 'inactive' }],
    ];
    for (const [index, [streamId, data]] of plan.entries()) {
      await store.appendToStream(streamId, [{ type: `Happened${index}`, data }], { commandId: `cmd-${index + 1}`, actor: 'user:alice' });
    }
    return headOf((await sealLog(store, testSealKey())).seal);
  }

  it('given an untouched log, then the stored pass alone proves it intact, with the answer of the decoding walk', async () => {
    const seal = await givenLog();
    const stored = await storedPass(seal);
    expect(stored).not.toBeNull();
    expect(stored).toEqual(await walk(seal));
    expect(stored).toMatchObject({
      events: 10,
      streams: 3,
      formats: { logChained: 10, streamChained: 0 },
      seal: { reached: true, matches: true },
    });
  });

  it('given a log written before the log-wide chain and continued since, then the stored pass alone proves it intact', async () => {
    copyFileSync(join(__dirname, '../test-support/fixtures/v1-log.sqlite'), file);
    const store = open();
    await store.appendToStream('supplier-jx', [{ type: 'SupplierRenamed', data: { name: 'JX' } }], { commandId: 'rename', actor: 'bob' });
    const stored = await storedPass();
    expect(stored).not.toBeNull();
    expect(stored).toEqual(await walk());
    expect(stored!.formats).toEqual({ streamChained: 20, logChained: 1, firstLogChained: 21 });
  });

  it('given a payload stored in another key order but the same content, then it verifies as it always did', async () => {
    await givenLog();
    withFile(file, (db) => {
      const row = rowAt(db, 4);
      const reordered = Object.fromEntries(Object.entries(JSON.parse(row.data) as object).reverse());
      db.prepare('UPDATE events SET data = ? WHERE global_position = 4').run(JSON.stringify(reordered, null, 1));
    });
    expect((await walk()).firstBrokenLink).toBeNull();
    expect(await storedPass()).toEqual(await walk());
  });

  describe('given a tampered log, then the stored pass does not call it intact, and the walk names the break', () => {
    const cases: Array<[string, () => void, 'alone' | 'only against the seal']> = [
      [
        'an edited payload',
        () => withFile(file, (db) => db.prepare(`UPDATE events SET data = '{"name":"Z"}' WHERE global_position = 2`).run()),
        'alone',
      ],
      [
        'an edited actor',
        () =>
          withFile(file, (db) =>
            db.prepare(`UPDATE events SET metadata = replace(metadata, 'user:alice', 'user:mallory') WHERE global_position = 3`).run(),
          ),
        'alone',
      ],
      ['an event deleted in the middle', () => deleteEvents(file, [5]), 'alone'],
      ['the last event deleted', () => deleteEvents(file, [10]), 'alone'],
      [
        'the last events deleted, the records made to agree',
        () => (deleteEvents(file, [9, 10]), coverTracks(file)),
        'only against the seal',
      ],
      ['two events of different streams swapped', () => swapEvents(file, 5, 6), 'alone'],
      [
        'an edited event, its stream re-hashed',
        () => editAndRehash(file, 4, (data) => ({ ...data, severity: 'low' }), 'its stream'),
        'alone',
      ],
      [
        'an edited event, the whole log re-hashed',
        () => editAndRehash(file, 4, (data) => ({ ...data, severity: 'low' }), 'the log'),
        'only against the seal',
      ],
      ['the recorded_at column backdated', () => backdate(file, 6, '2000-01-01T00:00:00.000Z'), 'alone'],
      ['the hashed recordedAt backdated', () => backdate(file, 6, '2000-01-01T00:00:00.000Z', { alsoMetadata: true }), 'alone'],
      [
        "a stream's record edited",
        () => withFile(file, (db) => db.prepare(`UPDATE streams SET version = 1 WHERE stream_id = 'supplier-b'`).run()),
        'alone',
      ],
      [
        'a stream record removed',
        () => withFile(file, (db) => db.prepare(`DELETE FROM streams WHERE stream_id = 'risk-c'`).run()),
        'alone',
      ],
      [
        'a stream record added',
        () => withFile(file, (db) => db.prepare(`INSERT INTO streams VALUES ('ghost', 0, ?)`).run('0'.repeat(64))),
        'alone',
      ],
      ['the log head moved', () => withFile(file, (db) => db.prepare('UPDATE log_head SET position = 9').run()), 'alone'],
      [
        // Hashes, log chain and records all agree; only the two stream chains cross. No check of one
        // event sees it: the stream links, summed with their streams, do.
        'two streams linked to each other, the whole log re-hashed',
        () => {
          const hashAt = (position: number) => withFile(file, (db) => (JSON.parse(rowAt(db, position).metadata) as EventMetadata).hash);
          relinkAndRehash(
            file,
            new Map([
              [3, hashAt(2)],
              [5, hashAt(1)],
            ]),
          );
        },
        'alone',
      ],
    ];

    it.each(cases)('%s', async (_name, tamper, caught) => {
      const seal = await givenLog();
      tamper();
      if (caught === 'alone') {
        expect(await storedPass()).toBeNull();
        expect((await walk()).firstBrokenLink).not.toBeNull();
      } else {
        expect((await walk()).firstBrokenLink).toBeNull();
      }
      expect(await storedPass(seal)).toBeNull();
      expect((await walk(seal)).firstBrokenLink).not.toBeNull();
    });

    it('two events of one stream swapped in a log written before the log-wide chain (their hashes do not cover positions)', async () => {
      copyFileSync(join(__dirname, '../test-support/fixtures/v1-log.sqlite'), file);
      await open().close();
      swapEvents(file, 14, 15); // supplier-mr-1 v1 and v2
      expect(await storedPass()).toBeNull();
      expect((await walk()).firstBrokenLink).toMatchObject({ globalPosition: 14, reason: 'prevHash does not match the previous event' });
    });
  });

  describe('from a seal: the sealed head proven still there, only what follows it walked', () => {
    /** givenLog sealed at 10, then 11 supplier-a v4, 12 supplier-d v0, 13 risk-c v3, 14 supplier-d v1. */
    async function givenSealedThenMore(): Promise<SealedHead> {
      const seal = await givenLog();
      const store = open();
      const plan = ['supplier-a', 'supplier-d', 'risk-c', 'supplier-d'];
      for (const [index, streamId] of plan.entries()) {
        await store.appendToStream(streamId, [{ type: 'Later', data: { index } }], { commandId: `later-${index}`, actor: 'user:bob' });
      }
      return seal;
    }
    const fromSeal = (seal: SealedHead) => verifyLogFromSeal(open(), seal, { pageSize: 2 });

    it("given events after the seal, then only they are walked, and the digest and head are the whole log's", async () => {
      const seal = await givenSealedThenMore();
      const since = await fromSeal(seal);
      const full = await walk(seal);
      expect(since.firstBrokenLink).toBeNull();
      expect(since).toMatchObject({
        events: 4,
        streams: 1,
        fromSeal: { position: 10 },
        seal: { position: 10, reached: true, matches: true },
      });
      expect(since.logDigest).toBe(full.logDigest);
      expect(since.head).toEqual(full.head);
    });

    it('given nothing after the seal, then the head alone is checked', async () => {
      const seal = await givenLog();
      expect(await fromSeal(seal)).toMatchObject({ events: 0, firstBrokenLink: null, head: { globalPosition: 10, hash: seal.hash } });
    });

    const after: Array<[string, () => void]> = [
      [
        'an edited payload',
        () => withFile(file, (db) => db.prepare(`UPDATE events SET data = '{"index":9}' WHERE global_position = 13`).run()),
      ],
      ['an event deleted', () => deleteEvents(file, [12])],
      ['the last event of a stream deleted', () => deleteEvents(file, [14])],
      ['two events swapped', () => swapEvents(file, 11, 12)],
      ['an edited event, its stream re-hashed', () => editAndRehash(file, 12, (data) => ({ ...data, index: 7 }), 'its stream')],
      ['the recorded_at column backdated', () => backdate(file, 13, '2000-01-01T00:00:00.000Z')],
      [
        "a stream's record edited",
        () => withFile(file, (db) => db.prepare(`UPDATE streams SET version = 0 WHERE stream_id = 'supplier-d'`).run()),
      ],
      ['the log head moved', () => withFile(file, (db) => db.prepare('UPDATE log_head SET position = 13').run())],
    ];
    it.each(after)(
      'given %s after the seal, then the first broken place is named as the full verification names it',
      async (_name, tamper) => {
        const seal = await givenSealedThenMore();
        tamper();
        const full = await walk(seal);
        expect(full.firstBrokenLink).not.toBeNull();
        expect((await fromSeal(seal)).firstBrokenLink).toEqual(full.firstBrokenLink);
      },
    );

    it('given the log re-hashed from before the seal, then the sealed head differs', async () => {
      const seal = await givenSealedThenMore();
      editAndRehash(file, 4, (data) => ({ ...data, severity: 'low' }), 'the log');
      expect((await fromSeal(seal)).firstBrokenLink).toMatchObject({
        globalPosition: 10,
        reason: 'the event at the sealed head differs from the sealed one',
      });
    });

    it('given the log cut before the sealed head, then it ends before it', async () => {
      const seal = await givenLog();
      deleteEvents(file, [9, 10]);
      coverTracks(file);
      expect((await fromSeal(seal)).firstBrokenLink).toMatchObject({ globalPosition: 8, reason: 'the log ends before the sealed head' });
    });

    it('given an edit before the seal that was not re-hashed, then only the full verification finds it (what --from-seal does not re-check)', async () => {
      const seal = await givenSealedThenMore();
      withFile(file, (db) => db.prepare(`UPDATE events SET data = '{"name":"Z"}' WHERE global_position = 2`).run());
      expect((await fromSeal(seal)).firstBrokenLink).toBeNull();
      expect((await verifyLog(open(), { seal })).firstBrokenLink).toMatchObject({
        globalPosition: 2,
        reason: 'hash does not match the event',
      });
    });
  });
});
