import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testSealKey } from '../event-store.contract';
import { sealLog, type SignedLogSeal } from '../log-seal';
import { backdate, coverTracks, deleteEvents, editAndRehash, swapEvents } from '../test-support/tamper';
import { verifyLog, type LogVerification } from '../verify-log';
import { SqliteEventStore } from './sqlite-event-store';

/**
 * Someone with write access to the sqlite file edits it directly. Given a log of 10 events in three
 * streams, sealed at its head, each spec tampers with the file and asks `verifyLog` for its verdict,
 * without and with the seal. Positions:
 *   1 supplier-a v0, 2 supplier-b v0, 3 supplier-a v1, 4 risk-c v0, 5 supplier-b v1,
 *   6 risk-c v1, 7 supplier-a v2, 8 supplier-b v2, 9 risk-c v2, 10 supplier-a v3
 */
describe('a tampered sqlite log', () => {
  let directory: string;
  let file: string;
  let seal: SignedLogSeal;

  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), 'dd-tamper-'));
    file = join(directory, 'events.sqlite');
    const store = new SqliteEventStore(file);
    const append = (streamId: string, type: string, data: unknown, commandId: string) =>
      store.appendToStream(streamId, [{ type, data }], { commandId, actor: 'user:alice' });
    const plan: Array<[string, string, unknown]> = [
      ['supplier-a', 'SupplierRegistered', { name: 'A' }],
      ['supplier-b', 'SupplierRegistered', { name: 'B' }],
      ['supplier-a', 'SupplierOwnerAssigned', { owner: 'buyer-1' }],
      ['risk-c', 'RiskRaised', { severity: 'high', reason: 'first flag' }],
      ['supplier-b', 'SupplierOwnerAssigned', { owner: 'buyer-2' }],
      ['risk-c', 'RiskAssessed', { likelihood: 'likely' }],
      ['supplier-a', 'SupplierContactAdded', { email: 'a@example.com' }],
      ['supplier-b', 'SupplierContactAdded', { email: 'b@example.com' }],
      ['risk-c', 'MitigationDecided', { plan: 'audit' }],
      ['supplier-a', 'SupplierStatusChanged', { status: 'inactive' }],
    ];
    for (const [index, [streamId, type, data]] of plan.entries()) await append(streamId, type, data, `cmd-${index + 1}`);
    seal = (await sealLog(store, testSealKey())).seal;
    await store.close();
  });

  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  async function verdicts(): Promise<{ alone: LogVerification; sealed: LogVerification }> {
    const store = new SqliteEventStore(file);
    try {
      const head = { position: seal.statement.head.position, hash: seal.statement.head.hash, logDigest: seal.statement.logDigest };
      return { alone: await verifyLog(store), sealed: await verifyLog(store, { seal: head }) };
    } finally {
      await store.close();
    }
  }

  it('verifies untouched, with and without its seal', async () => {
    const { alone, sealed } = await verdicts();
    expect(alone.firstBrokenLink).toBeNull();
    expect(alone).toMatchObject({
      events: 10,
      streams: 3,
      formats: { streamChained: 0, logChained: 10, firstLogChained: 1 },
      bookkeepingChecked: true,
    });
    expect(sealed.firstBrokenLink).toBeNull();
    expect(sealed.seal).toEqual({ position: 10, reached: true, matches: true });
  });

  describe('deleting the last event of a stream', () => {
    it('leaves a gap in the positions, named where the log goes on', async () => {
      deleteEvents(file, [5]); // supplier-b v1
      const { alone, sealed } = await verdicts();
      for (const verdict of [alone, sealed]) {
        expect(verdict.firstBrokenLink).toMatchObject({
          globalPosition: 6,
          streamId: 'risk-c',
          streamVersion: 1,
          reason: 'global position out of sequence',
          expected: 'position 5',
          actual: 'position 6',
        });
      }
    });

    it("shows in the store's record of the stream when it was also the end of the log", async () => {
      deleteEvents(file, [10]); // supplier-a v3, the log's last event
      const { alone, sealed } = await verdicts();
      expect(alone.firstBrokenLink).toMatchObject({
        streamId: 'supplier-a',
        streamVersion: 2,
        globalPosition: 7,
        reason: "the store's record of the stream differs from its last event",
      });
      expect(alone.firstBrokenLink!.expected).toMatch(/^version 3, hash [0-9a-f]{64} \(recorded\)$/);
      expect(sealed.firstBrokenLink).toMatchObject({ streamId: 'supplier-a', globalPosition: 7 });
    });
  });

  describe('deleting the last events of the log', () => {
    it("is caught by the store's records of its streams and head", async () => {
      deleteEvents(file, [9, 10]);
      const { alone } = await verdicts();
      expect(alone.firstBrokenLink).toMatchObject({
        streamId: 'risk-c',
        streamVersion: 1,
        globalPosition: 6,
        reason: "the store's record of the stream differs from its last event",
      });
    });

    it('is caught only against a seal once those records were made to agree', async () => {
      deleteEvents(file, [9, 10]);
      coverTracks(file);
      const { alone, sealed } = await verdicts();
      expect(alone.firstBrokenLink).toBeNull();
      expect(sealed.firstBrokenLink).toMatchObject({
        globalPosition: 8,
        reason: 'the log ends before the sealed head',
        expected: `position 10, hash ${seal.statement.head.hash}`,
        actual: 'the log ends at position 8',
      });
      expect(sealed.seal).toEqual({ position: 10, reached: false, matches: false });
    });
  });

  it('swapping two adjacent events of different streams breaks the log chain at the first of them', async () => {
    swapEvents(file, 5, 6); // supplier-b v1 and risk-c v1
    const { alone, sealed } = await verdicts();
    for (const verdict of [alone, sealed]) {
      expect(verdict.firstBrokenLink).toMatchObject({
        globalPosition: 5,
        streamId: 'risk-c',
        streamVersion: 1,
        reason: 'logPrevHash does not match the previous event of the log',
      });
    }
  });

  describe('editing an event and re-hashing what follows it', () => {
    it('breaks the log chain at the next event when only its stream was re-hashed', async () => {
      editAndRehash(file, 4, (data) => ({ ...data, reason: 'nothing to see' }), 'its stream');
      const { alone, sealed } = await verdicts();
      for (const verdict of [alone, sealed]) {
        expect(verdict.firstBrokenLink).toMatchObject({
          globalPosition: 5,
          streamId: 'supplier-b',
          reason: 'logPrevHash does not match the previous event of the log',
        });
      }
    });

    it('is caught only against a seal when the whole log after it was re-hashed', async () => {
      editAndRehash(file, 4, (data) => ({ ...data, reason: 'nothing to see' }), 'the log');
      const { alone, sealed } = await verdicts();
      expect(alone.firstBrokenLink).toBeNull();
      expect(sealed.firstBrokenLink).toMatchObject({
        globalPosition: 10,
        streamId: 'supplier-a',
        reason: 'the event at the sealed head differs from the sealed one',
        expected: `position 10, hash ${seal.statement.head.hash}`,
      });
    });
  });

  describe('backdating when an event was recorded', () => {
    it('shows when only the unhashed recorded_at column was changed, and replays ignore it', async () => {
      const store = new SqliteEventStore(file);
      const [sixth] = await store.readAll({ after: 5, maxCount: 1 });
      await store.close();
      backdate(file, 6, '2000-01-01T00:00:00.000Z');

      const { alone, sealed } = await verdicts();
      for (const verdict of [alone, sealed]) {
        expect(verdict.firstBrokenLink).toMatchObject({
          globalPosition: 6,
          streamId: 'risk-c',
          streamVersion: 1,
          reason: 'recorded_at column differs from the hashed recordedAt',
          expected: sixth.metadata.recordedAt,
          actual: '2000-01-01T00:00:00.000Z',
        });
      }
      const reopened = new SqliteEventStore(file);
      try {
        expect(await reopened.readAll({ recordedUntil: '2001-01-01T00:00:00.000Z' })).toEqual([]);
        expect((await reopened.readAll({ recordedUntil: sixth.metadata.recordedAt })).map((event) => event.globalPosition)).toContain(6);
      } finally {
        await reopened.close();
      }
    });

    it('breaks the hash when the hashed recordedAt was changed too', async () => {
      backdate(file, 6, '2000-01-01T00:00:00.000Z', { alsoMetadata: true });
      const { alone } = await verdicts();
      expect(alone.firstBrokenLink).toMatchObject({ globalPosition: 6, reason: 'hash does not match the event' });
    });
  });
});
