import { unzipSync } from 'fflate';
import { scanSheetCellsWithSaxes } from '../test-support/saxes-sheet-cells';
import { cmrtFiles } from '../test-support/cmrt-files';
import { loadWorkbook, setCells, write } from '../test-support/exceljs-workbooks';
import { SharedStrings } from './shared-strings';
import { scanSheetCells, type SheetRange } from './sheet-cells';
import { readWorkbookIndex } from './workbook-index';
import { XmlPart, decodeXmlBytes } from './xml-text';

const NO_STRINGS = SharedStrings.empty();
const STRINGS = new SharedStrings(
  XmlPart.fromString('<sst xmlns="main"><si><t>Tantalum</t></si><si><r><t>Rich </t></r><r><t>text</t></r></si></sst>'),
);

function scan(sheetData: string, range?: SheetRange, options: { prefix?: string; strings?: SharedStrings } = {}) {
  const p = options.prefix ? `${options.prefix}:` : '';
  const ns = options.prefix ? `xmlns:${options.prefix}="main"` : 'xmlns="main"';
  const xml = `<?xml version="1.0"?><${p}worksheet ${ns}><${p}dimension ref="A1"/><${p}sheetData>${sheetData}</${p}sheetData><${p}mergeCells/></${p}worksheet>`;
  return scanSheetCells(XmlPart.fromString(xml), options.strings ?? STRINGS, range);
}

describe('scanSheetCells', () => {
  it('reads each value type', () => {
    const cells = scan(
      '<row r="1">' +
        '<c r="A1" t="s"><v>0</v></c>' +
        '<c r="B1" t="s"><v>1</v></c>' +
        '<c r="C1"><v>45442</v></c>' +
        '<c r="D1" t="n"><v>1.5E-3</v></c>' +
        '<c r="E1" t="b"><v>1</v></c>' +
        '<c r="F1" t="b"><v>0</v></c>' +
        '<c r="G1" t="e"><f>NA()</f><v>#N/A</v></c>' +
        '<c r="H1" t="str"><f>A1&amp;""</f><v>R&amp;D &lt;x&gt;</v></c>' +
        '<c r="I1" t="inlineStr"><is><t xml:space="preserve"> inline\t</t></is></c>' +
        '<c r="J1" t="inlineStr"><is><r><t>rich </t></r><r><rPr><b/></rPr><t>inline</t></r><rPh><t>x</t></rPh></is></c>' +
        '<c r="K1" t="d"><v>2024-05-02T00:00:00</v></c>' +
        '<c r="L1" t="str"><v>_x000D_line&#10;two</v></c>' +
        '</row>',
    );
    expect(Object.fromEntries(cells.entries())).toEqual({
      A1: 'Tantalum',
      B1: 'Rich text',
      C1: 45442,
      D1: 0.0015,
      E1: true,
      F1: false,
      H1: 'R&D <x>',
      I1: ' inline\t',
      J1: 'rich inline',
      K1: '2024-05-02T00:00:00',
      L1: '\rline\ntwo',
    });
  });

  it('treats empty values and formulas without a cached value as empty, and marks the latter', () => {
    const cells = scan(
      '<row r="5"><c r="A5" s="3"/><c r="B5" t="str"><f>IF(A5="","",1)</f><v></v></c><c r="C5"><f>A5*2</f></c>' +
        '<c r="D5" t="str"><f t="shared" si="1"/></c><c r="E5"><v/></c><c r="F5" t="s"><v>99</v></c></row>',
    );
    expect(cells.size).toBe(0);
    expect(cells.uncachedAddresses()).toEqual(['C5', 'D5']);
    expect(cells.hasUncachedFormula(5, 2)).toBe(false);
  });

  it('keeps only the requested range and skips the rest of a row past the last column', () => {
    const cells = scan(
      '<row r="1"><c r="A1"><v>1</v></c><c r="R1"><v>18</v></c></row>' +
        '<row r="5"><c r="A5"><v>5</v></c><c r="Q5"><v>17</v></c><c r="R5"><v>18</v></c><c r="AB5"><v>28</v></c></row>' +
        '<row r="9"><c r="A9"><v>9</v></c></row>',
      { firstRow: 2, lastRow: 8, lastColumn: 17 },
    );
    expect(Object.fromEntries(cells.entries())).toEqual({ A5: 5, Q5: 17 });
    expect(cells.rowNumbers()).toEqual([5]);
  });

  it('places cells and rows that have no r attribute', () => {
    const cells = scan(
      "<row><c><v>1</v></c><c t='s'><v>0</v></c></row><row><c><v>3</v></c></row><row r='7'><c r='C7'><v>7</v></c><c><v>8</v></c></row>",
    );
    expect(Object.fromEntries(cells.entries())).toEqual({ A1: 1, B1: 'Tantalum', A2: 3, C7: 7, D7: 8 });
  });

  it('reads prefixed SpreadsheetML (x:c, x:v)', () => {
    const cells = scan(
      '<x:row r="2"><x:c r="B2" t="inlineStr"><x:is><x:t>prefixed</x:t></x:is></x:c><x:c r="C2"><x:v>4</x:v></x:c></x:row>',
      undefined,
      {
        prefix: 'x',
      },
    );
    expect(Object.fromEntries(cells.entries())).toEqual({ B2: 'prefixed', C2: 4 });
  });

  it('is not confused by look-alike element names or odd spacing', () => {
    const cells = scan(
      '<row r="1" spans="1:3"><c r="A1"  t = "n" ><v >2</v ></c><c r="B1" t="str"><f>"&lt;v&gt;"</f><v>&lt;v&gt;</v></c></row>',
    );
    expect(Object.fromEntries(cells.entries())).toEqual({ A1: 2, B1: '<v>' });
  });

  it('returns nothing for a sheet without sheetData, and survives a truncated part', () => {
    expect(scanSheetCells(XmlPart.fromString('<worksheet/>'), NO_STRINGS).size).toBe(0);
    const truncated = scanSheetCells(XmlPart.fromString('<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1" t="s"'), STRINGS);
    expect(Object.fromEntries(truncated.entries())).toEqual({ A1: 1 });
  });
});

