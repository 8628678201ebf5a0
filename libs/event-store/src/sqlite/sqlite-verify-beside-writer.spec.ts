import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyLog } from '../verify-log';
import { SqliteEventStore } from './sqlite-event-store';

/**
 * `audit verify` runs beside the server: another connection keeps appending to the file while the
 * verification walks it page by page. What was appended after the store's records were read is the
 * next run's to check, never a "broken" verdict on an untouched log.
 */
describe('verifying a sqlite log while another connection appends', () => {
  let directory: string;
  let writer: SqliteEventStore;
  let reader: SqliteEventStore;

  beforeEach(async () => {
    directory = mkdtempSync(join(tmpdir(), 'dd-verify-beside-'));
    writer = new SqliteEventStore(join(directory, 'events.sqlite'));
    reader = new SqliteEventStore(join(directory, 'events.sqlite'));
    for (let index = 0; index < 20; index++) {
      await writer.appendToStream(`supplier-${index}`, [{ type: 'SupplierRegistered', data: { index } }], {
        commandId: `seed-${index}`,
        actor: 'test',
      });
    }
  });

  afterEach(async () => {
    await writer.close();
    await reader.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('given appends of new streams during the walk, then the log verifies up to where the records were read', async () => {
    let appending = true;
    let appended = 0;
    const appends = (async () => {
      while (appending) {
        await writer.appendToStream(`new-${appended}`, [{ type: 'SupplierRegistered', data: { appended } }], {
          commandId: `new-${appended}`,
          actor: 'test',
        });
        appended++;
      }
    })();
    // One event a page: the walk yields between pages, so the writer's appends land while it walks.
    const verification = await verifyLog(reader, { pageSize: 1 }).finally(() => (appending = false));
    await appends;

    expect(appended).toBeGreaterThan(0);
    expect(verification.firstBrokenLink).toBeNull();
    expect(verification.events).toBeGreaterThanOrEqual(20);
    // A later run sees everything, still intact.
    const later = await verifyLog(reader);
    expect(later.firstBrokenLink).toBeNull();
    expect(later.events).toBe(20 + appended);
  });
});
