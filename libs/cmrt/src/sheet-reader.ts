import { cellAddress } from '@dd/domain';
import { cellText } from './cmrt-values';
import { ReaderFindings } from './reader-findings';
import { parseCellAddress } from './xlsx/cell-address';
import type { CellValue, SheetCells } from './xlsx/sheet-cells';

/** Size limits of the Declaration schema's Text and LongText fields (declaration.schema.ts). */
export const TEXT_MAX = 2000;
export const LONG_TEXT_MAX = 20000;

/**
 * Reads one sheet's cells as declaration values: cleaned text within the schema's limits,
 * noting truncations and formulas saved without a value as reader findings.
 */
export class SheetReader {
  private readonly uncached: { address: string; field: string }[] = [];

  constructor(
    readonly sheet: string,
    private readonly cells: SheetCells,
    readonly findings: ReaderFindings,
  ) {}

  /** "Declaration!D8" for a finding. */
  cellRef(address: string): string {
    return cellAddress(this.sheet, address);
  }

  /**
   * The raw value at an A1 address, read for `field` (the declaration path it feeds), noting a
   * formula without a calculated value.
   */
  value(address: string, field: string): CellValue | undefined {
    const value = this.cells.at(address);
    if (value === undefined) {
      const cell = parseCellAddress(address);
      if (cell && this.cells.hasUncachedFormula(cell.row, cell.column)) this.uncached.push({ address, field });
    }
    return value;
  }

  /** The raw value at an A1 address, without bookkeeping (to look before reading). */
  peek(address: string): CellValue | undefined {
    return this.cells.at(address);
  }

  /** The raw value by row and column, without bookkeeping (for scanning labels). */
  get(row: number, column: number): CellValue | undefined {
    return this.cells.get(row, column);
  }

  /** Cleaned text (see cellText), cut to `max` characters with a finding if longer. */
  text(address: string, field: string, max = TEXT_MAX): string | undefined {
    const text = cellText(this.value(address, field));
    if (text === undefined || text.length <= max) return text;
    this.findings.add({
      ruleId: 'reader.value-truncated',
      severity: 'warning',
      field,
      cell: this.cellRef(address),
      message: `${this.cellRef(address)} holds ${text.length} characters; only the first ${max} were kept.`,
    });
    return text.slice(0, max);
  }

  /**
   * One finding (placed at the first such cell) for all formula cells read here that had no
   * calculated value: the file was written by a tool that does not calculate. They read as
   * empty; opening and saving the file in Excel fills them in.
   */
  reportUncachedFormulas(): void {
    if (this.uncached.length === 0) return;
    const addresses = this.uncached.map((entry) => entry.address);
    const shown = addresses.slice(0, 10).join(', ') + (addresses.length > 10 ? ', ...' : '');
    this.findings.add({
      ruleId: 'reader.formula-without-value',
      severity: 'warning',
      field: this.uncached[0].field,
      cell: this.cellRef(addresses[0]),
      message: `${this.uncached.length} formula cell(s) on the ${this.sheet} sheet have no calculated value (${shown}) and were read as empty; open the file in Excel, let it recalculate, save and send it again.`,
    });
  }
}
