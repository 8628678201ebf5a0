import { strToU8, zipSync } from 'fflate';
import { readCmrt } from './read-cmrt';
import { cmrtDeclarationRows, minimalXlsx, minimalXlsxEntries } from './test-support/minimal-xlsx';

/** Workbook structures other writers produce, and the assumed CMRT 5.1x layout. */
const inline = (address: string, text: string) => `<c r="${address}" t="inlineStr"><is><t>${text}</t></is></c>`;
const row = (r: number, ...cells: string[]) => `<row r="${r}">${cells.join('')}</row>`;

describe('readCmrt on unusual workbook structures', () => {
  const declaration = cmrtDeclarationRows(row(8, inline('D8', 'ACME')) + row(26, inline('D26', 'Yes')));
  const smelters = row(5, inline('A5', 'CID000001'), inline('B5', 'Gold'));

  it('finds sheets by name, not position', () => {
    const bytes = minimalXlsx({
      sheets: [
        { name: 'Smelter List', sheetData: smelters },
        { name: 'Checker', sheetData: '' },
        { name: 'Declaration', sheetData: declaration },
      ],
    });
    const { declaration: read } = readCmrt(bytes);
    expect(read.company.name).toBe('ACME');
    expect(read.smelters).toEqual([{ row: 5, metal: 'gold', smelterId: 'CID000001', smelterIdInput: 'CID000001' }]);
  });

  it('reads SpreadsheetML written with a namespace prefix (x:worksheet, x:c ...)', () => {
    const prefixed = (xml: string) => xml.replace(/<(\/?)(row|c|is|t|v|f)(?=[\s>/])/g, '<$1x:$2');
    const bytes = minimalXlsx({
      prefix: 'x',
      sheets: [
        { name: 'Declaration', sheetData: prefixed(declaration) },
        { name: 'Smelter List', sheetData: prefixed(smelters) },
      ],
    });
    const { declaration: read, templateVersion } = readCmrt(bytes);
    expect(templateVersion).toBe('6.4');
    expect(read.company.name).toBe('ACME');
    expect(read.minerals.tantalum.q1?.answer).toBe('Yes');
    expect(read.smelters).toHaveLength(1);
  });

  it('follows _rels/.rels to a workbook part in another place', () => {
    const entries = minimalXlsxEntries({ sheets: [{ name: 'Declaration', sheetData: declaration }] });
    const moved = {
      ...Object.fromEntries(Object.entries(entries).filter(([name]) => !name.startsWith('xl/workbook') && !name.startsWith('xl/_rels'))),
      '_rels/.rels': strToU8(
        '<Relationships xmlns="pkg"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/book/main.xml"/></Relationships>',
      ),
      'book/main.xml': entries['xl/workbook.xml'],
      'book/_rels/main.xml.rels': strToU8(
        '<Relationships xmlns="pkg"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/></Relationships>',
      ),
    };
    expect(readCmrt(zipSync(moved as never)).declaration.company.name).toBe('ACME');
  });

  it('reads dates of a 1904-based workbook', () => {
    const bytes = minimalXlsx({
      workbookPr: 'date1904="1"',
      sheets: [{ name: 'Declaration', sheetData: declaration + row(22, '<c r="D22"><v>43980</v></c>') }],
    });
    expect(readCmrt(bytes).declaration.company.effectiveDate).toBe('2024-05-30');
  });

  it('takes the version from the Revision sheet when the Declaration has none', () => {
    const bytes = minimalXlsx({
      sheets: [
        {
          name: 'Revision',
          sheetData:
            row(3, inline('B3', 'Conflict Minerals Reporting Template')) +
            row(58, '<c r="B58"><v>6.4</v></c>') +
            row(59, '<c r="B59"><v>6.5</v></c>') +
            row(60, inline('B60', '© 2025 RMI')),
        },
        { name: 'Declaration', sheetData: row(8, inline('D8', 'ACME')) },
      ],
    });
    const result = readCmrt(bytes);
    expect(result.templateVersion).toBe('6.5');
    expect(result.readerFindings.map((finding) => finding.ruleId)).not.toContain('reader.template-unconfirmed');
  });

  it('takes the version from Smelter List!Q3 as a last resort', () => {
    const bytes = minimalXlsx({
      sheets: [
        { name: 'Declaration', sheetData: row(8, inline('D8', 'ACME')) },
        { name: 'Smelter List', sheetData: row(3, inline('Q3', 'Revision 6.22&#10;May 11, 2022')) },
      ],
    });
    expect(readCmrt(bytes).templateVersion).toBe('6.22');
  });

  it('rejects an EMRT named on its Revision sheet', () => {
    const bytes = minimalXlsx({
      sheets: [
        { name: 'Revision', sheetData: row(3, inline('B3', 'Extended Mineral Reporting Template')) + row(21, inline('B21', '2.1')) },
        { name: 'Declaration', sheetData: '' },
      ],
    });
    expect(() => readCmrt(bytes)).toThrow(/This is an EMRT 2\.1 .*not a CMRT/);
  });
});

