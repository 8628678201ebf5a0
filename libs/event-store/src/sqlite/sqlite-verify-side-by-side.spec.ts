import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventMetadata } from '../event-envelope';
import type { EventStore } from '../event-store.port';
import { testSealKey } from '../event-store.contract';
import { sealLog } from '../log-seal';
import { editAndRehash, relinkAndRehash, rowAt, withFile } from '../test-support/tamper';
import { verifyLog, type LogVerification, type SealedHead } from '../verify-log';
import { verifyStoredLog } from '../verify-stored-log';
import { storedTextDigest } from '../verify-stored-range';
import { SqliteEventStore } from './sqlite-event-store';

/**
 * An append of several events to one stream writes them side by side in the log. The stored pass
 * then leaves the link between two such neighbours out of the stream-link sums (it would enter both
 * and cancel), and hashes each event from its stored text as UTF-8 bytes. Both must give the decoding
 * walk's answer: on an intact log with text of every kind, and on a log whose neighbours were relinked.
 */
describe('verifying a sqlite log whose streams have events side by side', () => {
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
  /** In this thread, a page of two events at a time, and in two workers, ranges of three. */
  const storedPasses = async (seal?: SealedHead): Promise<Array<LogVerification | null>> => {
    const answers: Array<LogVerification | null> = [];
    for (const options of [{ pageSize: 2 }, { pageSize: 500, workers: 2, rangeSize: 3 }]) {
      const store = open();
      const snapshot = store.storedLog();
      try {
        answers.push(await verifyStoredLog(store, snapshot, { ...options, seal }));
      } finally {
        snapshot.close();
      }
    }
    return answers;
  };
  const walk = async (seal?: SealedHead) => verifyLog(decoding(open()), { seal });
  const hashAt = (position: number) => withFile(file, (db) => (JSON.parse(rowAt(db, position).metadata) as EventMetadata).hash);

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'dd-verify-side-by-side-'));
    file = join(directory, 'events.sqlite');
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    rmSync(directory, { recursive: true, force: true });
  });

  /**
   * 1 a0, 2 b0, 3 a1, 4 a2, 5 b1, 6 b2, 7 c0, 8 c1, 9 c2, 10 a3: a1 and a2, b1 and b2, c0 to c2 each
   * appended at once. With ranges of three, b1 (5) and b2 (6) share one, c0 (7) ends one and c1 (8)
   * begins the next.
   */
  async function givenLog(): Promise<SealedHead> {
    const store = open();
    const appends: Array<[string, Array<Record<string, unknown>>]> = [
      ['lieferant-ä', [{ name: 'Müller & Söhne' }]],
      ['supplier-b', [{ name: 'B' }]],
      ['lieferant-ä', [{ note: 'ünïcode 👍, "quotes", \\ and a lone \ud800' }, { owner: '买家' }]],
      ['supplier-b', [{ owner: 'buyer-2' }, { email: 'b@example.com' }]],
      ['risk-c', [{ severity: 'high' }, { likelihood: 'likely' }, { plan: 'audit\n✓' }]],
      ['lieferant-ä', [{ status: 'inactive' }]],
    ];
    for (const [index, [streamId, events]] of appends.entries()) {
      await store.appendToStream(
        streamId,
        events.map((data, at) => ({ type: `Geändert${index}.${at}`, data })),
        { commandId: `cmd-${index + 1}`, actor: 'user:zoë' },
      );
    }
    const { seal } = await sealLog(store, testSealKey());
    return { position: seal.statement.head.position, hash: seal.statement.head.hash, logDigest: seal.statement.logDigest };
  }

  it('given events of one stream side by side and text beyond ASCII, then every pass proves the log intact with the walk’s answer', async () => {
    const seal = await givenLog();
    const expected = await walk(seal);
    expect(expected).toMatchObject({ events: 10, streams: 3, firstBrokenLink: null, seal: { matches: true } });
    expect(await storedPasses(seal)).toEqual([expected, expected]);
  });

  it('given text beyond ASCII in payloads, ids, types and actor, then each event hashes from its stored text as stored', async () => {
    await givenLog();
    const rows = withFile(file, (db) => Array.from({ length: 10 }, (_, index) => rowAt(db, index + 1)));
    for (const row of rows) {
      const stored = {
        globalPosition: row.global_position,
        streamId: row.stream_id,
        streamVersion: row.stream_version,
        type: row.type,
        data: row.data,
        metadata: row.metadata,
        recordedAt: row.recorded_at,
      };
      expect(storedTextDigest(stored, true)).toBe((JSON.parse(row.metadata) as EventMetadata).hash);
    }
  });

  const cases: Array<[string, () => void, number]> = [
    // a2 (4) claims a0's hash: its neighbour a1 (3) is its stream's previous version, but not the link it names.
    [
      "an event pointed past its neighbour to its stream's earlier event, the whole log re-hashed",
      () => relinkAndRehash(file, new Map([[4, hashAt(1)]])),
      4,
    ],
    [
      "an event pointed at another stream's event instead of its neighbour, the whole log re-hashed",
      () => relinkAndRehash(file, new Map([[6, hashAt(4)]])),
      6,
    ],
    [
      'an edited event between two neighbours, its stream re-hashed',
      () => editAndRehash(file, 8, (data) => ({ ...data, likelihood: 'rare' }), 'its stream'),
      9,
    ],
  ];

  it.each(cases)('given %s, then no pass calls it intact, and the walk names the break', async (_name, tamper, at) => {
    await givenLog();
    tamper();
    expect(await storedPasses()).toEqual([null, null]);
    expect((await walk()).firstBrokenLink).toMatchObject({ globalPosition: at });
  });
});
