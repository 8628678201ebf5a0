import { cellAddressOf, parseCellAddress } from './cell-address';
import { SharedStrings, readStringItem } from './shared-strings';
import { XmlPart, afterEndTag, decodeOoxmlEscapes, decodeXmlText, findTagEnd, indexOfEndTag, isNameEnd, rootPrefix } from './xml-text';

/** A cell's value as the workbook last calculated or stored it. Empty cells have none. */
export type CellValue = string | number | boolean;

/** Which cells to keep; everything outside is skipped without decoding. */
export interface SheetRange {
  firstRow?: number;
  lastRow?: number;
  lastColumn?: number;
}

const ROW_FACTOR = 16_385; // > max column (XFD = 16384), so row * ROW_FACTOR + column is unique

/** The cells of one worksheet that a reader asked for, by (row, column) or A1 address. */
export class SheetCells {
  private readonly values = new Map<number, CellValue>();
  private readonly uncached = new Set<number>();
  private readonly populatedRows = new Set<number>();

  /** Set a value; the scanner's only writer. */
  put(row: number, column: number, value: CellValue): void {
    this.values.set(row * ROW_FACTOR + column, value);
    this.populatedRows.add(row);
  }

  /** Record a formula cell saved without a calculated value (it reads as empty). */
  markUncachedFormula(row: number, column: number): void {
    this.uncached.add(row * ROW_FACTOR + column);
  }

  get(row: number, column: number): CellValue | undefined {
    return this.values.get(row * ROW_FACTOR + column);
  }

  /** Value at an A1 address ("D8"); undefined for empty cells or a malformed address. */
  at(address: string): CellValue | undefined {
    const cell = parseCellAddress(address);
    return cell ? this.get(cell.row, cell.column) : undefined;
  }

  hasUncachedFormula(row: number, column: number): boolean {
    return this.uncached.has(row * ROW_FACTOR + column);
  }

  /** Rows holding at least one non-empty cell in range, ascending. */
  rowNumbers(): number[] {
    return [...this.populatedRows].sort((a, b) => a - b);
  }

  get size(): number {
    return this.values.size;
  }

  /** Every value as "A1" -> value (for specs and debugging). */
  entries(): Map<string, CellValue> {
    const out = new Map<string, CellValue>();
    for (const [key, value] of this.values) out.set(cellAddressOf(Math.floor(key / ROW_FACTOR), key % ROW_FACTOR), value);
    return out;
  }

  /** Addresses of formula cells saved without a value (for specs and debugging). */
  uncachedAddresses(): string[] {
    return [...this.uncached].map((key) => cellAddressOf(Math.floor(key / ROW_FACTOR), key % ROW_FACTOR)).sort();
  }
}

/**
 * Scan a worksheet part (`<sheetData>`) for cell values.
 *
 * Hand-rolled rather than a SAX parser on purpose: a CMRT's Smelter List part is ~5 MB of XML
 * (2,500 rows of formulas across 34 columns) of which a reader wants columns A-Q of a few dozen
 * rows. This scanner jumps from `<c` to `</c>` with indexOf over a one-byte string (see
 * XmlPart), skips the rest of a row once past the last wanted column, decodes only in-range
 * values and never builds strings for formulas. bench/read-cmrt.bench.ts (`sheetScan`) times it
 * against the same extraction with saxes, which must tokenise and entity-decode every formula:
 * on the JX sample's Smelter List 17 ms vs 106 ms (about 6x), so the scanner stays. The specs
 * (sheet-cells.spec.ts) check both give identical cells on Excel- and exceljs-written workbooks.
 *
 * It handles what a conforming parser would for the value-bearing elements: entity and
 * character references, CDATA, "\r\n" normalisation, plus SpreadsheetML's `_xHHHH_` escapes,
 * rich-text and inline strings (without phonetic runs), namespace prefixes, cells or rows
 * without an `r` attribute, and single- or double-quoted attributes. It relies on what
 * ECMA-376 requires and Excel enforces: rows in ascending order, cells in column order.
 *
 * Value rules: a formula counts by its cached `<v>`; one without `<v>` is empty (and marked, see
 * SheetCells.hasUncachedFormula); t="s" shared string, t="inlineStr" inline string, t="str"
 * formula string, t="b" boolean, t="e" error -> empty, t="d" ISO date text, otherwise a number.
 * Empty strings are empty cells.
 */