describe('readCmrt on a CMRT 5.12 (assumed layout: questions found by their numbered labels)', () => {
  // 5.x: Q1-Q7 and A-I. Rows here are illustrative; the reader locates them from column B.
  const label = (r: number, text: string) => inline(`B${r}`, text);
  const answers = (first: number, values: string[]) => values.map((value, i) => row(first + i, inline(`D${first + i}`, value))).join('');
  const sheetData =
    cmrtDeclarationRows(row(8, inline('D8', 'Legacy Co.')) + row(9, inline('D9', 'A. Company')), '5.12') +
    row(25, label(25, '1) Is the 3TG intentionally added?')) +
    answers(26, ['Yes', 'No', 'No', 'No']) +
    row(31, label(31, '2) Does any 3TG remain in the product(s)?')) +
    answers(32, ['Yes', '', '', '']) +
    row(37, label(37, '3) Covered countries?')) +
    answers(38, ['No']) +
    row(43, label(43, '4) 100 percent recycled or scrap?')) +
    answers(44, ['Unknown']) +
    row(49, label(49, '5) What percentage of relevant suppliers have responded?')) +
    answers(50, ['100%']) +
    row(55, label(55, '6) Identified all smelters?')) +
    answers(56, ['Yes']) +
    row(61, label(61, '7) All smelter information reported?')) +
    answers(62, ['No']) +
    row(67, label(67, 'Answer the Following Questions at a Company Level')) +
    row(69, label(69, 'A. Policy?'), inline('D69', 'Yes')) +
    row(71, label(71, 'B. Public?'), inline('D71', 'No')) +
    row(73, label(73, 'C. DRC conflict-free suppliers?'), inline('D73', 'Yes')) +
    row(75, label(75, 'D. Validated smelters?'), inline('D75', 'No')) +
    row(77, label(77, 'E. Due diligence measures?'), inline('D77', 'Yes')) +
    row(85, label(85, 'I. SEC disclosure?'), inline('D85', 'No'));

  it('maps 5.x questions onto their 6.x counterparts', () => {
    const result = readCmrt(minimalXlsx({ sheets: [{ name: 'Declaration', sheetData }] }));
    expect(result.templateVersion).toBe('5.12');
    const { company, minerals, companyQuestions } = result.declaration;
    expect(company).toEqual({ name: 'Legacy Co.', scope: 'company' });
    expect(minerals.tantalum).toEqual({
      q1: { answer: 'Yes' },
      q2: { answer: 'Yes' },
      q3: { answer: 'No' },
      q5: { answer: 'Unknown' },
      q6: { answer: '100%' },
      q7: { answer: 'Yes' },
      q8: { answer: 'No' },
    });
    expect(minerals.tin).toEqual({ q1: { answer: 'No' } });
    expect(companyQuestions).toEqual({
      A: { answer: 'Yes' },
      B: { answer: 'No' },
      C: { answer: 'No' },
      D: { answer: 'Yes' },
      H: { answer: 'No' },
    });
    expect(result.readerFindings).toContainEqual(
      expect.objectContaining({
        ruleId: 'reader.legacy-question-not-mapped',
        cell: 'Declaration!D73',
        message: expect.stringMatching(/question C \(answered "Yes"\)/),
      }),
    );
  });

  it('says so when the questions cannot be located', () => {
    const bytes = minimalXlsx({ sheets: [{ name: 'Declaration', sheetData: cmrtDeclarationRows(row(26, inline('D26', 'Yes')), '5.11') }] });
    const result = readCmrt(bytes);
    expect(result.declaration.minerals.tantalum).toEqual({});
    expect(result.readerFindings).toContainEqual(expect.objectContaining({ ruleId: 'reader.questions-not-located' }));
  });
});
