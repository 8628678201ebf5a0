/** A1-style addresses <-> (row, column) numbers, both 1-based. */

/** "D" -> 4, "AB" -> 28; 0 when `letters` is not a column name. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) {
    const ch = letters.charCodeAt(i);
    const upper = ch >= 97 && ch <= 122 ? ch - 32 : ch;
    if (upper < 65 || upper > 90) return 0;
    n = n * 26 + (upper - 64);
  }
  return n;
}

/** 4 -> "D", 28 -> "AB". */
export function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/**
 * "D22" (or "$D$22") -> { row: 22, column: 4 }; undefined when it is not a plain cell reference.
 * Hand-parsed: the sheet scanner calls it for every cell.
 */
export function parseCellAddress(address: string): { row: number; column: number } | undefined {
  let i = 0;
  const length = address.length;
  if (address.charCodeAt(i) === 36 /* $ */) i++;
  let column = 0;
  let letters = 0;
  for (; i < length; i++) {
    const ch = address.charCodeAt(i);
    const upper = ch >= 97 && ch <= 122 ? ch - 32 : ch;
    if (upper < 65 || upper > 90) break;
    column = column * 26 + (upper - 64);
    letters++;
  }
  if (letters === 0 || letters > 3) return undefined;
  if (address.charCodeAt(i) === 36 /* $ */) i++;
  let row = 0;
  let digits = 0;
  for (; i < length; i++) {
    const ch = address.charCodeAt(i);
    if (ch < 48 || ch > 57) return undefined;
    row = row * 10 + (ch - 48);
    digits++;
  }
  if (digits === 0 || digits > 7 || row === 0 || column > 16_384) return undefined;
  return { row, column };
}

export function cellAddressOf(row: number, column: number): string {
  return `${columnLetters(column)}${row}`;
}
