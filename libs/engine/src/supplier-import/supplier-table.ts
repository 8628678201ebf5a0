import { CsvSyntaxError, parseCsv, readSheetTable, WorkbookProblem } from '@dd/cmrt';

/** The columns of a supplier list, named like the fields of RegisterSupplier, AssignSupplierOwner and AddSupplierContact. */
export const SUPPLIER_COLUMNS = [
  { key: 'supplierId', aliases: ['supplier id', 'id', 'supplier'], required: true },
  { key: 'name', aliases: ['supplier name', 'company', 'company name'], required: true },
  { key: 'tier', aliases: [], required: true },
  { key: 'country', aliases: ['country code'] },
  { key: 'parentSupplierId', aliases: ['parent', 'parent id', 'parent supplier', 'parent supplier id'] },
  { key: 'owner', aliases: ['relationship owner', 'supplier owner'] },
  { key: 'contactName', aliases: ['contact', 'contact person'] },
  { key: 'contactEmail', aliases: ['email', 'e-mail', 'contact e-mail'] },
  { key: 'contactRole', aliases: ['role'] },
  { key: 'contactLanguage', aliases: ['language'] },
] as const satisfies ReadonlyArray<{ key: string; aliases: readonly string[]; required?: boolean }>;
export type SupplierColumn = (typeof SUPPLIER_COLUMNS)[number]['key'];

/** A list of a few thousand suppliers is well under this; a bigger file is not a supplier list. */
export const SUPPLIER_FILE_MAX_BYTES = 5 * 1024 * 1024;
export const SUPPLIER_FILE_MAX_ROWS = 5000;

/** One data row: its number in the file (the spreadsheet's row, or the CSV's line) and its values by column. */
export interface SupplierTableRow {
  row: number;
  values: Partial<Record<SupplierColumn, string>>;
}

export interface SupplierTable {
  format: 'csv' | 'xlsx';
  rows: SupplierTableRow[];
}

/** A file that is not a usable supplier list: every problem, each a sentence naming what is wrong. */
export class SupplierFileUnusable extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
    this.name = 'SupplierFileUnusable';
  }
}

/** Headers compare without case, spaces or punctuation: "Supplier ID", "supplier_id" and "supplierId" are one column. */
const headerKey = (header: string) =>
  header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');

const byHeader = new Map<string, SupplierColumn>(
  SUPPLIER_COLUMNS.flatMap((column) => [column.key, ...column.aliases].map((name) => [headerKey(name), column.key] as const)),
);

/**
 * Reads a supplier list: an .xlsx (its first sheet) or a CSV (UTF-8; comma, or semicolon as Excel
 * writes it in many locales), header row first. An unknown column is a problem, not ignored: a
 * value the import would drop silently is worse than a file sent back.
 */
export function readSupplierTable(bytes: Uint8Array): SupplierTable {
  if (bytes.length === 0) throw new SupplierFileUnusable(['the file is empty']);
  if (bytes.length > SUPPLIER_FILE_MAX_BYTES) {
    throw new SupplierFileUnusable([`the file is larger than ${SUPPLIER_FILE_MAX_BYTES / 1024 / 1024} MB`]);
  }
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  const format = zip ? 'xlsx' : 'csv';
  let records: Array<{ row: number; cells: string[] }>;
  let truncated = false;
  try {
    if (zip) {
      const table = readSheetTable(bytes, { maxRows: SUPPLIER_FILE_MAX_ROWS + 1, maxColumns: 50, maxUncompressedBytes: 50 * 1024 * 1024 });
      records = table.rows;
      truncated = table.truncated;
    } else {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      records = parseCsv(text).map((record) => ({ row: record.line, cells: record.fields.map((field) => field.trim()) }));
    }
  } catch (error) {
    if (error instanceof WorkbookProblem) throw new SupplierFileUnusable([`not a readable .xlsx: ${error.message}`]);
    if (error instanceof CsvSyntaxError) throw new SupplierFileUnusable([`not a readable CSV: ${error.message}`]);
    if (error instanceof TypeError) throw new SupplierFileUnusable(['neither an .xlsx workbook nor a UTF-8 CSV file']);
    throw error;
  }
  const [header, ...data] = records.filter((record) => record.cells.some((cell) => cell !== ''));
  if (!header) throw new SupplierFileUnusable(['no header row: the first row names the columns (supplierId, name, tier, ...)']);
  if (truncated || data.length > SUPPLIER_FILE_MAX_ROWS) {
    throw new SupplierFileUnusable([`more than ${SUPPLIER_FILE_MAX_ROWS} suppliers: split the list into several files`]);
  }
  const problems: string[] = [];
  const positions = new Map<SupplierColumn, number>();
  header.cells.forEach((name, index) => {
    if (name === '') return;
    const column = byHeader.get(headerKey(name));
    if (!column) problems.push(`unknown column "${name}"`);
    else if (positions.has(column)) problems.push(`column "${name}" appears twice`);
    else positions.set(column, index);
  });
  for (const column of SUPPLIER_COLUMNS) {
    if ('required' in column && column.required && !positions.has(column.key)) problems.push(`no ${column.key} column`);
  }
  if (problems.length) {
    problems.push(`the columns are: ${SUPPLIER_COLUMNS.map((column) => column.key).join(', ')} (supplierId, name and tier required)`);
    throw new SupplierFileUnusable(problems);
  }
  return {
    format,
    rows: data.map((record) => ({
      row: record.row,
      values: Object.fromEntries(
        [...positions].flatMap(([column, index]) => (record.cells[index] ? [[column, record.cells[index]] as const] : [])),
      ),
    })),
  };
}
