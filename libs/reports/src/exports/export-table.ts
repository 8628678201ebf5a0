/** A cell of an exported sheet: text, a number, a yes/no, or empty. */
export type ExportCell = string | number | boolean | null;

export interface ExportColumn {
  /** The header, in the domain's words. */
  header: string;
  /** Width in characters in the XLSX sheet (default: from the header). */
  width?: number;
  /** Excel number format of the column in the XLSX sheet (e.g. the exhibit's parentheses and dashes). */
  numberFormat?: string;
}

/** One sheet of an export: a named table with its columns and rows. */
export interface ExportSheet {
  /** The sheet's name in the workbook (at most 31 characters, none of : \ / ? * [ ]). */
  name: string;
  columns: readonly ExportColumn[];
  rows: ReadonlyArray<readonly ExportCell[]>;
}

/**
 * An export: the first sheet is the table itself (all a CSV holds); further sheets give detail
 * a spreadsheet keeps beside it (e.g. each finding of the survey status on its own row).
 */
export interface ExportDocument {
  sheets: readonly [ExportSheet, ...ExportSheet[]];
}

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_MEDIA_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
