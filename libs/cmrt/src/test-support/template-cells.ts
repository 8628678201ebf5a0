import { strFromU8, strToU8, unzipSync, zipSync, type Unzipped } from 'fflate';
import { columnNumber, parseCellAddress } from '../xlsx/cell-address';
import { findWorkbookPart, readWorkbookIndex, relationshipsPartFor } from '../xlsx/workbook-index';

/**
 * Filling in a real template for specs: cell values written straight into the worksheet XML of
 * the RMI workbook (the way Excel stores a typed value: a number, or an inline string, keeping the
 * cell's style), everything else left byte for byte. Much faster than a round trip through
 * exceljs, and nothing of the template is lost. Formulas are not recalculated: the reader reads
 * selectors and answers, not the cached labels that depend on them.
 */

/** A value to write: text (inline string), a number, or null to empty the cell. */
export type CellInput = string | number | null;

/** Per sheet name, per A1 address. */
export type CellEdits = Record<string, Record<string, CellInput>>;

export interface TemplateEdit {
  cells?: CellEdits;
  /** Per sheet name: keep only rows up to this number (to make small fixtures; the rows must be empty of answers). */
  keepRowsUpTo?: Record<string, number>;
  /** Zip entries to replace (e.g. a logo) or, with null, to leave out. */
  entries?: Record<string, Uint8Array | null>;
  /** Deflate level: 9 for committed fixtures (smallest), 1 by default (fast). */
  level?: 1 | 9;
}

/** A fixed timestamp so the same edit of the same template gives the same bytes. */
const FIXED_MTIME = new Date('2026-01-01T00:00:00Z');

export function editTemplate(xlsx: Uint8Array, edit: TemplateEdit): Uint8Array {
  const entries: Unzipped = unzipSync(xlsx);
  const partOf = sheetParts(entries);
  const sheets = new Set([...Object.keys(edit.cells ?? {}), ...Object.keys(edit.keepRowsUpTo ?? {})]);
  for (const sheet of sheets) {
    const part = partOf.get(sheet);
    if (!part || !entries[part]) throw new Error(`no sheet "${sheet}" in the workbook`);
    let xml = strFromU8(entries[part]);
    const keep = edit.keepRowsUpTo?.[sheet];
    if (keep !== undefined) xml = dropRowsAfter(xml, keep);
    for (const [address, value] of Object.entries(edit.cells?.[sheet] ?? {})) xml = setCell(xml, address, value);
    entries[part] = strToU8(xml);
  }
  for (const [name, bytes] of Object.entries(edit.entries ?? {})) {
    if (bytes === null) delete entries[name];
    else entries[name] = new Uint8Array(bytes);
  }
  const zippable = Object.fromEntries(Object.entries(entries).map(([name, bytes]) => [name, [bytes, { mtime: FIXED_MTIME }]]));
  return zipSync(zippable as never, { level: edit.level ?? 1, mtime: FIXED_MTIME });
}

export function writeCells(xlsx: Uint8Array, cells: CellEdits): Uint8Array {
  return editTemplate(xlsx, { cells });
}

function sheetParts(entries: Unzipped): Map<string, string> {
  const rels = entries['_rels/.rels'];
  const workbookPart = findWorkbookPart(rels ? strFromU8(rels) : undefined);
  const workbookRels = entries[relationshipsPartFor(workbookPart)];
  const index = readWorkbookIndex(workbookPart, strFromU8(entries[workbookPart]), workbookRels ? strFromU8(workbookRels) : undefined);
  return new Map(index.sheets.filter((sheet) => sheet.part).map((sheet) => [sheet.name, sheet.part as string]));
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function cellXml(address: string, style: string | undefined, value: CellInput): string {
  const s = style !== undefined ? ` s="${style}"` : '';
  if (value === null) return `<c r="${address}"${s}/>`;
  if (typeof value === 'number') return `<c r="${address}"${s}><v>${value}</v></c>`;
  return `<c r="${address}"${s} t="inlineStr"><is><t xml:space="preserve">${escapeXml(value)}</t></is></c>`;
}

/** The extent of the element starting at `start` (self-closing or up to its end tag). */
function elementEnd(xml: string, start: number, endTag: string): number {
  const tagEnd = xml.indexOf('>', start);
  if (xml[tagEnd - 1] === '/') return tagEnd + 1;
  return xml.indexOf(endTag, tagEnd) + endTag.length;
}

function setCell(xml: string, address: string, value: CellInput): string {
  const cell = parseCellAddress(address);
  if (!cell) throw new Error(`not a cell address: ${address}`);
  const upper = address.toUpperCase();
  const rowMatch = new RegExp(`<row r="${cell.row}"[\\s>/]`).exec(xml);
  if (!rowMatch) {
    const row = `<row r="${cell.row}">${cellXml(upper, undefined, value)}</row>`;
    return insertRow(xml, cell.row, row);
  }
  const rowStart = rowMatch.index;
  const rowEnd = elementEnd(xml, rowStart, '</row>');
  let rowXml = xml.slice(rowStart, rowEnd);
  if (rowXml.endsWith('/>')) rowXml = `${rowXml.slice(0, -2)}></row>`;
  const existing = new RegExp(`<c r="${upper}"[\\s>/]`).exec(rowXml);
  if (existing) {
    const end = elementEnd(rowXml, existing.index, '</c>');
    const style = /\ss="(\d+)"/.exec(rowXml.slice(existing.index, rowXml.indexOf('>', existing.index)))?.[1];
    rowXml = rowXml.slice(0, existing.index) + cellXml(upper, style, value) + rowXml.slice(end);
  } else {
    let insertAt = rowXml.lastIndexOf('</row>');
    for (const match of rowXml.matchAll(/<c r="([A-Z]+)\d+"/g)) {
      if (columnNumber(match[1]) > cell.column) {
        insertAt = match.index!;
        break;
      }
    }
    rowXml = rowXml.slice(0, insertAt) + cellXml(upper, undefined, value) + rowXml.slice(insertAt);
  }
  return xml.slice(0, rowStart) + rowXml + xml.slice(rowEnd);
}

function insertRow(xml: string, rowNumber: number, rowXml: string): string {
  if (/<sheetData\s*\/>/.test(xml)) return xml.replace(/<sheetData\s*\/>/, `<sheetData>${rowXml}</sheetData>`);
  for (const match of xml.matchAll(/<row r="(\d+)"/g)) {
    if (Number(match[1]) > rowNumber) return xml.slice(0, match.index) + rowXml + xml.slice(match.index);
  }
  const end = xml.indexOf('</sheetData>');
  return xml.slice(0, end) + rowXml + xml.slice(end);
}

/** Leaves out every row after `last` (their cells, formulas and cached values). */
function dropRowsAfter(xml: string, last: number): string {
  const start = xml.indexOf('<sheetData');
  const end = xml.indexOf('</sheetData>');
  if (start < 0 || end < 0) return xml;
  let cut: number | undefined;
  for (const match of xml.slice(start, end).matchAll(/<row r="(\d+)"/g)) {
    if (Number(match[1]) > last) {
      cut = start + match.index!;
      break;
    }
  }
  return cut === undefined ? xml : xml.slice(0, cut) + xml.slice(end);
}
