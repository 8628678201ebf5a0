import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { patchDeclaredSize } from '@dd/cmrt/testing';
import { deflatedEntry, inflatingEntry, writeRawZip } from '@dd/cmrt/testing';
import { listBatch } from './batch-files';

describe('listBatch', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dd-batch-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lists the workbooks of a folder recursively, sorted, without lock files, resource forks or hidden files', () => {
    mkdirSync(join(dir, 'b', 'deeper'), { recursive: true });
    mkdirSync(join(dir, '__MACOSX'));
    for (const name of [
      'z.xlsx',
      'A.XLSX',
      'b/old.xls',
      'b/deeper/c.xlsm',
      '~$z.xlsx',
      '.hidden.xlsx',
      'b/._c.xlsx',
      '__MACOSX/x.xlsx',
      'notes.txt',
      'b/scan.pdf',
    ]) {
      writeFileSync(join(dir, name), name);
    }
    const batch = listBatch(dir);
    expect(batch.files.map((file) => [file.name, file.size])).toEqual([
      ['A.XLSX', 6],
      ['b/deeper/c.xlsm', 15],
      ['b/old.xls', 9],
      ['z.xlsx', 6],
    ]);
    expect(new TextDecoder().decode(batch.files[0].read())).toBe('A.XLSX');
    expect(batch.skipped).toEqual(['b/scan.pdf', 'notes.txt']);
  });

  it('lists the workbooks of a zip and inflates one only when read; an entry declaring more than the limit is never inflated', () => {
    const zip = zipSync({
      'in/a.xlsx': strToU8('first'),
      'in/b.xlsx': strToU8('second'),
      'in/~$a.xlsx': strToU8('lock'),
      '__MACOSX/in/._a.xlsx': strToU8('fork'),
      'in/readme.md': strToU8('hello'),
      'in/sub/': new Uint8Array(0),
    });
    const path = join(dir, 'batch.zip');
    writeFileSync(path, patchDeclaredSize(zip, 'in/b.xlsx', 3_000_000_000));
    const batch = listBatch(path);
    expect(batch.files.map((file) => [file.name, file.size])).toEqual([
      ['in/a.xlsx', 5],
      ['in/b.xlsx', 3_000_000_000],
    ]);
    expect(batch.skipped).toEqual(['in/readme.md']);
    expect(new TextDecoder().decode(batch.files[0].read())).toBe('first');
    expect(() => batch.files[1].read()).toThrow(/declares 3000000000 bytes/);
  });

  it('given a batch zip whose workbook entry says 64 KB and inflates to 150 MB, when it is read, then it is refused, never truncated into a workbook', () => {
    const lying = { ...inflatingEntry('in/bomb.xlsx', { head: 'PK', byte: 0x20, times: 150 * 1024 * 1024, tail: 'end' }), size: 64 * 1024 };
    const path = join(dir, 'batch.zip');
    writeFileSync(path, writeRawZip([deflatedEntry('in/a.xlsx', 'first'), lying]));
    const batch = listBatch(path);
    expect(batch.files.map((file) => [file.name, file.size])).toEqual([
      ['in/a.xlsx', 5],
      ['in/bomb.xlsx', 64 * 1024],
    ]);
    expect(new TextDecoder().decode(batch.files[0].read())).toBe('first');
    expect(() => batch.files[1].read()).toThrow(/expands beyond the 65536 bytes/);
  });

  it('takes a single workbook, and refuses what is none of these', () => {
    writeFileSync(join(dir, 'one.xlsx'), 'x');
    writeFileSync(join(dir, 'one.txt'), 'x');
    expect(listBatch(join(dir, 'one.xlsx')).files.map((file) => file.name)).toEqual(['one.xlsx']);
    expect(() => listBatch(join(dir, 'one.txt'))).toThrow(/neither a folder, a \.zip nor a workbook/);
    writeFileSync(join(dir, 'broken.zip'), 'not a zip');
    expect(() => listBatch(join(dir, 'broken.zip'))).toThrow(/is not a readable zip archive/);
  });
});
