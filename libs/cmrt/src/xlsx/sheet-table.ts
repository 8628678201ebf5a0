import { numberText } from '../cmrt-values';
import type { CellValue } from './sheet-cells';
import { XlsxWorkbook } from './xlsx-workbook';

export interface ReadSheetTableOptions {
  /** Budget for the parts the workbook inflates (see ZipEntries). */
  maxUncompressedBytes?: number;
  /** Rows read at most, header included; rows past it are not decoded. */
  maxRows?: number;
  /** Columns read at most (A..), past it cells are skipped. */
  maxColumns?: number;
}

/** The first worksheet of a plain workbook as text rows: the row number as Excel shows it, and each cell's text by column. */
export interface SheetTable {
  sheet: string;
  rows: Array<{ row: number; cells: string[] }>;
  /** True when the sheet has rows past maxRows. */
  truncated: boolean;
}

/** A cell as the text a person sees: numbers as Excel's General format shows them, booleans as TRUE/FALSE. */
function text(value: CellValue | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return numberText(value);
  return value.trim();
}

/**
 * Reads the first worksheet of an .xlsx (a table with a header row, e.g. a supplier list) with the
 * same checked zip and sheet scanner as CMRT workbooks. Throws WorkbookProblem when the bytes are
 * not a readable .xlsx. Rows without any value are left out.
 */
export function readSheetTable(bytes: Uint8Array, options: ReadSheetTableOptions = {}): SheetTable {
  const workbook = XlsxWorkbook.open(bytes, { maxUncompressedBytes: options.maxUncompressedBytes });
  const sheet = workbook.sheetNames[0];
  if (sheet === undefined) return { sheet: '', rows: [], truncated: false };
  const maxColumns = options.maxColumns ?? 50;
  const lastRow = options.maxRows === undefined ? undefined : options.maxRows + 1;
  const cells = workbook.readSheets([{ name: sheet, range: { lastColumn: maxColumns, ...(lastRow ? { lastRow } : {}) } }]).get(sheet);
  if (!cells) return { sheet, rows: [], truncated: false };
  const numbers = cells.rowNumbers();
  const kept = options.maxRows === undefined ? numbers : numbers.slice(0, options.maxRows);
  const rows = kept.map((row) => {
    const values: string[] = [];
    for (let column = 1; column <= maxColumns; column++) values.push(text(cells.get(row, column)));
    while (values.length && values[values.length - 1] === '') values.pop();
    return { row, cells: values };
  });
  return { sheet, rows: rows.filter((row) => row.cells.length > 0), truncated: kept.length < numbers.length };
}
