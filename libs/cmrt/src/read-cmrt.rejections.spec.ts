import { randomBytes } from 'node:crypto';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { CmrtRejected, type CmrtRejectionCode } from './cmrt-rejected';
import { readCmrt, type ReadCmrtOptions } from './read-cmrt';
import { readSmelterLookup } from './smelter-lookup';
import { cmrtFiles } from './test-support/cmrt-files';
import { readWorkbookIndex } from './xlsx/workbook-index';
import {
  cmrtDeclarationRows,
  minimalXlsx,
  minimalXlsxEntries,
  patchCompressionMethod,
  patchDeclaredSize,
} from './test-support/minimal-xlsx';
import { generatedCmrtResponse } from './test-support/generated-cmrt';
import { sheetPart } from './test-support/zip-mutations';
import { paddedPart, replaceEntry } from './test-support/zip-surgery';

function rejectionOf(bytes: Uint8Array, options?: ReadCmrtOptions): CmrtRejected {
  try {
    readCmrt(bytes, options);
  } catch (error) {
    if (error instanceof CmrtRejected) return error;
    throw error;
  }
  throw new Error('expected readCmrt to reject the file');
}

function expectRejection(bytes: Uint8Array, code: CmrtRejectionCode, message: RegExp, options?: ReadCmrtOptions): CmrtRejected {
  const rejection = rejectionOf(bytes, options);
  expect({ code: rejection.code, message: rejection.message }).toEqual({ code, message: expect.stringMatching(message) });
  expect(rejection.name).toBe('CmrtRejected');
  return rejection;
}

const OLE2_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function ole2File(streamNames: string[]): Uint8Array {
  const header = new Uint8Array(512);
  header.set(OLE2_SIGNATURE);
  const names = streamNames.map((name) => new Uint8Array(Buffer.from(name, 'utf16le')));
  const bytes = new Uint8Array(header.length + names.reduce((sum, name) => sum + name.length + 64, 0));
  bytes.set(header);
  let pos = header.length;
  for (const name of names) {
    bytes.set(name, pos);
    pos += name.length + 64;
  }
  return bytes;
}

