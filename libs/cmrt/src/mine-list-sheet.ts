import { MINE_COLUMNS, MINE_FIRST_ROW, MINE_LAST_ROW } from '@dd/domain';
import type { MineRow } from '@dd/domain';
import { cellText } from './cmrt-values';
import { columnNumber } from './xlsx/cell-address';
import type { SheetCells } from './xlsx/sheet-cells';
import { LONG_TEXT_MAX, SheetReader, TEXT_MAX } from './sheet-reader';

/** Mine List columns A-M; the hidden helper columns N onwards (country codes, checks) are never read. */
export const MINE_RANGE = { lastRow: MINE_LAST_ROW, lastColumn: columnNumber(MINE_COLUMNS.comments) };

type MineField = keyof typeof MINE_COLUMNS;
const FIELDS = Object.keys(MINE_COLUMNS) as MineField[];
const LONG_FIELDS = new Set<MineField>(['nextSteps', 'comments']);

export type MineRowOf<M extends string> = Omit<MineRow, 'metal'> & { metal?: M };

/**
 * Mine List rows 5-2504 (EMRT 2.x, AMRT 1.3; domain.md §1.10) that hold anything, in sheet order,
 * with their row numbers. The Checker has no rule on this sheet, so nothing here is required; a
 * metal that is not one of the template's minerals is reported and left out.
 */
export function readMineRows<M extends string>(
  reader: SheetReader,
  cells: SheetCells,
  metalFromText: (text: string) => M | undefined,
  expectedMetals: string,
): MineRowOf<M>[] {
  const mines: MineRowOf<M>[] = [];
  for (const row of cells.rowNumbers()) {
    if (row < MINE_FIRST_ROW || row > MINE_LAST_ROW) continue;
    if (!FIELDS.some((field) => cellText(cells.get(row, columnNumber(MINE_COLUMNS[field]))) !== undefined)) continue;
    const index = mines.length;
    const entry: Record<string, unknown> = { row };
    for (const field of FIELDS) {
      const value = reader.text(
        `${MINE_COLUMNS[field]}${row}`,
        `mines[${index}].${field}`,
        LONG_FIELDS.has(field) ? LONG_TEXT_MAX : TEXT_MAX,
      );
      if (value === undefined) continue;
      if (field !== 'metal') {
        entry[field] = value;
        continue;
      }
      const metal = metalFromText(value);
      if (metal !== undefined) entry.metal = metal;
      else {
        const cell = reader.cellRef(`${MINE_COLUMNS.metal}${row}`);
        reader.findings.add({
          ruleId: 'reader.metal-unknown',
          severity: 'warning',
          field: `mines[${index}].metal`,
          cell,
          message: `The metal "${value}" in ${cell} is not ${expectedMetals}.`,
        });
      }
    }
    mines.push(entry as MineRowOf<M>);
  }
  return mines;
}