export function scanSheetCells(part: XmlPart, sharedStrings: SharedStrings, range: SheetRange = {}): SheetCells {
  const cells = new SheetCells();
  const xml = part.text;
  const firstRow = range.firstRow ?? 1;
  const lastRow = range.lastRow ?? Number.MAX_SAFE_INTEGER;
  const lastColumn = range.lastColumn ?? Number.MAX_SAFE_INTEGER;

  const prefix = rootPrefix(xml, 'worksheet');
  const rowOpen = `<${prefix}row`;
  const rowClose = `</${prefix}row`;
  const cellOpen = `<${prefix}c`;
  const cellClose = `</${prefix}c`;
  const names: InnerElementNames = {
    formula: `<${prefix}f`,
    value: `<${prefix}v`,
    valueClose: `</${prefix}v`,
    inline: `<${prefix}is`,
    inlineClose: `</${prefix}is`,
    prefix,
  };

  const dataStart = xml.indexOf(`<${prefix}sheetData`);
  if (dataStart < 0) return cells;
  const dataCloseAt = indexOfEndTag(xml, `</${prefix}sheetData`, dataStart);
  const dataEnd = dataCloseAt < 0 ? xml.length : dataCloseAt;

  let row = 0;
  let column = 0;
  let pos = dataStart + 1;
  for (;;) {
    const lt = xml.indexOf('<', pos);
    if (lt < 0 || lt >= dataEnd) break;

    if (xml.startsWith(cellOpen, lt) && isNameEnd(xml, lt + cellOpen.length)) {
      const tag = readCellTag(xml, lt + cellOpen.length);
      if (tag.end < 0) break;
      const ref = tag.ref === undefined ? undefined : parseCellAddress(tag.ref);
      if (ref) {
        row = ref.row;
        column = ref.column;
      } else {
        column += 1;
      }
      if (row > lastRow) break;
      if (column > lastColumn) {
        // The rest of this row lies further right still: skip to its end.
        const rowEnd = indexOfEndTag(xml, rowClose, tag.end);
        pos = rowEnd < 0 ? dataEnd : rowEnd;
        continue;
      }
      if (tag.selfClosing) {
        pos = tag.end + 1;
        continue;
      }
      const close = indexOfEndTag(xml, cellClose, tag.end);
      const innerEnd = close < 0 ? dataEnd : close;
      if (row >= firstRow) readCellValue(cells, row, column, tag.type, part, tag.end + 1, innerEnd, names, sharedStrings);
      pos = close < 0 ? dataEnd : afterEndTag(xml, close);
      continue;
    }

    if (xml.startsWith(rowOpen, lt) && isNameEnd(xml, lt + rowOpen.length)) {
      const tagEnd = findTagEnd(xml, lt);
      if (tagEnd < 0) break;
      const r = ROW_NUMBER.exec(xml.slice(lt + rowOpen.length, tagEnd));
      const parsed = r === null ? NaN : Number(r[1] ?? r[2]);
      row = Number.isInteger(parsed) && parsed > 0 ? parsed : row + 1;
      column = 0;
      if (row > lastRow) break;
      pos = tagEnd + 1;
      continue;
    }

    pos = lt + 1;
  }
  return cells;
}

interface InnerElementNames {
  formula: string;
  value: string;
  valueClose: string;
  inline: string;
  inlineClose: string;
  prefix: string;
}

interface CellTag {
  ref?: string;
  type?: string;
  /** Index of the tag's closing `>`; -1 when the document is truncated. */
  end: number;
  selfClosing: boolean;
}