describe('readCmrt rejects what is not a readable CMRT', () => {
  it('random bytes: not an Excel workbook', () => {
    expectRejection(new Uint8Array(randomBytes(4096)), 'not-a-workbook', /this file is not an Excel workbook/i);
  });

  it('an empty file', () => {
    expectRejection(new Uint8Array(0), 'empty-file', /is empty \(0 bytes\)/);
  });

  it('a PDF says what it is', () => {
    expectRejection(strToU8('%PDF-1.7\n...'), 'not-a-workbook', /not an Excel workbook \(it is a PDF document\)/);
  });

  it('a legacy .xls (OLE2 compound file) asks for the .xlsx CMRT, naming the file', () => {
    const rejection = expectRejection(
      ole2File(['Workbook', 'SummaryInformation']),
      'legacy-xls',
      /saved in the old \.xls format; please send the \.xlsx CMRT/,
      {
        fileName: 'supplier.xls',
      },
    );
    expect(rejection.message).toMatch(/^The file "supplier\.xls"/);
    expect(rejection.details.fileName).toBe('supplier.xls');
  });

  it('a bare OLE2 header counts as a legacy .xls', () => {
    expectRejection(new Uint8Array([...OLE2_SIGNATURE, ...new Uint8Array(504)]), 'legacy-xls', /old \.xls format/);
  });

  it('a password-protected .xlsx (OLE2 holding EncryptionInfo / EncryptedPackage)', () => {
    expectRejection(
      ole2File(['EncryptionInfo', 'EncryptedPackage', '\u0006DataSpaces']),
      'encrypted',
      /password-protected \(encrypted\).*remove the password/,
    );
  });

  it('a zip without xl/workbook.xml', () => {
    expectRejection(
      zipSync({ 'hello.txt': strToU8('hello') }),
      'not-a-workbook',
      /not an Excel workbook \(it is a zip archive without a workbook inside\)/,
    );
  });

  it('a Word document', () => {
    expectRejection(zipSync({ 'word/document.xml': strToU8('<w:document/>') }), 'not-a-workbook', /it is a Word document/);
  });

  it('an Excel binary workbook (.xlsb)', () => {
    expectRejection(
      zipSync({ 'xl/workbook.bin': new Uint8Array(16) }),
      'unsupported-format',
      /Excel Binary Workbook \(\.xlsb\).*save it as an Excel Workbook \(\.xlsx\)/,
    );
  });

  it('a truncated zip (no central directory)', () => {
    const zip = minimalXlsx({ sheets: [{ name: 'Declaration', sheetData: cmrtDeclarationRows() }] });
    expectRejection(zip.subarray(0, zip.length - 40), 'corrupt-zip', /is damaged/);
  });

  it('a zip whose sheet cannot be decompressed', () => {
    const zip = minimalXlsx({ sheets: [{ name: 'Declaration', sheetData: cmrtDeclarationRows() }] });
    expectRejection(patchCompressionMethod(zip, 'xl/worksheets/sheet1.xml', 99), 'corrupt-zip', /damaged.*save it again in Excel/);
  });

  it('a zip bomb: an entry declaring 4 GB is refused before anything is inflated', () => {
    const zip = minimalXlsx({ sheets: [{ name: 'Declaration', sheetData: cmrtDeclarationRows() }] });
    const bomb = patchDeclaredSize(zip, 'xl/worksheets/sheet1.xml', 4_000_000_000);
    const rejection = expectRejection(bomb, 'too-large', /too large to process.*more than the 100\.0 MB allowed/);
    expect(rejection.details).toMatchObject({ limitBytes: 100 * 1024 * 1024 });
    expect(rejection.details.declaredBytes).toBeGreaterThan(4_000_000_000);
  });

  it('a zip bomb: a run of zeros that stays small compressed but exceeds maxUncompressedBytes', () => {
    const zeros = new Uint8Array(8 * 1024 * 1024); // 8 MB of zeros deflate to ~8 KB
    const zip = zipSync({
      ...minimalXlsxEntries({ sheets: [{ name: 'Declaration', sheetData: '' }] }),
      'xl/worksheets/sheet1.xml': zeros,
    });
    expect(zip.length).toBeLessThan(64 * 1024);
    const rejection = expectRejection(zip, 'too-large', /too large/, { maxUncompressedBytes: 1024 * 1024 });
    expect(rejection.details.limitBytes).toBe(1024 * 1024);
  });

  it('a zip bomb that lies: a Declaration declaring 64 KB that inflates to 150 MB is damaged, not a blank CMRT', () => {
    const bytes = generatedCmrtResponse();
    expect(readCmrt(bytes).declaration.company.name).toBe('ACME Metals GmbH');
    const lying = replaceEntry(bytes, { ...paddedPart(bytes, 'xl/worksheets/sheet1.xml', 150), size: 64 * 1024 });
    expectRejection(
      lying,
      'corrupt-zip',
      /^This file is damaged: it looks like an Excel workbook but its contents cannot be read \(the part xl\/worksheets\/sheet1\.xml expands beyond the 65536 bytes the archive declares for it\)\. Please save it again in Excel and resend it\.$/,
    );
  });

  it('shared strings whose CRC-32 was changed in both headers are damaged, not read as empty answers', () => {
    const bytes = generatedCmrtResponse();
    const sst = replaceEntry(bytes, { ...paddedPart(bytes, 'xl/sharedStrings.xml', 0), crc: 0 });
    expectRejection(sst, 'corrupt-zip', /the part xl\/sharedStrings\.xml fails its CRC-32 check/);
  });

  it('a size changed in only one of the two zip directories: they disagree', () => {
    const zip = minimalXlsx({ sheets: [{ name: 'Declaration', sheetData: cmrtDeclarationRows() }] });
    expectRejection(
      patchDeclaredSize(zip, 'xl/worksheets/sheet1.xml', 64, 'central'),
      'corrupt-zip',
      /two headers of the part xl\/worksheets\/sheet1\.xml disagree on its size/,
    );
    expectRejection(patchDeclaredSize(zip, 'xl/worksheets/sheet1.xml', 64, 'local'), 'corrupt-zip', /disagree on its size/);
  });

  it('a workbook without a Declaration sheet is not a CMRT, and the message lists its sheets', () => {
    const zip = minimalXlsx({
      sheets: [
        { name: 'Sheet1', sheetData: '' },
        { name: 'Data', sheetData: '' },
      ],
    });
    const rejection = expectRejection(zip, 'not-a-cmrt', /not a CMRT: it has no "Declaration" sheet \(its sheets are "Sheet1", "Data"\)/);
    expect(rejection.details.sheets).toEqual(['Sheet1', 'Data']);
  });

  it.each(['4.1', '5.01', '7.0', '3.02'])('an unsupported version (%s)', (version) => {
    const zip = minimalXlsx({ sheets: [{ name: 'Declaration', sheetData: cmrtDeclarationRows('', version) }] });
    const rejection = expectRejection(
      zip,
      'unsupported-version',
      new RegExp(`unsupported CMRT version ${version.replace('.', '\\.')}`, 'i'),
    );
    expect(rejection.details.version).toBe(version);
  });

  it('a Declaration without any version', () => {
    const zip = minimalXlsx({
      sheets: [{ name: 'Declaration', sheetData: '<row r="8"><c r="D8" t="inlineStr"><is><t>ACME</t></is></c></row>' }],
    });
    expectRejection(zip, 'unsupported-version', /Could not tell which CMRT version this workbook is/);
  });

  it.each([
    ['Cobalt Reporting Template (CRT)', 'CRT', /This is a CRT 2\.21 \(Cobalt Reporting Template\), not a CMRT/],
    [
      'Additional Minerals Reporting Template (AMRT)',
      'AMRT',
      /This is an AMRT 2\.21 \(Additional Minerals Reporting Template\), not a CMRT/,
    ],
  ])('another RMI template by its title: %s', (title, family, message) => {
    const sheetData = `<row r="2"><c r="D2" t="str"><f>X</f><v>${title}</v></c></row><row r="3"><c r="J3" t="str"><v>Revision 2.21</v></c></row>`;
    const rejection = expectRejection(minimalXlsx({ sheets: [{ name: 'Declaration', sheetData }] }), 'wrong-template', message);
    expect(rejection.details.family).toBe(family);
  });

  it('an EMRT recognised by its Mine List sheet when the title has no cached value', () => {
    const sheetData = `<row r="2"><c r="D2" t="str"><f>OFFSET(L!$C$1,1,SL)</f></c></row><row r="3"><c r="J3" t="str"><v>Revision 2.0</v></c></row>`;
    const zip = minimalXlsx({
      sheets: [
        { name: 'Declaration', sheetData },
        { name: 'Smelter List', sheetData: '' },
        { name: 'Mine List', sheetData: '' },
      ],
    });
    expectRejection(zip, 'wrong-template', /This is an EMRT 2\.0 \(Extended Minerals Reporting Template\), not a CMRT/);
  });

  it('readSmelterLookup rejects the same way', () => {
    expect(() => readSmelterLookup(new Uint8Array(0))).toThrow(CmrtRejected);
    expect(() => readSmelterLookup(minimalXlsx({ sheets: [{ name: 'Declaration', sheetData: '' }] }))).toThrow(/not a CMRT/);
  });
});

