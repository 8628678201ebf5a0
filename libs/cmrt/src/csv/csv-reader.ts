/**
 * A small RFC 4180 reader: fields separated by a delimiter (comma by default), records by CRLF
 * (LF and lone CR are accepted too), fields in double quotes may hold delimiters, line breaks and
 * doubled quotes (""). A UTF-8 byte-order mark is dropped. Blank lines are skipped. Each record
 * carries the line it starts on, so errors can name it.
 */
export interface CsvRecord {
  /** 1-based line of the file where the record starts. */
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvSyntaxError';
  }
}

export interface CsvOptions {
  /** Default: "," unless the first line has no comma but a ";" or a tab (Excel in many locales writes ";"). */
  delimiter?: string;
}

export function parseCsv(input: string, options: CsvOptions = {}): CsvRecord[] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const delimiter = options.delimiter ?? detectDelimiter(text);
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw new Error(`unusable CSV delimiter ${JSON.stringify(delimiter)}`);
  }
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  /** True once the current record has anything (a character, a delimiter or quotes). */
  let started = false;
  let line = 1;
  let recordLine = 1;
  let i = 0;

  const endRecord = () => {
    if (started) records.push({ line: recordLine, fields: [...fields, field] });
    fields = [];
    field = '';
    started = false;
  };

  while (i < text.length) {
    const char = text[i];
    if (char === '"' && field === '' && (fields.length === 0 ? !started : text[i - 1] === delimiter)) {
      // A quoted field runs to the next quote that is not doubled.
      const openedOn = line;
      started = true;
      i++;
      for (;;) {
        if (i >= text.length) throw new CsvSyntaxError(openedOn, 'a quoted field is not closed (missing ")');
        const inner = text[i];
        if (inner === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (inner === '\n' || (inner === '\r' && text[i + 1] !== '\n')) line++;
        field += inner;
        i++;
      }
      const next = text[i];
      if (next !== undefined && next !== delimiter && next !== '\r' && next !== '\n') {
        throw new CsvSyntaxError(
          line,
          `unexpected ${JSON.stringify(next)} after a closing quote (a quote inside a field must be doubled: "")`,
        );
      }
      continue;
    }
    if (char === delimiter) {
      fields.push(field);
      field = '';
      started = true;
      i++;
      continue;
    }
    if (char === '\r' || char === '\n') {
      endRecord();
      i += char === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    if (char === '"') throw new CsvSyntaxError(line, 'a quote inside an unquoted field (quote the whole field and double the quote: "")');
    field += char;
    started = true;
    i++;
  }
  endRecord();
  return records;
}

function detectDelimiter(text: string): string {
  const end = text.search(/[\r\n]/);
  const firstLine = end === -1 ? text : text.slice(0, end);
  if (firstLine.includes(',')) return ',';
  if (firstLine.includes(';')) return ';';
  if (firstLine.includes('\t')) return '\t';
  return ',';
}