/** Same cells as the saxes-based extraction, on every sheet the readers use. */
const files = cmrtFiles();
(files ? describe : describe.skip)('scanSheetCells against saxes on real workbooks', () => {
  const SHEETS: [string, SheetRange][] = [
    ['Declaration', {}],
    ['Smelter List', {}],
    ['Smelter List', { lastRow: 2504, lastColumn: 17 }],
    ['Product List', {}],
    ['Revision', {}],
    ['Smelter Look-up', { firstRow: 5, lastColumn: 9 }],
  ];

  function compare(bytes: Uint8Array) {
    const book = unzipSync(bytes, { filter: (file) => file.name === 'xl/workbook.xml' || file.name === 'xl/_rels/workbook.xml.rels' });
    const index = readWorkbookIndex(
      'xl/workbook.xml',
      decodeXmlBytes(book['xl/workbook.xml']),
      decodeXmlBytes(book['xl/_rels/workbook.xml.rels']),
    );
    const parts = unzipSync(bytes, {
      filter: (file) => file.name.startsWith('xl/worksheets/sheet') || file.name === index.sharedStringsPart,
    });
    const strings = new SharedStrings(XmlPart.fromBytes(parts[index.sharedStringsPart ?? '']));
    for (const [name, range] of SHEETS) {
      const part = index.sheets.find((sheet) => sheet.name === name)?.part ?? '';
      const ours = scanSheetCells(XmlPart.fromBytes(parts[part]), strings, range);
      const theirs = scanSheetCellsWithSaxes(decodeXmlBytes(parts[part]), strings, range);
      expect({ name, cells: ours.size }).toEqual({ name, cells: theirs.size });
      expect(ours.entries()).toEqual(theirs.entries());
      expect(ours.uncachedAddresses()).toEqual(theirs.uncachedAddresses());
    }
  }

  it('JX sample (Excel-written)', () => compare(files!.sample('JX')));
  it('6.5 Chinese template', () => compare(files!.template('6.5')));

  it('the same workbook rewritten by exceljs, with shared strings off and formulas without results', async () => {
    const workbook = await loadWorkbook(files!.sample('Central Glass'));
    setCells(workbook.getWorksheet('Smelter List')!, {
      C9: { richText: [{ text: 'Rich ' }, { text: 'smelter', font: { bold: true } }] },
      F9: { formula: 'A9&""' },
      D9: 'Ünïcödé 中文 &<>"\'',
    });
    compare(await write(workbook, false));
  }, 120_000);
});
