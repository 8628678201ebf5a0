import type { CellValue } from './xlsx/sheet-cells';

/**
 * A cell as text the way a supplier meant it: trimmed (real files carry trailing tabs and
 * non-breaking spaces), and empty when it is only "0". A "0" (text or number) in a text field
 * is residue of formulas pasted as values - the template's look-up formulas return 0 for an
 * empty source cell - never a name, address or comment.
 */
export function cellText(value: CellValue | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (value === 0) return undefined;
    return numberText(value);
  }
  const text = value.trim();
  return text === '' || text === '0' ? undefined : text;
}

/**
 * A number as Excel's General format would show it: integers in full (phone numbers typed as
 * numbers), other values to 15 significant digits so 0.1 + 0.2 artefacts disappear.
 */
export function numberText(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return value.toFixed(0);
  return String(Number(value.toPrecision(15)));
}
