import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commandFingerprint } from '../command-fingerprint';
import type { EventMetadata } from '../event-envelope';
import { testSealKey } from '../event-store.contract';
import { eventHash, firstBrokenLink, GENESIS_HASH } from '../hash-chain';
import { sealLog } from '../log-seal';
import { deleteEvents, editAndRehash, rowAt, swapEvents, withFile } from '../test-support/tamper';
import { verifyLog } from '../verify-log';
import { SqliteEventStore } from './sqlite-event-store';

/**
 * A log written before the log-wide chain (test-support/fixtures/v1-log.sqlite: 20 stream-chained
 * events in 11 streams, schema 1) keeps verifying under its own rules, and new events continue it.
 */
describe('a sqlite log written before the log-wide chain', () => {
  const fixture = join(__dirname, '../test-support/fixtures/v1-log.sqlite');
  let directory: string;
  let file: string;
  const opened: SqliteEventStore[] = [];
  const open = () => {
    const store = new SqliteEventStore(file);
    opened.push(store);
    return store;
  };
  const rows = (path: string) => {
    const db = new Database(path, { readonly: true });
    try {
      return db.prepare('SELECT * FROM events ORDER BY global_position').all();
    } finally {
      db.close();
    }
  };

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'dd-v1-log-'));
    file = join(directory, 'events.sqlite');
    copyFileSync(fixture, file);
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    rmSync(directory, { recursive: true, force: true });
  });

  it('verifies under its own rules, and is migrated without an event being touched', async () => {
    const before = rows(file);
    const store = open();
    const verification = await verifyLog(store);
    expect(verification.firstBrokenLink).toBeNull();
    expect(verification).toMatchObject({
      events: 20,
      streams: 11,
      formats: { streamChained: 20, logChained: 0, firstLogChained: null },
      bookkeepingChecked: true,
    });
    await store.close();
    expect(rows(file)).toEqual(before);
    withFile(file, (db) => {
      expect(db.pragma('user_version', { simple: true })).toBe(2);
      expect(db.prepare('SELECT position, hash FROM log_head').get()).toEqual({
        position: 20,
        hash: (JSON.parse(rowAt(db, 20).metadata) as EventMetadata).hash,
      });
    });
  });

  it('links the first new event to the last old one, and verifies the mixed log', async () => {
    const store = open();
    const [last] = await store.readAll({ after: 19 });
    await store.appendToStream(
      'supplier-mr-1',
      [
        { type: 'SupplierStatusChanged', data: { status: 'inactive' } },
        { type: 'Noted', data: {} },
      ],
      {
        commandId: 'new-1',
        actor: 'user:carol',
      },
    );
    const [first, second] = await store.readAll({ after: 20 });
    expect(first).toMatchObject({ globalPosition: 21, streamId: 'supplier-mr-1', streamVersion: 3 });
    expect(first.metadata.logPrevHash).toBe(last.metadata.hash);
    expect(second.metadata.logPrevHash).toBe(first.metadata.hash);
    // A stream may start stream-chained and go on log-chained.
    expect(firstBrokenLink(await store.readStream('supplier-mr-1'))).toBeNull();

    const verification = await verifyLog(store);
    expect(verification.firstBrokenLink).toBeNull();
    expect(verification.formats).toEqual({ streamChained: 20, logChained: 2, firstLogChained: 21 });
  });

  it('takes a stream-chained event after a log-chained one for a break', async () => {
    const store = open();
    await store.appendToStream(
      'supplier-mr-1',
      [
        { type: 'A', data: {} },
        { type: 'B', data: {} },
      ],
      { commandId: 'new-2', actor: 'user:carol' },
    );
    await store.close();
    // Event 22 rewritten in the old format, its hash recomputed by the old rules and the records updated.
    withFile(file, (db) => {
      const row = rowAt(db, 22);
      const { hash: _hash, logPrevHash: _logPrevHash, ...rest } = JSON.parse(row.metadata) as EventMetadata;
      const oldStyle = eventHash({
        streamId: row.stream_id,
        streamVersion: row.stream_version,
        type: row.type,
        data: JSON.parse(row.data),
        metadata: rest,
      });
      db.prepare('UPDATE events SET metadata = ? WHERE global_position = 22').run(JSON.stringify({ ...rest, hash: oldStyle }));
      db.prepare("UPDATE streams SET last_hash = ? WHERE stream_id = 'supplier-mr-1'").run(oldStyle);
      db.prepare('UPDATE log_head SET hash = ?').run(oldStyle);
    });
    const reopened = open();
    const expected = {
      globalPosition: 22,
      streamId: 'supplier-mr-1',
      streamVersion: 4,
      reason: 'a stream-chained event follows a log-chained one',
    };
    expect((await verifyLog(reopened)).firstBrokenLink).toMatchObject(expected);
    expect(firstBrokenLink(await reopened.readStream('supplier-mr-1'))).toMatchObject(expected);
  });

  it('answers a retry of an old command whatever its fingerprint: old commands were recorded without one', async () => {
    const store = open();
    const retried = await store.appendToStream('supplier-mr-1', [{ type: 'SupplierRegistered', data: {} }], {
      commandId: 'register-mr-1',
      actor: 'bob',
      fingerprint: commandFingerprint('RegisterSupplier', { supplierId: 'mr-1' }),
    });
    expect(retried).toMatchObject({ streamId: 'supplier-mr-1', globalPositions: [3], duplicate: true });
  });

  describe('tampered with', () => {
    it('shows a deleted event as a gap in the positions', async () => {
      deleteEvents(file, [13]); // survey-2024-mr-1 v1
      expect((await verifyLog(open())).firstBrokenLink).toMatchObject({ globalPosition: 14, reason: 'global position out of sequence' });
    });

    it('shows reordered events of different streams only against a seal: old hashes do not cover the order', async () => {
      const store = open();
      const { seal } = await sealLog(store, testSealKey());
      await store.close();
      swapEvents(file, 15, 16); // supplier-mr-1 v2 and supplier-jx v1
      const reopened = open();
      expect((await verifyLog(reopened)).firstBrokenLink).toBeNull();
      const head = { position: seal.statement.head.position, hash: seal.statement.head.hash, logDigest: seal.statement.logDigest };
      expect((await verifyLog(reopened, { seal: head })).firstBrokenLink).toMatchObject({
        globalPosition: 20,
        reason: 'the log up to the sealed head differs from the sealed one',
        expected: seal.statement.logDigest,
      });
    });

    it('shows an edited event whose stream was re-hashed only against a seal', async () => {
      const store = open();
      const { seal } = await sealLog(store, testSealKey());
      await store.close();
      editAndRehash(file, 18, (data) => ({ ...data, rationale: 'nothing to see' }), 'its stream'); // risk v1 of 0-3
      const reopened = open();
      expect((await verifyLog(reopened)).firstBrokenLink).toBeNull();
      const head = { position: seal.statement.head.position, hash: seal.statement.head.hash, logDigest: seal.statement.logDigest };
      expect((await verifyLog(reopened, { seal: head })).firstBrokenLink).toMatchObject({
        globalPosition: 20,
        reason: 'the event at the sealed head differs from the sealed one',
      });
    });
  });

  it('starts an empty schema-2 log at the genesis', async () => {
    const empty = join(directory, 'empty.sqlite');
    const store = new SqliteEventStore(empty);
    opened.push(store);
    await store.appendToStream('s', [{ type: 'A', data: {} }], { commandId: 'c', actor: 'u' });
    const [event] = await store.readAll();
    expect(event.metadata.logPrevHash).toBe(GENESIS_HASH);
  });
});
