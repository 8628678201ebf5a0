import { parseCsv, CsvSyntaxError } from '@dd/cmrt';

/** A logical column and the header spellings accepted for it (compared without case, spaces or punctuation). */
export interface CsvColumn<Key extends string> {
  key: Key;
  /** How errors name the column, e.g. "Smelter ID". */
  label: string;
  aliases: string[];
  required?: boolean;
}

export interface CsvRow<Key extends string> {
  line: number;
  /** The trimmed value, or undefined when the column is absent or the cell empty. */
  get(key: Key): string | undefined;
}

/** A CSV file that cannot be used, with every problem found (line and column named). */
export class CsvInvalid extends Error {
  constructor(
    readonly fileName: string,
    readonly problems: string[],
  ) {
    const shown = problems.slice(0, 25);
    super(
      `${fileName}: ${problems.length} problem(s):\n` +
        shown.map((problem) => `  ${problem}`).join('\n') +
        (problems.length > shown.length ? `\n  ... and ${problems.length - shown.length} more` : ''),
    );
    this.name = 'CsvInvalid';
  }
}

export const headerKey = (header: string) =>
  header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');

/**
 * Reads a CSV with a header line into rows addressed by logical column. Header names are matched
 * leniently ("Smelter ID", "smelter_id", "SMELTER-ID"); unknown columns are ignored; a missing
 * required column or a syntax error is a CsvInvalid naming the line.
 */
export function readCsvTable<Key extends string>(
  text: string,
  fileName: string,
  columns: CsvColumn<Key>[],
): { rows: CsvRow<Key>[]; present: Set<Key> } {
  let records;
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new CsvInvalid(fileName, [error.message]);
    throw error;
  }
  const [header, ...data] = records;
  if (!header) throw new CsvInvalid(fileName, ['the file is empty: expected a header line']);
  const positions = new Map<Key, number>();
  header.fields.forEach((name, index) => {
    const key = headerKey(name);
    const column = columns.find((candidate) => candidate.aliases.some((alias) => headerKey(alias) === key));
    if (column && !positions.has(column.key)) positions.set(column.key, index);
  });
  const missing = columns.filter((column) => column.required && !positions.has(column.key));
  if (missing.length) {
    throw new CsvInvalid(
      fileName,
      missing.map(
        (column) =>
          `line ${header.line}: no "${column.label}" column (the header has ${header.fields.map((name) => `"${name}"`).join(', ')}; accepted names: ${column.aliases.join(', ')})`,
      ),
    );
  }
  const rows = data.map((record) => ({
    line: record.line,
    get(key: Key) {
      const index = positions.get(key);
      const value = index === undefined ? undefined : record.fields[index]?.trim();
      return value ? value : undefined;
    },
  }));
  return { rows, present: new Set(positions.keys()) };
}
