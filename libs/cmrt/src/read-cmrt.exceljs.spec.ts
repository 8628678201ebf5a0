import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type ExcelJS from 'exceljs';
import { Declaration } from '@dd/domain';
import { readCmrt, type CmrtReadResult } from './read-cmrt';
import { cmrtFiles } from './test-support/cmrt-files';
import { cmrtIdentity, loadWorkbook, scratchWorkbook, setCells, write, type CellValues } from './test-support/exceljs-workbooks';

/**
 * Responses built with exceljs from the blank 6.4 template (load, set cells, write to a temp
 * dir, read back). Besides the quirks they contain on purpose, this checks the reader copes with
 * exceljs's way of writing a workbook (renumbered parts, formula results as t="str", etc.).
 * Loading the 1.6 MB template takes exceljs ~1 s and each write ~1.5 s, so the template is loaded
 * once and each workbook covers several cases.
 */
const files = cmrtFiles();
const describeWithFiles = files ? describe : describe.skip;

describeWithFiles('readCmrt on workbooks written by exceljs from the 6.4 template', () => {
  let dir: string;
  let template: ExcelJS.Workbook;

  /** Apply `cells` to the loaded template, write it to the temp dir, read it back, then undo the edits. */
  async function respond(name: string, cells: Record<string, CellValues>, useSharedStrings = true): Promise<CmrtReadResult> {
    const previous: [ExcelJS.Worksheet, string, ExcelJS.CellValue][] = [];
    for (const [sheetName, values] of Object.entries(cells)) {
      const sheet = template.getWorksheet(sheetName)!;
      for (const address of Object.keys(values)) previous.push([sheet, address, sheet.getCell(address).value]);
      setCells(sheet, values);
    }
    const path = join(dir, `${name}.xlsx`);
    writeFileSync(path, await write(template, useSharedStrings));
    for (const [sheet, address, value] of previous) sheet.getCell(address).value = value;
    const result = readCmrt(new Uint8Array(readFileSync(path)), { fileName: `${name}.xlsx` });
    expect(() => Declaration.parse(result.declaration)).not.toThrow();
    return result;
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cmrt-exceljs-'));
    template = await loadWorkbook(files!.template('6.4'));
  }, 30_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe('a user-defined response with the usual quirks', () => {
    let result: CmrtReadResult;
    beforeAll(async () => {
      result = await respond('quirks', {
        Declaration: {
          D8: 'ACME Metals GmbH\t',
          D9: "C. User defined [Specify in 'Description of scope']",
          D10: 'All products of the tin division',
          D14: '0',
          D15: 'Jane Roe\t\t',
          D16: 'jane@example.com',
          D17: 4930123456,
          D22: '02-May-2024',
          D26: 'yes',
          D27: 'Yes',
          D28: 'No',
          D29: 'No',
          D33: 'Yes ',
          D39: 'Unknown',
          G39: 'Supplier survey incomplete\t',
          D57: 1,
          D83: 'Yes, in conformance with IPC-1755 [e.g., CMRT]',
          D89: 'Maybe',
          D75: 'Yes',
          D77: 'Yes',
          G77: 'https://acme.example/policy',
        },
        'Smelter List': {
          A5: 'CID002082',
          B5: 'Tungsten',
          C5: 'Xiamen Tungsten Co., Ltd.',
          E5: 'CHINA',
          F5: 'CID002082',
          G5: 'RMI',
          H5: '0',
          I5: 'Xiamen\t',
          B6: 'Tin',
          C6: 'Smelter not listed',
          D6: 'Unknown Tin Works\t',
          E6: 'BOLIVIA (PLURINATIONAL STATE OF)',
          F6: { formula: 'IF(ISERROR($V6),"",OFFSET(\'Smelter Look-up\'!$E$4,$V6-4,0))' } as ExcelJS.CellValue,
          G6: 'Enter smelter details',
          K6: 0,
          Q6: 'Found via our supplier survey',
          A7: 'CID000292',
          B7: { formula: "IF(LEN(A7)=0,\"\",INDEX('Smelter Look-up'!$A:$A,MATCH($A7,'Smelter Look-up'!$E:$E,0)))" } as ExcelJS.CellValue,
          C7: { formula: "IF(LEN(A7)=0,\"\",INDEX('Smelter Look-up'!$C:$C,MATCH($A7,'Smelter Look-up'!$E:$E,0)))" } as ExcelJS.CellValue,
          B8: 'gold',
          C8: 'Smelter not yet identified',
          B9: 'Cobalt',
          C9: 'Some cobalt refinery',
        },
      });
    }, 30_000);

    it('identifies the template', () => {
      expect(result.templateVersion).toBe('6.4');
      expect(result.language).toBe('English');
    });

    it('trims trailing tabs, drops "0" residue, formats numbers and reads the text date', () => {
      expect(result.declaration.company).toEqual({
        name: 'ACME Metals GmbH',
        scope: 'user-defined',
        scopeDescription: 'All products of the tin division',
        contactName: 'Jane Roe',
        contactEmail: 'jane@example.com',
        contactPhone: '4930123456',
        effectiveDate: '2024-05-02',
      });
    });

    it('gives answers their dropdown spelling and reports one that is not an option', () => {
      const { minerals, companyQuestions } = result.declaration;
      expect(minerals.tantalum).toEqual({ q1: { answer: 'Yes' } });
      expect(minerals.tin).toEqual({
        q1: { answer: 'Yes' },
        q2: { answer: 'Yes' },
        q3: { answer: 'Unknown', comment: 'Supplier survey incomplete' },
        q6: { answer: '100%' },
      });
      expect(companyQuestions.E?.answer).toBe('Yes, in conformance with IPC1755 (e.g., CMRT)');
      expect(companyQuestions.B).toEqual({ answer: 'Yes', comment: 'https://acme.example/policy' });
      expect(companyQuestions.H?.answer).toBe('Maybe');
      expect(result.readerFindings).toContainEqual(
        expect.objectContaining({
          ruleId: 'reader.answer-unexpected',
          field: 'companyQuestions.H.answer',
          cell: 'Declaration!D89',
          severity: 'warning',
        }),
      );
    });

    it('reads smelter rows: look-up hits, "Smelter not listed", an id typed over formulas without values', () => {
      const { smelters } = result.declaration;
      expect(smelters).toEqual([
        {
          row: 5,
          metal: 'tungsten',
          lookupName: 'Xiamen Tungsten Co., Ltd.',
          country: 'CHINA',
          smelterId: 'CID002082',
          smelterIdInput: 'CID002082',
          idSource: 'RMI',
          city: 'Xiamen',
        },
        {
          row: 6,
          metal: 'tin',
          lookupName: 'Smelter not listed',
          name: 'Unknown Tin Works',
          country: 'BOLIVIA (PLURINATIONAL STATE OF)',
          idSource: 'Enter smelter details',
          comments: 'Found via our supplier survey',
        },
        { row: 7, smelterId: 'CID000292', smelterIdInput: 'CID000292' },
        { row: 8, metal: 'gold', lookupName: 'Smelter not yet identified' },
        { row: 9, lookupName: 'Some cobalt refinery' },
      ]);
    });

    it('reports the unknown metal and the formulas saved without values, with their cells', () => {
      expect(result.readerFindings).toContainEqual(
        expect.objectContaining({ ruleId: 'reader.metal-unknown', field: 'smelters[4].metal', cell: 'Smelter List!B9' }),
      );
      // exceljs also drops the cached "" of the template's look-up formulas it rewrites, so more
      // cells than the three set above lack a value (J5 ...); one finding covers them all.
      const uncached = result.readerFindings.find((finding) => finding.ruleId === 'reader.formula-without-value');
      expect(uncached).toMatchObject({
        field: expect.stringMatching(/^smelters\[\d+\]\.\w+$/),
        cell: expect.stringMatching(/^Smelter List!/),
        severity: 'warning',
      });
      expect(uncached?.message).toMatch(
        /^\d+ formula cell\(s\) on the Smelter List sheet have no calculated value \(.*\bF6\b.*\bB7\b.*\bC7\b/,
      );
      expect(result.readerFindings.map((finding) => finding.ruleId).sort()).toEqual([
        'reader.answer-unexpected',
        'reader.formula-without-value',
        'reader.metal-unknown',
      ]);
    });
  });

  it('a product-level response in Chinese display language, dated by an Excel date, with its product list', async () => {
    const result = await respond('chinese-products', {
      Declaration: {
        D3: '中文 Chinese',
        D8: '示例金属有限公司',
        D9: 'B. Product (or List of Products)',
        D22: new Date(Date.UTC(2024, 4, 10)),
        D28: 'No',
      },
      'Product List': {
        B6: 'P-100',
        C6: 'Widget\t',
        B7: '0',
        C8: 'Only a name',
        D9: 'Only a comment',
        B12: 'P-200',
        D12: 'After blank rows',
      },
    });
    expect(result.language).toBe('Chinese');
    expect(result.declaration.language).toBe('Chinese');
    expect(result.declaration.company).toEqual({ name: '示例金属有限公司', scope: 'product', effectiveDate: '2024-05-10' });
    expect(result.declaration.minerals.gold).toEqual({ q1: { answer: 'No' } });
    expect(result.declaration.products).toEqual([
      { row: 6, number: 'P-100', name: 'Widget' },
      { row: 8, name: 'Only a name' },
      { row: 9, comments: 'Only a comment' },
      { row: 12, number: 'P-200', comments: 'After blank rows' },
    ]);
    expect(result.readerFindings).toEqual([]);
  }, 30_000);
});

describe('readCmrt on minimal workbooks built with exceljs from scratch', () => {
  it.each([
    ['A. Company', 'company'],
    ['B. Product (or List of Products)', 'product'],
    ["C. User defined [Specify in 'Description of scope']", 'user-defined'],
  ])('reads the scope %s', async (shown, scope) => {
    const bytes = await scratchWorkbook({ sheets: { Declaration: { ...cmrtIdentity(), D3: 'English', D9: shown } } });
    expect(readCmrt(bytes).declaration.company.scope).toBe(scope);
  });

  it('keeps a date it cannot read as written, and says why', async () => {
    const bytes = await scratchWorkbook({ sheets: { Declaration: { ...cmrtIdentity(), D3: 'English', D22: '03/04/2024' } } });
    const result = readCmrt(bytes);
    expect(result.declaration.company.effectiveDate).toBe('03/04/2024');
    expect(result.readerFindings).toContainEqual(
      expect.objectContaining({
        ruleId: 'reader.effective-date-unreadable',
        field: 'company.effectiveDate',
        cell: 'Declaration!D22',
        message: expect.stringMatching(/could be 2024-04-03 or 2024-03-04/),
      }),
    );
  });

  it('reads dates of a 1904-based workbook (old Mac files)', async () => {
    const bytes = await scratchWorkbook({
      date1904: true,
      sheets: { Declaration: { ...cmrtIdentity(), D3: 'English', D22: new Date(Date.UTC(2024, 4, 2)) } },
    });
    expect(readCmrt(bytes).declaration.company.effectiveDate).toBe('2024-05-02');
  });

  it.each([
    ['日本語 Japanese', 'Japanese'],
    ['한국어 Korean', 'Korean'],
    ['Français', 'French'],
    ['Português', 'Portuguese'],
    ['Deutsch', 'German'],
    ['Español', 'Spanish'],
    ['italiano', 'Italian'],
    ['Türkçe', 'Turkish'],
  ])('names the display language %s as %s', async (shown, language) => {
    const bytes = await scratchWorkbook({ sheets: { Declaration: { ...cmrtIdentity(), D3: shown } } });
    expect(readCmrt(bytes).language).toBe(language);
  });

  it('falls back on the language index in P3, then reports an unknown language', async () => {
    const byIndex = await scratchWorkbook({
      sheets: { Declaration: { ...cmrtIdentity(), D3: '???', P3: { formula: 'MATCH($D$3,LN,0)', result: 3 } } },
    });
    expect(readCmrt(byIndex).language).toBe('Japanese');
    const unknown = readCmrt(await scratchWorkbook({ sheets: { Declaration: { ...cmrtIdentity(), D3: 'Klingon' } } }));
    expect(unknown.language).toBe('Klingon');
    expect(unknown.declaration.language).toBeUndefined();
    expect(unknown.readerFindings).toContainEqual(expect.objectContaining({ ruleId: 'reader.language-unknown', cell: 'Declaration!D3' }));
  });

  it('reads rich text written inline and cuts values longer than the schema allows', async () => {
    const bytes = await scratchWorkbook({
      useSharedStrings: false,
      sheets: {
        Declaration: {
          ...cmrtIdentity(),
          D3: 'English',
          D8: { richText: [{ text: 'Rich ' }, { text: 'Name', font: { bold: true } }] },
          D14: 'x'.repeat(2500),
        },
      },
    });
    const result = readCmrt(bytes);
    expect(result.declaration.company.name).toBe('Rich Name');
    expect(result.declaration.company.address).toHaveLength(2000);
    expect(result.readerFindings).toContainEqual(expect.objectContaining({ ruleId: 'reader.value-truncated', cell: 'Declaration!D14' }));
    expect(() => Declaration.parse(result.declaration)).not.toThrow();
  });

  it('reads a workbook without title as a CMRT, says so, and notes missing lists', async () => {
    const bytes = await scratchWorkbook({ sheets: { Declaration: { J3: 'Revision 6.5\nApril 25, 2025', D3: 'English', D8: 'ACME' } } });
    const result = readCmrt(bytes);
    expect(result.templateVersion).toBe('6.5');
    expect(result.declaration.company.name).toBe('ACME');
    expect(result.readerFindings.map((finding) => finding.ruleId)).toEqual([
      'reader.template-unconfirmed',
      'reader.sheet-missing',
      'reader.sheet-missing',
    ]);
  });

  it('reports a scope that is none of the three', async () => {
    const bytes = await scratchWorkbook({ sheets: { Declaration: { ...cmrtIdentity(), D3: 'English', D9: 'Division level' } } });
    const result = readCmrt(bytes);
    expect(result.declaration.company.scope).toBeUndefined();
    expect(result.readerFindings).toContainEqual(expect.objectContaining({ ruleId: 'reader.scope-unknown', cell: 'Declaration!D9' }));
  });
});
