import type { ExportCell, ExportSheet } from './export-table';
import { neutraliseFormula } from './formula-injection';

/**
 * UTF-8 byte order mark. RFC 4180 does not need it, but Excel opens a CSV file as UTF-8 only when the
 * file starts with it (without, it reads the system's ANSI code page and "Fundição" turns into
 * "FundiÃ§Ã£o"); LibreOffice, Python's csv (encoding utf-8-sig) and most parsers skip it.
 */
export const UTF8_BOM = '\uFEFF';

function csvField(cell: ExportCell): string {
  if (cell === null) return '';
  const text = typeof cell === 'string' ? neutraliseFormula(cell) : typeof cell === 'boolean' ? (cell ? 'yes' : 'no') : String(cell);
  // RFC 4180: a field holding a comma, a quote or a line break is quoted, its quotes doubled.
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as RFC 4180 lines: CRLF after every record, the last included. */
export function csvLines(rows: ReadonlyArray<readonly ExportCell[]>): string {
  return rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}

/** One sheet as a CSV file: UTF-8 with a BOM, a header row, RFC 4180 quoting, text cells neutralised. */
export function sheetToCsv(sheet: ExportSheet): Buffer {
  return Buffer.from(UTF8_BOM + csvLines([sheet.columns.map((column) => column.header), ...sheet.rows]), 'utf8');
}
