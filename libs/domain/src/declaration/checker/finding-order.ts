/**
 * The pieces every template's findings are sorted by: where a cell stands in its workbook and where a
 * rule stands in its catalogue. Each template's evaluator composes them in its own order.
 */

export interface CellPosition {
  sheet: number;
  row: number;
  column: string;
}

/** Where a finding's cell ("Smelter List!F12") stands; no cell, or a sheet not in `sheetOrder`, after every sheet. */
export function cellPosition(cell: string | undefined, sheetOrder: readonly string[]): CellPosition {
  const match = /^(.*)!([A-Z]+)(\d+)$/.exec(cell ?? '');
  if (!match) return { sheet: sheetOrder.length, row: Number.MAX_SAFE_INTEGER, column: '' };
  const sheet = sheetOrder.indexOf(match[1]);
  return { sheet: sheet < 0 ? sheetOrder.length : sheet, row: Number(match[3]), column: match[2] };
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Columns in worksheet order: Z before AA. */
export function compareColumns(a: string, b: string): number {
  return a.length - b.length || compareText(a, b);
}

/** A rule's place in its catalogue; a rule not in it after all others. */
export function ruleRank(ruleIds: readonly string[]): (ruleId: string) => number {
  const ranks = new Map<string, number>(ruleIds.map((id, index) => [id, index]));
  return (ruleId) => ranks.get(ruleId) ?? ranks.size;
}
