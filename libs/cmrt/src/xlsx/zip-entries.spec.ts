import { crc32 } from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import { deflatedEntry, inflatingEntry, readRawZip, viewOf, writeRawZip, zipLayout, type RawZipEntry } from '../test-support/zip-surgery';
import { WorkbookProblem } from './workbook-problem';
import { ZipEntries } from './zip-entries';

describe('ZipEntries', () => {
  const zip = zipSync({
    'xl/workbook.xml': strToU8('<workbook/>'),
    'xl/worksheets/sheet1.xml': new Uint8Array(1000),
    'big.bin': new Uint8Array(50_000),
  });

  it('lists entries with declared sizes and inflates only what is asked for', () => {
    const entries = ZipEntries.open(zip);
    expect(entries.names()).toEqual(['xl/workbook.xml', 'xl/worksheets/sheet1.xml', 'big.bin']);
    expect(entries.entry('big.bin')?.size).toBe(50_000);
    const read = entries.read(['xl/workbook.xml', 'missing.xml']);
    expect([...read.keys()]).toEqual(['xl/workbook.xml']);
    expect(new TextDecoder().decode(read.get('xl/workbook.xml'))).toBe('<workbook/>');
  });

  it('finds parts case-insensitively, with a leading slash or backslashes', () => {
    const entries = ZipEntries.open(zipSync({ 'XL\\Workbook.xml': strToU8('<w/>') }));
    expect(entries.has('xl/workbook.xml')).toBe(true);
    expect(entries.read(['/xl/workbook.xml']).get('/xl/workbook.xml')).toHaveLength(4);
  });

  it('counts every read against the budget, before inflating', () => {
    const entries = ZipEntries.open(zip, 50_500);
    entries.read(['xl/worksheets/sheet1.xml']);
    expect(() => entries.read(['big.bin'])).toThrow(
      expect.objectContaining({ code: 'too-large', detail: { declaredBytes: 51_000, limitBytes: 50_500 } }),
    );
  });

  it('reports an unreadable archive as corrupt', () => {
    expect(() => ZipEntries.open(zip.subarray(0, 100))).toThrow(WorkbookProblem);
    expect(() => ZipEntries.open(zip.subarray(0, 100))).toThrow(expect.objectContaining({ code: 'corrupt-zip' }));
  });

  it('reads what other writers legitimately produce: stored entries, data descriptors, ZIP64, a trailing comment', () => {
    const stored: RawZipEntry = {
      name: 'stored.xml',
      method: 0,
      flags: 0,
      crc: crc32(strToU8('<stored/>')),
      size: 9,
      data: strToU8('<stored/>'),
    };
    const entries = [deflatedEntry('a.xml', '<a>'.repeat(1000)), stored];
    for (const options of [{}, { dataDescriptors: true }, { zip64: true }, { dataDescriptors: true, zip64: true }]) {
      const read = ZipEntries.open(writeRawZip(entries, options)).read(['a.xml', 'stored.xml']);
      expect(new TextDecoder().decode(read.get('a.xml'))).toBe('<a>'.repeat(1000));
      expect(new TextDecoder().decode(read.get('stored.xml'))).toBe('<stored/>');
    }
    const commented = new Uint8Array([...zip, ...strToU8('a comment')]);
    viewOf(commented).setUint16(zip.length - 2, 9, true);
    expect(ZipEntries.open(commented).names()).toHaveLength(3);
  });
});