const files = cmrtFiles();
(files ? describe : describe.skip)('readCmrt guards real workbooks too', () => {
  it('a real CMRT exceeds a tiny budget with too-large, and reads within the default one', () => {
    const bytes = files!.sample('JX');
    expectRejection(bytes, 'too-large', /too large/, { maxUncompressedBytes: 2 * 1024 * 1024 });
    expect(readCmrt(bytes).templateVersion).toBe('6.4');
  });

  it('never inflates the Smelter Look-up sheet for a response: a 4 GB claim there does not matter', () => {
    const bytes = files!.sample('JX');
    const book = unzipSync(bytes, { filter: (file) => file.name === 'xl/workbook.xml' || file.name === 'xl/_rels/workbook.xml.rels' });
    const index = readWorkbookIndex(
      'xl/workbook.xml',
      new TextDecoder().decode(book['xl/workbook.xml']),
      new TextDecoder().decode(book['xl/_rels/workbook.xml.rels']),
    );
    const lookupPart = index.sheets.find((sheet) => sheet.name === 'Smelter Look-up')?.part ?? '';
    const patched = patchDeclaredSize(bytes, lookupPart, 4_000_000_000);
    expect(readCmrt(patched).declaration.smelters).toHaveLength(27);
    expect(() => readSmelterLookup(patched)).toThrow(expect.objectContaining({ code: 'too-large' }));
  });

  it('the JX sample whose Declaration declares 64 KB and inflates to 150 MB is damaged, not a blank response', () => {
    const bytes = files!.sample('JX');
    const part = sheetPart(bytes, 'Declaration');
    const lying = replaceEntry(bytes, { ...paddedPart(bytes, part, 150), size: 64 * 1024 });
    expectRejection(
      lying,
      'corrupt-zip',
      new RegExp(`the part ${part.replace(/[/.]/g, '\\$&')} expands beyond the 65536 bytes the archive declares for it`),
    );
    // Told truthfully, the same 150 MB is too large to process (413), still before inflating anything.
    expectRejection(replaceEntry(bytes, paddedPart(bytes, part, 150)), 'too-large', /too large to process/);
  });

  it('a real CMRT cut short is damaged', () => {
    const bytes = files!.sample('Central Glass');
    expectRejection(bytes.subarray(0, Math.floor(bytes.length / 2)), 'corrupt-zip', /damaged/);
  });
});
