import { strToU8, zipSync } from 'fflate';
import { WorkbookProblem } from './workbook-problem';
import { ZipEntries } from './zip-entries';

describe('ZipEntries', () => {
  const zip = zipSync({ 'xl/workbook.xml': strToU8('<workbook/>'), 'xl/worksheets/sheet1.xml': new Uint8Array(1000), 'big.bin': new Uint8Array(50_000) });

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
    expect(() => entries.read(['big.bin'])).toThrow(expect.objectContaining({ code: 'too-large', detail: { declaredBytes: 51_000, limitBytes: 50_500 } }));
  });

  it('reports an unreadable archive as corrupt', () => {
    expect(() => ZipEntries.open(zip.subarray(0, 100))).toThrow(WorkbookProblem);
    expect(() => ZipEntries.open(zip.subarray(0, 100))).toThrow(expect.objectContaining({ code: 'corrupt-zip' }));
  });
});
