import { sheetToCsv } from './csv';
import type { ExportDocument, ExportFormat } from './export-table';
import { documentToXlsx } from './xlsx';

/** An export in a format: a CSV holds the first sheet, an XLSX workbook every sheet. */
export async function renderExport(document: ExportDocument, format: ExportFormat): Promise<Buffer> {
  return format === 'csv' ? sheetToCsv(document.sheets[0]) : documentToXlsx(document);
}
