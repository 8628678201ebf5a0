/** Plain aligned columns for terminals; --json exists for machines. */
export function printTable(headers: string[], rows: Array<Array<string | number>>): void {
  const cells = [headers, ...rows.map((row) => row.map(String))];
  // A fold, not Math.max(...cells): a period's register can have more rows than a call takes arguments.
  const widths = headers.map((_, column) => cells.reduce((widest, row) => Math.max(widest, (row[column] ?? '').length), 0));
  for (const row of cells)
    console.log(
      row
        .map((cell, column) => cell.padEnd(widths[column]))
        .join('  ')
        .trimEnd(),
    );
}