/** Read `r` and `t` from a `<c ...>` start tag, starting just after the element name. */
function readCellTag(xml: string, from: number): CellTag {
  let ref: string | undefined;
  let type: string | undefined;
  let i = from;
  const length = xml.length;
  for (;;) {
    while (i < length && isSpace(xml.charCodeAt(i))) i++;
    if (i >= length) return { end: -1, selfClosing: false };
    const ch = xml.charCodeAt(i);
    if (ch === 62 /* > */) return { ref, type, end: i, selfClosing: false };
    if (ch === 47 /* / */) {
      const end = xml.indexOf('>', i);
      return { ref, type, end, selfClosing: true };
    }
    const nameStart = i;
    while (i < length) {
      const c = xml.charCodeAt(i);
      if (c === 61 /* = */ || isSpace(c) || c === 62 || c === 47) break;
      i++;
    }
    const nameEnd = i;
    while (i < length && isSpace(xml.charCodeAt(i))) i++;
    if (xml.charCodeAt(i) !== 61) continue; // a name without a value is not XML; skip it
    i++;
    while (i < length && isSpace(xml.charCodeAt(i))) i++;
    const quote = xml.charCodeAt(i);
    if (quote !== 34 && quote !== 39) return { end: -1, selfClosing: false };
    const valueEnd = xml.indexOf(quote === 34 ? '"' : "'", i + 1);
    if (valueEnd < 0) return { end: -1, selfClosing: false };
    if (nameEnd - nameStart === 1) {
      const name = xml.charCodeAt(nameStart);
      if (name === 114 /* r */) ref = xml.slice(i + 1, valueEnd);
      else if (name === 116 /* t */) type = xml.slice(i + 1, valueEnd);
    }
    i = valueEnd + 1;
  }
}

function isSpace(ch: number): boolean {
  return ch === 32 || ch === 9 || ch === 10 || ch === 13;
}

/** Decode the value of the cell whose content lies at [start, end) of the part. */
function readCellValue(
  cells: SheetCells,
  row: number,
  column: number,
  type: string | undefined,
  part: XmlPart,
  start: number,
  end: number,
  names: InnerElementNames,
  sharedStrings: SharedStrings,
): void {
  // Searches run on the cell's own slice, so a cell without <v> never scans the rest of the sheet.
  const inner = part.text.slice(start, end);
  if (type === 'inlineStr') {
    const isAt = indexOfElement(inner, names.inline);
    if (isAt >= 0) {
      const isEnd = indexOfEndTag(inner, names.inlineClose, isAt);
      const text = readStringItem(part, start + isAt, start + (isEnd < 0 ? inner.length : isEnd), names.prefix);
      if (text !== '') cells.put(row, column, text);
      return;
    }
  }

  const valueAt = indexOfElement(inner, names.value);
  if (valueAt < 0) {
    if (indexOfElement(inner, names.formula) >= 0) cells.markUncachedFormula(row, column);
    return;
  }
  const valueTagEnd = findTagEnd(inner, valueAt);
  if (valueTagEnd < 0 || inner.charCodeAt(valueTagEnd - 1) === 47 /* <v/> */) return;
  const valueClose = indexOfEndTag(inner, names.valueClose, valueTagEnd);
  const rawStart = valueTagEnd + 1;
  const rawEnd = valueClose < 0 ? inner.length : valueClose;

  switch (type) {
    case 's': {
      const text = sharedStrings.get(Number(inner.slice(rawStart, rawEnd).trim()));
      if (text !== undefined && text !== '') cells.put(row, column, text);
      return;
    }
    case 'str':
    case 'inlineStr':
    case 'd': {
      const text = decodeOoxmlEscapes(decodeXmlText(part.slice(start + rawStart, start + rawEnd)));
      if (text !== '') cells.put(row, column, text);
      return;
    }
    case 'b': {
      const flag = inner.slice(rawStart, rawEnd).trim();
      cells.put(row, column, flag === '1' || flag === 'true');
      return;
    }
    case 'e':
      return; // #N/A, #REF! ... : the value is an error, not data
    default: {
      const text = inner.slice(rawStart, rawEnd).trim();
      if (text === '') return;
      const number = Number(text);
      if (Number.isFinite(number)) cells.put(row, column, number);
    }
  }
}

/** Position of element `open` ("<v", "<f", "<is") in `text`, not confused with longer names. */
function indexOfElement(text: string, open: string): number {
  let pos = 0;
  for (;;) {
    const at = text.indexOf(open, pos);
    if (at < 0) return -1;
    if (isNameEnd(text, at + open.length)) return at;
    pos = at + open.length;
  }
}

/** The `r` attribute inside a `<row ...>` start tag. */
const ROW_NUMBER = /(?:^|\s)r\s*=\s*(?:"([^"]*)"|'([^']*)')/;
