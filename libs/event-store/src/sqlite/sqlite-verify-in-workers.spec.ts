import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventMetadata } from '../event-envelope';
import type { EventStore } from '../event-store.port';
import { testSealKey } from '../event-store.contract';
import { sealLog } from '../log-seal';
import { coverTracks, deleteEvents, editAndRehash, relinkAndRehash, rowAt, withFile } from '../test-support/tamper';
import { verifyLog, type LogVerification, type SealedHead } from '../verify-log';
import { verifyStoredLog } from '../verify-stored-log';
import { SqliteEventStore } from './sqlite-event-store';

/**
 * `audit verify` on a big sqlite log cuts it into ranges of positions verified by worker threads in
 * parallel, and joins them in order (log digest, links across range borders, summed stream links).
 * Here the ranges are three events long and two workers share them: the first worker is given ranges
 * (0,3] and (3,6], the second (6,9] and (9,10]. The answer must be the decoding walk's on an intact
 * log, and never "intact" on a log the walk finds broken, wherever the break falls.
 */
describe('verifying a sqlite log in worker threads, range by range', () => {
  let directory: string;
  let file: string;
  const opened: SqliteEventStore[] = [];
  const open = () => {
    const store = new SqliteEventStore(file);
    opened.push(store);
    return store;
  };
  const decoding = (store: SqliteEventStore): EventStore =>
    new Proxy(store, { get: (target, key) => (key === 'storedLog' ? undefined : Reflect.get(target, key, target)) });
  const inWorkers = async (seal?: SealedHead): Promise<LogVerification | null> => {
    const store = open();
    const snapshot = store.storedLog();
    try {
      return await verifyStoredLog(store, snapshot, { pageSize: 500, seal, workers: 2, rangeSize: 3 });
    } finally {
      snapshot.close();
    }
  };
  const walk = async (seal?: SealedHead) => verifyLog(decoding(open()), { seal });

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'dd-verify-workers-'));
    file = join(directory, 'events.sqlite');
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    rmSync(directory, { recursive: true, force: true });
  });

  /** 10 events in three streams: 1 a0, 2 b0, 3 a1, 4 c0, 5 b1, 6 c1, 7 a2, 8 b2, 9 c2, 10 a3. */
  async function givenLog(): Promise<SealedHead> {
    const store = open();
    const plan = [
      'supplier-a',
      'supplier-b',
      'supplier-a',
      'risk-c',
      'supplier-b',
      'risk-c',
      'supplier-a',
      'supplier-b',
      'risk-c',
      'supplier-a',
    ];
    for (const [index, streamId] of plan.entries()) {
      await store.appendToStream(streamId, [{ type: `Happened${index}`, data: { index, note: 'ünïcode "quoted"' } }], {
        commandId: `cmd-${index + 1}`,
        actor: 'user:alice',
      });
    }
    const { seal } = await sealLog(store, testSealKey());
    return { position: seal.statement.head.position, hash: seal.statement.head.hash, logDigest: seal.statement.logDigest };
  }

  it('given an untouched log, then the workers prove it intact with the answer of the decoding walk, sealed head and digest included', async () => {
    const seal = await givenLog();
    const answer = await inWorkers(seal);
    expect(answer).not.toBeNull();
    expect(answer).toEqual(await walk(seal));
    expect(answer).toMatchObject({ events: 10, streams: 3, seal: { reached: true, matches: true }, head: { globalPosition: 10 } });
  });

  it('given ranges of one event, more than the workers may hold ahead, then the answers are still joined in position order', async () => {
    const seal = await givenLog();
    const store = open();
    const snapshot = store.storedLog();
    try {
      expect(await verifyStoredLog(store, snapshot, { pageSize: 500, seal, workers: 2, rangeSize: 1 })).toEqual(await walk(seal));
    } finally {
      snapshot.close();
    }
  });

  it('given a log written before the log-wide chain and continued since, then the formats join across the ranges', async () => {
    copyFileSync(join(__dirname, '../test-support/fixtures/v1-log.sqlite'), file);
    await open().appendToStream('supplier-jx', [{ type: 'SupplierRenamed', data: { name: 'JX' } }], { commandId: 'rename', actor: 'bob' });
    const answer = await inWorkers();
    expect(answer).not.toBeNull();
    expect(answer).toEqual(await walk());
    expect(answer!.formats).toEqual({ streamChained: 20, logChained: 1, firstLogChained: 21 });
  });

  const cases: Array<[string, () => void, { at: number; caught: 'alone' | 'only against the seal' }]> = [
    [
      "an edited payload inside the second worker's range",
      () => withFile(file, (db) => db.prepare(`UPDATE events SET data = '{"index":70}' WHERE global_position = 8`).run()),
      { at: 8, caught: 'alone' },
    ],
    [
      // Risk-c's events 6 and 9 end ranges: re-hashed, each range still holds on its own, and only the
      // log links from 6 to 7 and from 9 to 10, across the borders, are broken.
      'an edited event re-hashed with its stream, so that only log links across range borders break',
      () => editAndRehash(file, 6, (data) => ({ ...data, index: 60 }), 'its stream'),
      { at: 7, caught: 'alone' },
    ],
    ['the first event of a range deleted', () => deleteEvents(file, [7]), { at: 8, caught: 'alone' }],
    ['the last event of the log deleted', () => deleteEvents(file, [10]), { at: 7, caught: 'alone' }],
    [
      // Hashes, log chain and records agree; the two stream chains cross between the workers' ranges.
      "two streams linked to each other across the workers' ranges, the whole log re-hashed",
      () => {
        const hashAt = (position: number) => withFile(file, (db) => (JSON.parse(rowAt(db, position).metadata) as EventMetadata).hash);
        relinkAndRehash(
          file,
          new Map([
            [8, hashAt(3)],
            [7, hashAt(5)],
          ]),
        );
      },
      { at: 7, caught: 'alone' },
    ],
    [
      "an edited event in the second worker's range, the whole log re-hashed",
      () => editAndRehash(file, 8, (data) => ({ ...data, index: 80 }), 'the log'),
      { at: 10, caught: 'only against the seal' },
    ],
    [
      'the last events deleted, the records made to agree',
      () => (deleteEvents(file, [9, 10]), coverTracks(file)),
      { at: 8, caught: 'only against the seal' },
    ],
  ];

  it.each(cases)(
    'given %s, then the workers do not call it intact, and the walk names the break',
    async (_name, tamper, { at, caught }) => {
      const seal = await givenLog();
      tamper();
      if (caught === 'alone') {
        expect(await inWorkers()).toBeNull();
        expect((await walk()).firstBrokenLink).toMatchObject({ globalPosition: at });
      } else {
        expect(await inWorkers()).not.toBeNull();
      }
      expect(await inWorkers(seal)).toBeNull();
      expect((await walk(seal)).firstBrokenLink).toMatchObject({ globalPosition: at });
    },
  );

  it('given a worker that cannot read the log, then the verification fails with its error instead of answering', async () => {
    await givenLog();
    const store = open();
    const snapshot = store.storedLog();
    try {
      // The snapshot's own connection still reads the removed file; a worker opening it by name cannot.
      rmSync(file);
      await expect(verifyStoredLog(store, snapshot, { pageSize: 500, workers: 2, rangeSize: 3 })).rejects.toThrow(
        /a worker thread verifying .* failed/,
      );
    } finally {
      snapshot.close();
    }
  });
});
