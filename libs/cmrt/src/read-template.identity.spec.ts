import { evaluateAmrtDeclaration } from '@dd/domain';
import { readTemplate, type AmrtTemplateRead, type EmrtTemplateRead } from './read-template';
import { minimalXlsx } from './test-support/minimal-xlsx';

/**
 * How readTemplate tells the families apart when the title has no cached value (workbooks written
 * by tools that do not calculate): the sheet set, the selector in Declaration row 12, the width of
 * the language table. Hand-built workbooks, so CI needs no RMI file.
 */
const inline = (address: string, text: string) => `<c r="${address}" t="inlineStr"><is><t>${text}</t></is></c>`;
const number = (address: string, value: number) => `<c r="${address}"><v>${value}</v></c>`;
const row = (r: number, ...cells: string[]) => `<row r="${r}">${cells.join('')}</row>`;
const untitled = (version: string) =>
  row(2, '<c r="D2" t="str"><f>OFFSET(L!$C$1,1,SL)</f></c>') + row(3, inline('J3', `Revision ${version}`));
const languageRow = (languages: string[]) => row(1, ...languages.map((language, i) => inline(`${String.fromCharCode(68 + i)}1`, language)));

describe('readTemplate tells the family without a title', () => {
  it('an EMRT by the minerals in Declaration row 12 alone', () => {
    const sheetData = untitled('2.1') + row(12, inline('D12', 'Cobalt'), inline('E12', '(Delete Copper)')) + row(30, inline('D30', 'Yes'));
    const read = readTemplate(minimalXlsx({ sheets: [{ name: 'Declaration', sheetData }] })) as EmrtTemplateRead;
    expect(read.family).toBe('emrt');
    expect(read.declaration.minerals).toEqual([{ mineral: 'cobalt', slot: 0, q1: { answer: 'Yes' } }]);
    expect(read.readerFindings.map((finding) => finding.ruleId)).not.toContain('reader.template-unconfirmed');
  });

  it('a CMRT whose D12 holds a company id is not taken for anything else', () => {
    const sheetData = untitled('6.5') + row(12, inline('D12', '123456789'));
    const read = readTemplate(minimalXlsx({ sheets: [{ name: 'Declaration', sheetData }] }));
    expect(read.family).toBe('cmrt');
    expect(read.readerFindings.map((finding) => finding.ruleId)).toContain('reader.template-unconfirmed');
  });

  it('by the language table: ten languages make a CMRT, six an EMRT', () => {
    const ten = [
      'English',
      '中文 Chinese',
      '日本語 Japanese',
      '한국어 Korean',
      'Français',
      'Português',
      'Deutsch',
      'Español',
      'Italiano',
      'Türkçe',
    ];
    const cmrt = readTemplate(
      minimalXlsx({
        sheets: [
          { name: 'Declaration', sheetData: untitled('6.5') },
          { name: 'L', sheetData: languageRow(ten) },
        ],
      }),
    );
    expect(cmrt.family).toBe('cmrt');
    expect(cmrt.readerFindings.map((finding) => finding.ruleId)).not.toContain('reader.template-unconfirmed');
    const six = ['English', '中文 Chinese', '日本語 Japanese', '한국어 Korean', 'Français', 'Deutsch'];
    const emrt = readTemplate(
      minimalXlsx({
        sheets: [
          { name: 'Declaration', sheetData: untitled('2.0') },
          { name: 'L', sheetData: languageRow(six) },
        ],
      }),
    );
    expect(emrt).toMatchObject({ family: 'emrt', templateVersion: '2.0' });
  });

  it('the EMRT language index counts six languages: P3 = 6 is German, not Portuguese', () => {
    const sheetData =
      row(2, inline('D2', 'Extended Minerals Reporting Template (EMRT)')) +
      row(3, inline('D3', '?'), inline('J3', 'Revision 2.1'), number('P3', 6));
    expect(readTemplate(minimalXlsx({ sheets: [{ name: 'Declaration', sheetData }] })).language).toBe('German');
  });
});

describe('readTemplate on a hand-built AMRT 1.3 (layout of the official workbook)', () => {
  const sheetData =
    row(2, inline('D2', 'Additional Minerals Reporting Template (AMRT)')) +
    row(3, inline('D3', 'English'), inline('J3', 'Revision 1.3&#10;October 17, 2025')) +
    row(8, inline('D8', 'Zinc Works Ltd')) +
    row(9, inline('D9', 'C. User defined [Specify in &apos;Description of scope&apos;]')) +
    row(12, inline('D12', 'Zinc'), inline('E12', 'Other [specify below]'), inline('G12', 'Rare earth elements')) +
    row(15, inline('E15', 'Gallium')) +
    row(20, inline('D20', 'Kim Lee')) +
    row(21, inline('D21', 'kim.example.com')) +
    row(22, inline('D22', '555')) +
    row(23, inline('D23', 'Sam Lee')) +
    row(25, inline('D25', 'sam@example.com')) +
    row(27, number('D27', 45800)) +
    row(31, inline('D31', 'Unknown')) +
    row(32, inline('D32', 'Yes'), inline('G32', 'Processed in-house')) +
    row(43, number('D43', 1)) +
    row(44, inline('D44', 'Greater than 75%'));

  it('reads the minerals in the template\'s order, with the listed spelling and the "Other" name', () => {
    const read = readTemplate(
      minimalXlsx({
        sheets: [
          { name: 'Declaration', sheetData },
          { name: 'Minerals Scope', sheetData: '' },
          { name: 'Smelter List', sheetData: '' },
          { name: 'Product List', sheetData: '' },
          { name: 'Mine List', sheetData: '' },
        ],
      }),
    ) as AmrtTemplateRead;
    expect(read).toMatchObject({ family: 'amrt', templateVersion: '1.3', language: 'English', readerFindings: [] });
    expect(read.declaration.minerals).toEqual([
      { mineral: 'Gallium', other: true, selector: 'E12', slot: 0, q1: { answer: 'Unknown' }, q2: { answer: '100%' } },
      {
        mineral: 'Rare Earth Elements',
        selector: 'G12',
        slot: 1,
        q1: { answer: 'Yes', comment: 'Processed in-house' },
        q2: { answer: 'Greater than 75%' },
      },
      { mineral: 'Zinc', selector: 'D12', slot: 2 },
    ]);
    expect(evaluateAmrtDeclaration(read.declaration).map((finding) => `${finding.ruleId} ${finding.cell}`)).toEqual([
      'amrt.checker.scope-description Declaration!D10',
      'amrt.checker.contact-email Declaration!D21',
      'amrt.checker.q1-required Declaration!D33',
      // Rare Earth Elements (Q1 Yes) and Zinc (Q1 blank counts, as in the template's Checker); Gallium is "Unknown".
      'amrt.checker.smelters-for-mineral Smelter List!B5',
      'amrt.checker.smelters-for-mineral Smelter List!B5',
    ]);
  });
});
