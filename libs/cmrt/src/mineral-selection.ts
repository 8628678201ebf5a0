import { MINERAL_SELECTOR_CELLS } from '@dd/domain';
import { cellAddressOf, parseCellAddress } from './xlsx/cell-address';
import type { SheetReader } from './sheet-reader';

/**
 * The mineral selector of the EMRT and AMRT Declarations (D12:I13). The template copies the ten
 * selector cells into P12:P21 (a selector holding its "replace" option - EMRT "(Delete Cobalt)",
 * AMRT "Other [specify below]" - takes the cell `replacementOffset` rows below it instead, blank
 * when that is empty), sorts them alphabetically without duplicates into AA12:AA21, and labels the
 * question rows from that list: the i-th name answers on each question's i-th row. The reader
 * computes the same list from the selector cells rather than trusting cached formula results.
 */
export interface SelectedMineral {
  /** As written (trimmed). */
  name: string;
  /** The selector cell, e.g. "D12". */
  selector: string;
  /** Where the name was read: the selector, or the cell below it for a replacement. */
  nameCell: string;
  /** Named in the replacement cell below the selector. */
  replaced: boolean;
  /** Row offset below each question (position in the sorted list). */
  slot: number;
}

export interface MineralSelection {
  minerals: SelectedMineral[];
  /** Selectors holding the replace option with nothing in the cell below (AMRT: "Other" without a name). */
  unnamedReplacements: string[];
}

export function readMineralSelection(
  reader: SheetReader,
  isReplacement: (text: string) => boolean,
  replacementOffset: number,
): MineralSelection {
  const picked: Omit<SelectedMineral, 'slot'>[] = [];
  const unnamedReplacements: string[] = [];
  for (const selector of MINERAL_SELECTOR_CELLS) {
    const text = reader.text(selector, 'minerals');
    if (text === undefined) continue;
    if (!isReplacement(text)) {
      picked.push({ name: text, selector, nameCell: selector, replaced: false });
      continue;
    }
    const cell = parseCellAddress(selector)!;
    const nameCell = cellAddressOf(cell.row + replacementOffset, cell.column);
    const name = reader.text(nameCell, 'minerals');
    if (name === undefined) unnamedReplacements.push(selector);
    else picked.push({ name, selector, nameCell, replaced: true });
  }
  // Excel compares text without regard to case; the first of equal names keeps the slot.
  const key = (name: string) => name.toLowerCase();
  const unique = picked.filter((entry, index) => picked.findIndex((other) => key(other.name) === key(entry.name)) === index);
  const sorted = [...unique].sort((a, b) => (key(a.name) < key(b.name) ? -1 : key(a.name) > key(b.name) ? 1 : 0));
  return { minerals: sorted.map((entry, slot) => ({ ...entry, slot })), unnamedReplacements };
}
