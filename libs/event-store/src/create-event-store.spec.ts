import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEventStore, SQLITE_FILE_NAME } from './create-event-store';

describe('createEventStore', () => {
  it('makes a memory store', async () => {
    const store = createEventStore({ kind: 'memory' });
    expect(store.kind).toBe('memory');
    await store.close();
  });

  it('makes a sqlite store in <dataDir>/events.sqlite, creating the directory', async () => {
    const root = mkdtempSync(join(tmpdir(), 'dd-create-store-'));
    const dataDir = join(root, 'nested', 'data');
    try {
      const store = createEventStore({ kind: 'sqlite', dataDir });
      expect(store.kind).toBe('sqlite');
      expect(existsSync(join(dataDir, SQLITE_FILE_NAME))).toBe(true);
      await store.close();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('refuses kurrentdb without a connection string', () => {
    const saved = process.env.KURRENTDB_CONNECTION_STRING;
    delete process.env.KURRENTDB_CONNECTION_STRING;
    try {
      expect(() => createEventStore({ kind: 'kurrentdb' })).toThrow(/KURRENTDB_CONNECTION_STRING/);
    } finally {
      if (saved !== undefined) process.env.KURRENTDB_CONNECTION_STRING = saved;
    }
  });
});