describe('ZipEntries refuses an archive that lies about what it holds', () => {
  const sheet = '<worksheet><sheetData><row r="8"><c r="D8" t="inlineStr"><is><t>ACME</t></is></c></row></sheetData></worksheet>';
  const refusal = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      if (error instanceof WorkbookProblem) return { code: error.code, message: error.message };
      throw error;
    }
    throw new Error('expected a WorkbookProblem');
  };
  const readAll = (bytes: Uint8Array) => {
    const entries = ZipEntries.open(bytes);
    return entries.read(entries.names());
  };

  it('an entry declaring 64 KB that inflates to 150 MB: stopped at the cap, refused as corrupt', () => {
    const bomb = inflatingEntry('xl/worksheets/sheet1.xml', {
      head: '<worksheet><!--',
      byte: 0x20,
      times: 150 * 1024 * 1024,
      tail: `-->${sheet}`,
    });
    expect(bomb.data.length).toBeLessThan(1024 * 1024);
    const lying = writeRawZip([{ ...bomb, size: 64 * 1024 }]);
    expect(refusal(() => readAll(lying))).toEqual({
      code: 'corrupt-zip',
      message: 'the part xl/worksheets/sheet1.xml expands beyond the 65536 bytes the archive declares for it',
    });
  });

  it('inflating stops at the declared size: damage placed after it is never reached', () => {
    // 300 KB of stored blocks, then an invalid block. Inflated in full, this is "invalid block type";
    // stopped at the declared 64 KB, it is only an entry larger than it says.
    const text = 'x'.repeat(300 * 1024);
    const entry = inflatingEntry('xl/worksheets/sheet1.xml', { head: text, byte: 0x20, times: 0, tail: '' });
    const damaged = new Uint8Array(entry.data);
    damaged[damaged.length - 2] = 0x07; // the final block (its last two bytes) becomes BFINAL 1, BTYPE 11 (reserved)
    const whole = refusal(() => readAll(writeRawZip([{ ...entry, data: damaged }])));
    expect(whole.message).toMatch(/cannot be decompressed \(invalid block type\)/);
    expect(refusal(() => readAll(writeRawZip([{ ...entry, data: damaged, size: 64 * 1024 }])))).toEqual({
      code: 'corrupt-zip',
      message: 'the part xl/worksheets/sheet1.xml expands beyond the 65536 bytes the archive declares for it',
    });
  });

  it('an entry declaring more than it inflates to', () => {
    const entry = deflatedEntry('xl/worksheets/sheet1.xml', sheet);
    expect(refusal(() => readAll(writeRawZip([{ ...entry, size: entry.size + 1 }])))).toEqual({
      code: 'corrupt-zip',
      message: `the part xl/worksheets/sheet1.xml expands to ${entry.size} bytes, not the ${entry.size + 1} the archive declares`,
    });
  });

  it('an entry whose content does not match its CRC-32 (both headers agree on the wrong one)', () => {
    const entry = deflatedEntry('xl/worksheets/sheet1.xml', sheet);
    expect(refusal(() => readAll(writeRawZip([{ ...entry, crc: (entry.crc ^ 1) >>> 0 }])))).toEqual({
      code: 'corrupt-zip',
      message: 'the part xl/worksheets/sheet1.xml fails its CRC-32 check (its content is not what the archive recorded)',
    });
    const stored: RawZipEntry = { name: 'a.xml', method: 0, flags: 0, crc: crc32(strToU8('<a/>')), size: 4, data: strToU8('<b/>') };
    expect(refusal(() => readAll(writeRawZip([stored]))).message).toMatch(/a\.xml fails its CRC-32 check/);
  });

  it('a stored entry whose stored and declared sizes differ, and an unknown compression method', () => {
    const stored: RawZipEntry = { name: 'a.xml', method: 0, flags: 0, crc: crc32(strToU8('<a/>')), size: 3, data: strToU8('<a/>') };
    expect(refusal(() => readAll(writeRawZip([stored]))).message).toBe('the part a.xml is stored as 4 bytes but declares 3');
    const aes = { ...deflatedEntry('a.xml', '<a/>'), method: 99 };
    expect(refusal(() => readAll(writeRawZip([aes]))).message).toBe(
      'the part a.xml uses compression method 99, which Excel does not write',
    );
  });

  it("the same part listed twice, even in another case: which one a reader takes is anyone's guess", () => {
    const a = deflatedEntry('xl/workbook.xml', '<workbook/>');
    expect(refusal(() => ZipEntries.open(writeRawZip([a, a])))).toEqual({
      code: 'corrupt-zip',
      message: 'the archive holds the part xl/workbook.xml twice',
    });
    expect(refusal(() => ZipEntries.open(writeRawZip([a, { ...a, name: 'XL/Workbook.xml' }]))).message).toBe(
      'the archive holds the part XL/Workbook.xml twice (also as xl/workbook.xml)',
    );
  });

  describe('local headers that disagree with the central directory', () => {
    const zip = writeRawZip([deflatedEntry('xl/workbook.xml', '<workbook/>'), deflatedEntry('xl/styles.xml', '<styles/>')]);
    const { entries } = zipLayout(zip);
    const patched = (edit: (view: DataView) => void) => {
      const copy = new Uint8Array(zip);
      edit(viewOf(copy));
      return copy;
    };
    const local = entries[1].localHeader;

    it.each([
      [
        'its name',
        (view: DataView) => view.setUint8(local + 30, 'X'.charCodeAt(0)),
        'the part xl/styles.xml has another name in its local header',
      ],
      [
        'its compression method',
        (view: DataView) => view.setUint16(local + 8, 0, true),
        'the two headers of the part xl/styles.xml disagree on its compression method',
      ],
      [
        'its CRC-32',
        (view: DataView) => view.setUint32(local + 14, 1, true),
        'the two headers of the part xl/styles.xml disagree on its CRC-32',
      ],
      [
        'its size',
        (view: DataView) => view.setUint32(local + 22, 5, true),
        'the two headers of the part xl/styles.xml disagree on its size',
      ],
      [
        'its compressed size',
        (view: DataView) => view.setUint32(local + 18, 5, true),
        'the two headers of the part xl/styles.xml disagree on its size',
      ],
      [
        'where it is',
        (view: DataView) => view.setUint32(entries[1].centralHeader + 42, local + 1, true),
        'the part xl/styles.xml is not where the zip directory says',
      ],
      ['encryption', (view: DataView) => view.setUint16(local + 6, 1, true), 'the part xl/styles.xml is encrypted inside the zip'],
    ])('%s, even for a part never inflated', (_, edit, message) => {
      expect(refusal(() => ZipEntries.open(patched(edit)))).toEqual({ code: 'corrupt-zip', message });
    });

    it('entries that share bytes (the overlapping-entries bomb)', () => {
      const raw = readRawZip(zip);
      const overlapping = writeRawZip([raw[0], raw[1]]);
      const layout = zipLayout(overlapping);
      const view = viewOf(overlapping);
      // The first entry's data is declared to run on over the second entry.
      view.setUint32(layout.entries[0].centralHeader + 20, layout.entries[1].dataEnd - layout.entries[0].dataStart, true);
      view.setUint32(layout.entries[0].localHeader + 18, layout.entries[1].dataEnd - layout.entries[0].dataStart, true);
      expect(refusal(() => ZipEntries.open(overlapping)).message).toBe(
        'the parts xl/workbook.xml and xl/styles.xml overlap in the archive',
      );
    });

    it('an end record that does not match its directory', () => {
      const end = zipLayout(zip).endOfCentralDirectory;
      expect(refusal(() => ZipEntries.open(patched((view) => view.setUint16(end + 10, 1, true)))).message).toBe(
        'the zip end record counts its parts in two different ways',
      );
      const oneEntry = (view: DataView) => {
        view.setUint16(end + 8, 1, true);
        view.setUint16(end + 10, 1, true);
      };
      expect(refusal(() => ZipEntries.open(patched(oneEntry))).message).toBe(
        'the zip directory holds more parts than the 1 its end record counts',
      );
      expect(
        refusal(() => ZipEntries.open(patched((view) => view.setUint32(end + 12, view.getUint32(end + 12, true) - 1, true)))).message,
      ).toBe('the zip directory is not where its end record says (the file was cut, padded or edited)');
    });
  });
});
