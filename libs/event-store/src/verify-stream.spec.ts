import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from './sqlite/sqlite-event-store';
import { verifyStreamUpTo } from './verify-stream';

/** Verifying one event: its stream's chain up to it, on a real SQLite file edited behind the store's back. */
describe('verifying the stream of one event', () => {
  let directory: string;
  let file: string;
  let store: SqliteEventStore;
  const stream = 'supplier-acme';

  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), 'dd-verify-stream-'));
    file = join(directory, 'events.sqlite');
    store = new SqliteEventStore(file);
    await store.appendToStream(stream, [{ type: 'SupplierRegistered', data: { name: 'Acme' } }], { commandId: 'c1', actor: 'user:a' });
    await store.appendToStream(stream, [{ type: 'SupplierRenamed', data: { name: 'Acme Ltd' } }], { commandId: 'c2', actor: 'user:a' });
    await store.appendToStream(stream, [{ type: 'SupplierRenamed', data: { name: 'Acme plc' } }], { commandId: 'c3', actor: 'user:a' });
    await store.appendToStream('supplier-other', [{ type: 'SupplierRegistered', data: { name: 'Other' } }], {
      commandId: 'c4',
      actor: 'user:a',
    });
  });

  afterEach(async () => {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const edit = (sql: string, ...parameters: unknown[]) => {
    const db = new Database(file);
    db.prepare(sql).run(...parameters);
    db.close();
  };
  const eventAt = async (version: number) => (await store.readStream(stream))[version];

  it('given an untouched stream, finds every event intact, counting the events up to it', async () => {
    expect(await verifyStreamUpTo(store, await eventAt(0))).toEqual({ status: 'intact', checkedEvents: 1 });
    expect(await verifyStreamUpTo(store, await eventAt(2))).toEqual({ status: 'intact', checkedEvents: 3 });
  });

  it('given an edited payload, names it as the first broken link of every event from it on, but not of those before', async () => {
    edit('UPDATE events SET data = ? WHERE stream_id = ? AND stream_version = 1', JSON.stringify({ name: 'Mallory Ltd' }), stream);
    const edited = await eventAt(1);
    expect(await verifyStreamUpTo(store, await eventAt(0))).toEqual({ status: 'intact', checkedEvents: 1 });
    for (const version of [1, 2]) {
      expect(await verifyStreamUpTo(store, await eventAt(version))).toEqual({
        status: 'broken',
        checkedEvents: version + 1,
        firstBrokenLink: expect.objectContaining({
          streamId: stream,
          streamVersion: 1,
          globalPosition: edited.globalPosition,
          reason: 'hash does not match the event',
        }),
      });
    }
  });

  it('given an event deleted before it, finds the chain broken at the event that follows the gap', async () => {
    const last = await eventAt(2);
    edit('DELETE FROM events WHERE stream_id = ? AND stream_version = 1', stream);
    expect(await verifyStreamUpTo(store, last)).toEqual({
      status: 'broken',
      checkedEvents: 2,
      firstBrokenLink: expect.objectContaining({ streamVersion: 2, reason: 'prevHash does not match the previous event' }),
    });
  });
});
