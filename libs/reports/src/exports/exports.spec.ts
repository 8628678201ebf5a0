import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { sheetToCsv, UTF8_BOM } from './csv';
import type { ExportDocument } from './export-table';
import { neutraliseFormula } from './formula-injection';
import { renderExport } from './render-export';
import { documentToXlsx } from './xlsx';

/** What a supplier or an API client may have typed: each of these would run as a formula in a spreadsheet. */
const HOSTILE = ['=HYPERLINK("http://evil.example","click")', '+1+1', '-2+3', '@SUM(A1:A2)', '\t=1+1', '\r=1+1'];

const document: ExportDocument = {
  sheets: [
    {
      name: 'Risk register',
      columns: [{ header: 'Risk id' }, { header: 'Reason' }, { header: 'Count' }, { header: 'Open' }, { header: 'Owner' }],
      rows: [
        ['2024-a', 'Smelter "Fundição" is, by RMI, non-conformant', 3, true, null],
        ['2024-b', 'two\nlines', -4, false, 'anna'],
        ...HOSTILE.map((text, index) => [`2024-h${index}`, text, index, false, text] as const),
      ],
    },
    { name: 'Findings: detail [1]', columns: [{ header: 'Message' }], rows: [['=cmd|calc']] },
  ],
};

async function readXlsx(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

describe('Spreadsheet exports', () => {
  describe('formula injection (OWASP)', () => {
    it.each(HOSTILE)('given a text cell starting a formula (%j), then it gets a leading apostrophe', (text) => {
      expect(neutraliseFormula(text)).toBe(`'${text}`);
    });

    it('given ordinary text, a negative-looking word inside, or an empty cell, then it is left alone', () => {
      expect(neutraliseFormula('Tin smelter = conformant')).toBe('Tin smelter = conformant');
      expect(neutraliseFormula('')).toBe('');
      expect(neutraliseFormula("'already quoted")).toBe("'already quoted");
    });
  });

  describe('CSV', () => {
    const csv = sheetToCsv(document.sheets[0]).toString('utf8');

    it('starts with a UTF-8 byte order mark so that Excel reads it as UTF-8, then the header in the domain’s words', () => {
      expect(csv.startsWith(UTF8_BOM)).toBe(true);
      expect(csv.slice(1).split('\r\n')[0]).toBe('Risk id,Reason,Count,Open,Owner');
    });

    it('quotes fields with commas, quotes or line breaks (RFC 4180), ends every record with CRLF, keeps numbers numbers', () => {
      const lines = csv.slice(1).split('\r\n');
      expect(lines[1]).toBe('2024-a,"Smelter ""Fundição"" is, by RMI, non-conformant",3,yes,');
      expect(lines[2]).toBe('2024-b,"two\nlines",-4,no,anna');
      expect(csv.endsWith('\r\n')).toBe(true);
    });

    it('neutralises every text cell that would start a formula, and no other', () => {
      const lines = csv.slice(1).split('\r\n');
      expect(lines[3]).toBe(
        `2024-h0,"'=HYPERLINK(""http://evil.example"",""click"")",0,no,"'=HYPERLINK(""http://evil.example"",""click"")"`,
      );
      expect(lines[4]).toBe("2024-h1,'+1+1,1,no,'+1+1");
      expect(lines[5]).toBe("2024-h2,'-2+3,2,no,'-2+3");
      expect(lines[6]).toBe("2024-h3,'@SUM(A1:A2),3,no,'@SUM(A1:A2)");
      expect(lines[7]).toBe("2024-h4,'\t=1+1,4,no,'\t=1+1");
      // A field holding a carriage return is quoted; the apostrophe still comes first.
      expect(lines[8]).toBe(`2024-h5,"'\r=1+1",5,no,"'\r=1+1"`);
    });

    it('reads back with a CSV parser to the same cells, hostile ones behind their apostrophe', async () => {
      const workbook = new ExcelJS.Workbook();
      const sheet = await workbook.csv.read(Readable.from([Buffer.from(csv.slice(1), 'utf8')]), { map: (value: unknown) => value });
      const rows: string[][] = [];
      sheet.eachRow((row) => rows.push((row.values as string[]).slice(1)));
      expect(rows[0]).toEqual(['Risk id', 'Reason', 'Count', 'Open', 'Owner']);
      expect(rows[1]).toEqual(['2024-a', 'Smelter "Fundição" is, by RMI, non-conformant', '3', 'yes', '']);
      expect(rows.slice(3).map((row) => row[1])).toEqual(HOSTILE.map((text) => `'${text}`));
    });
  });

  describe('XLSX', () => {
    it('reads back with exceljs: every sheet, the header bold and frozen, numbers and yes/no typed, hostile text as inert text', async () => {
      const workbook = await readXlsx(await documentToXlsx(document));

      expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Risk register', 'Findings  detail  1 ']);
      const sheet = workbook.worksheets[0];
      expect(sheet.getRow(1).values).toEqual([undefined, 'Risk id', 'Reason', 'Count', 'Open', 'Owner']);
      expect(sheet.getRow(1).font?.bold).toBe(true);
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.getRow(2).values).toEqual([undefined, '2024-a', 'Smelter "Fundição" is, by RMI, non-conformant', 3, true]);
      expect(sheet.getRow(3).getCell(3).value).toBe(-4);
      for (const [index, text] of HOSTILE.entries()) {
        const cell = sheet.getRow(4 + index).getCell(2);
        expect(cell.type).toBe(ExcelJS.ValueType.String);
        // XML reads a carriage return back as a line feed; the apostrophe is what matters.
        expect(cell.value).toBe(`'${text}`.replace(/\r/g, '\n'));
        expect(cell.formula).toBeUndefined();
      }
      expect(workbook.worksheets[1].getRow(2).getCell(1).value).toBe("'=cmd|calc");
    });

    it('gives a CSV the first sheet only and a workbook every sheet', async () => {
      expect((await renderExport(document, 'csv')).toString('utf8')).toBe(sheetToCsv(document.sheets[0]).toString('utf8'));
      expect((await readXlsx(await renderExport(document, 'xlsx'))).worksheets).toHaveLength(2);
    });
  });
});
