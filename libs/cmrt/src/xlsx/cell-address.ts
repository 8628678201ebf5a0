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

/** "D22" -> { row: 22, column: 4 }; undefined when it is not a plain cell reference. */
export function parseCellAddress(address: string): { row: number; column: number } | undefined {
  const match = /^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$/.exec(address);
  if (!match) return undefined;
  const column = columnNumber(match[1]);
  const row = Number(match[2]);
  return column > 0 && row > 0 ? { row, column } : undefined;
}

export function cellAddressOf(row: number, column: number): string {
  return `${columnLetters(column)}${row}`;
}
