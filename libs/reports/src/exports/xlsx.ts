import type ExcelJS from 'exceljs';
import type { ExportDocument, ExportSheet } from './export-table';
import { neutraliseFormula } from './formula-injection';

/** Fixed so that the same data gives the same workbook bytes' content (exceljs stamps times otherwise). */
const WORKBOOK_DATE = new Date('2000-01-01T00:00:00.000Z');

/** Excel's limit on a cell's text; a longer payload is cut, saying so, rather than corrupting the file. */
const MAX_CELL_TEXT = 32_767;

function cellValue(cell: ExportSheet['rows'][number][number]): ExcelJS.CellValue {
  if (cell === null) return null;
  if (typeof cell !== 'string') return cell;
  const text = neutraliseFormula(cell);
  return text.length > MAX_CELL_TEXT ? `${text.slice(0, MAX_CELL_TEXT - 20)}… [cut at 32,767]` : text;
}

/**
 * An export as an XLSX workbook (exceljs): a sheet per table, the header row bold and frozen with a
 * filter on it, text cells neutralised against formulas and stored as text (never as formulas).
 */
export async function documentToXlsx(document: ExportDocument): Promise<Buffer> {
  // Loaded by the first export, not at start: exceljs alone is some 0.3 s of CPU to load (docs/bounded-start.md).
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = 'conflict-minerals-dd';
  workbook.created = WORKBOOK_DATE;
  workbook.modified = WORKBOOK_DATE;
  for (const sheet of document.sheets) {
    const worksheet = workbook.addWorksheet(sheetName(sheet.name), { views: [{ state: 'frozen', ySplit: 1 }] });
    worksheet.columns = sheet.columns.map((column) => ({
      header: column.header,
      width: column.width ?? Math.min(60, Math.max(10, column.header.length + 2)),
    }));
    sheet.columns.forEach((column, index) => {
      if (column.numberFormat) worksheet.getColumn(index + 1).numFmt = column.numberFormat;
    });
    worksheet.getRow(1).font = { bold: true };
    for (const row of sheet.rows) worksheet.addRow(row.map(cellValue));
    if (sheet.columns.length > 0) {
      worksheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + sheet.rows.length, column: sheet.columns.length } };
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Excel refuses sheet names over 31 characters or holding : \ / ? * [ ]. */
function sheetName(name: string): string {
  return name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31);
}
