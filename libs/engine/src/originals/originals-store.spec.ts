import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FilesystemOriginalsStore } from './filesystem-originals-store';
import { MemoryOriginalsStore } from './memory-originals-store';
import { OriginalAltered, sha256Of, type OriginalsStore } from './originals-store';
import { originalsStoreFor } from './originals-store-for';

const workbook = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]);
const other = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 9, 9, 9]);

/** What every OriginalsStore promises (the port), for each adapter. */
describe.each([
  ['filesystem', () => new FilesystemOriginalsStore(mkdtempSync(join(tmpdir(), 'dd-originals-')))],
  ['memory', () => new MemoryOriginalsStore()],
])('OriginalsStore (%s)', (_kind, make: () => OriginalsStore) => {
  let store: OriginalsStore;
  beforeEach(() => (store = make()));
  afterEach(() => {
    if (store instanceof FilesystemOriginalsStore) rmSync(store.root, { recursive: true, force: true });
  });

  it('keeps a file under the SHA-256 of its bytes and gives the same bytes back', async () => {
    const sha256 = sha256Of(workbook);
    expect(await store.has(sha256)).toBe(false);
    expect(await store.get(sha256)).toBeNull();

    expect(await store.put(workbook, 'CMRT 2024 – Acme.xlsx')).toEqual({
      sha256,
      extension: 'xlsx',
      size: workbook.byteLength,
      stored: true,
    });

    expect(await store.has(sha256)).toBe(true);
    const file = await store.get(sha256);
    expect(file).toMatchObject({ sha256, extension: 'xlsx', size: workbook.byteLength });
    expect(Buffer.from(file!.bytes).equals(Buffer.from(workbook))).toBe(true);
  });

  it('stores the same bytes once, whatever name they come under again', async () => {
    await store.put(workbook, 'first.xlsx');
    expect(await store.put(workbook, 'second name.xlsm')).toMatchObject({ stored: false, extension: 'xlsx' });
    expect(await store.put(other, 'no-extension')).toMatchObject({ stored: true, extension: 'bin' });
  });

  it("refuses anything but a SHA-256 as the key (no path of the caller's making)", async () => {
    await expect(store.has('../../etc/passwd')).rejects.toThrow('not a SHA-256');
    await expect(store.get('A'.repeat(64))).rejects.toThrow('not a SHA-256');
  });
});

describe('FilesystemOriginalsStore', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'dd-originals-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('writes <root>/<two hex digits>/<sha256>.<extension>, leaving nothing half-written beside it', async () => {
    const store = new FilesystemOriginalsStore(root);
    const { sha256 } = await store.put(workbook, 'a.xlsx');
    await store.put(workbook, 'a.xlsx');
    expect(readdirSync(root)).toEqual([sha256.slice(0, 2)]);
    expect(readdirSync(join(root, sha256.slice(0, 2)))).toEqual([`${sha256}.xlsx`]);
    expect(Buffer.from(readFileSync(join(root, sha256.slice(0, 2), `${sha256}.xlsx`))).equals(Buffer.from(workbook))).toBe(true);
  });

  it('says when a kept file was changed after it was stored, rather than serve other bytes as the original', async () => {
    const store = new FilesystemOriginalsStore(root);
    const { sha256 } = await store.put(workbook, 'a.xlsx');
    const path = join(root, sha256.slice(0, 2), `${sha256}.xlsx`);
    chmodSync(path, 0o644);
    writeFileSync(path, other);
    await expect(store.get(sha256)).rejects.toThrow(OriginalAltered);
    await expect(store.get(sha256)).rejects.toThrow(`its bytes now hash to ${sha256Of(other)}`);
  });

  it('fails, storing nothing, when the folder cannot be written', async () => {
    writeFileSync(join(root, 'blocked'), 'a file where the folder should be');
    const store = new FilesystemOriginalsStore(join(root, 'blocked'));
    await expect(store.put(workbook, 'a.xlsx')).rejects.toThrow();
    expect(readdirSync(root)).toEqual(['blocked']);
  });
});

describe('originalsStoreFor', () => {
  it('keeps originals in <data dir>/originals on SQLite and on KurrentDB alike (there, storage the servers share), in memory beside the memory store', () => {
    for (const eventStore of ['sqlite', 'kurrentdb'] as const) {
      const store = originalsStoreFor({ eventStore, dataDir: '/srv/dd' });
      expect(store).toBeInstanceOf(FilesystemOriginalsStore);
      expect((store as FilesystemOriginalsStore).root).toBe(join('/srv/dd', 'originals'));
    }
    expect(originalsStoreFor({ eventStore: 'memory', dataDir: '/srv/dd' })).toBeInstanceOf(MemoryOriginalsStore);
  });
});
