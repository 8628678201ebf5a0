import { sheetToCsv } from '../exports/csv';
import type { ExportCell, ExportSheet } from '../exports/export-table';
import type { RiskRollForward } from './risk-roll-forward';
import { RISK_CATEGORY_LABELS, ROLL_FORWARD_COLUMNS, signedFigures } from './roll-forward-figures';

/** Excel's spelling of exhibitFigure: thousands separated, negatives in parentheses, zero as a dash. */
export const EXHIBIT_NUMBER_FORMAT = '#,##0;(#,##0);"—"';

/**
 * The roll-forward as a sheet: a row per year and category, then the year's total. Figures are plain
 * numbers, deductions negative, so that a spreadsheet adds a row across to its end balance; the
 * parentheses and dashes are for the printed exhibit (text, HTML), where a reader does the sum.
 */
export function rollForwardSheet(rollForward: RiskRollForward): ExportSheet {
  const rows: ExportCell[][] = [];
  for (const year of rollForward.years) {
    for (const row of year.rows) rows.push([year.year, RISK_CATEGORY_LABELS[row.category], ...signedFigures(row), row.reopened]);
    rows.push([year.year, 'Total', ...signedFigures(year.total), year.total.reopened]);
  }
  return {
    name: 'Risk roll-forward',
    columns: [
      { header: 'Year' },
      { header: 'Risk category', width: 34 },
      // In a workbook the figures stay numbers but read as in the exhibit: (3) for a deduction, a dash for nil.
      ...ROLL_FORWARD_COLUMNS.map((column) => ({ header: column.heading, numberFormat: EXHIBIT_NUMBER_FORMAT })),
      { header: 'Of the additions, reopened' },
    ],
    rows,
  };
}

/** CSV: UTF-8 with BOM, RFC 4180 (see exports/csv.ts). */
export const rollForwardCsv = (rollForward: RiskRollForward): Buffer => sheetToCsv(rollForwardSheet(rollForward));
