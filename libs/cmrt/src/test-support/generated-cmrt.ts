import { strToU8, zipSync, type Zippable } from 'fflate';
import { cmrtDeclarationRows, minimalXlsxEntries } from './minimal-xlsx';

/**
 * A small filled-in CMRT 6.4 response made with the minimal-xlsx builder, for specs that need an
 * answered workbook when the real samples (../shared/cmrt) are absent: a company block, answers to
 * Q1, Q2 and company question A, two smelters and a product, with the texts in shared strings as
 * Excel writes them. It also holds parts the reader never inflates (styles stored uncompressed, a
 * Smelter Look-up sheet, document properties), as a real workbook does.
 */
export function generatedCmrtResponse(): Uint8Array {
  const strings = [
    'ACME Metals GmbH', // 0
    'A. Company', // 1
    'Yes', // 2
    'No', // 3
    'Tantalum', // 4
    'Tungsten', // 5
    'CID002544', // 6
    'CID002082', // 7
    'TANIOBIS Co., Ltd.', // 8
    'Global Tungsten & Powders LLC', // 9
    'THAILAND', // 10
    'UNITED STATES OF AMERICA', // 11
    'P-100', // 12
    'Tantalum capacitor', // 13
    'compliance@acme.example', // 14
  ];
  const s = (ref: string, index: number) => `<c r="${ref}" t="s"><v>${index}</v></c>`;
  const row = (n: number, cells: string) => `<row r="${n}">${cells}</row>`;
  const declaration = cmrtDeclarationRows(
    row(8, s('D8', 0)) +
      row(9, s('D9', 1)) +
      row(16, s('D16', 14)) +
      row(22, '<c r="D22"><v>45443</v></c>') +
      row(26, s('D26', 2)) +
      row(27, s('D27', 3)) +
      row(28, s('D28', 3)) +
      row(29, s('D29', 2)) +
      row(32, s('D32', 2)) +
      row(35, s('D35', 2)) +
      row(75, s('D75', 2)),
  );
  const smelters =
    row(3, '<c r="Q3" t="inlineStr"><is><t>Revision 6.4&#10;April 26, 2024</t></is></c>') +
    row(5, s('A5', 6) + s('B5', 4) + s('C5', 8) + s('E5', 10) + s('F5', 6)) +
    row(6, s('A6', 7) + s('B6', 5) + s('C6', 9) + s('E6', 11) + s('F6', 7));
  const products = row(6, s('B6', 12) + s('C6', 13));
  const lookup = Array.from({ length: 400 }, (_, i) =>
    row(i + 2, `<c r="A${i + 2}" t="inlineStr"><is><t>Smelter ${i} ${'x'.repeat(i % 37)}</t></is></c>`),
  ).join('');
  const entries: Zippable = minimalXlsxEntries({
    sheets: [
      { name: 'Declaration', sheetData: declaration },
      { name: 'Smelter List', sheetData: smelters },
      { name: 'Product List', sheetData: products },
      { name: 'Smelter Look-up', sheetData: lookup },
    ],
    sharedStrings: strings.map((text) => `<si><t>${text.replace(/&/g, '&amp;')}</t></si>`).join(''),
    extraEntries: { 'docProps/app.xml': '<?xml version="1.0"?><Properties><Application>Microsoft Excel</Application></Properties>' },
  });
  entries['xl/styles.xml'] = [strToU8(`<?xml version="1.0"?><styleSheet>${'<xf numFmtId="0"/>'.repeat(200)}</styleSheet>`), { level: 0 }];
  return zipSync(entries);
}
