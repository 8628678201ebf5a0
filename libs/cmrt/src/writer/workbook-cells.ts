import { strFromU8, strToU8, unzipSync, zipSync, type Unzipped } from 'fflate';
import { columnNumber, parseCellAddress } from '../xlsx/cell-address';
import { findWorkbookPart, readWorkbookIndex, relationshipsPartFor } from '../xlsx/workbook-index';

/**
 * Writing values into a workbook's own XML, the way Excel stores what a person types: a number, or
 * an inline string, in the cell's existing element so that its style stays. Every other part of the
 * package (data validations, conditional formats, formulas, hidden sheets, protection, images) is
 * left byte for byte. Rewriting the whole workbook with a library would lose the template's data
 * validations; this is why the writer edits the XML.
 *
 * Two kinds of write:
 * - a value: what a person types or picks; it replaces the cell, formula included (as picking a
 *   value from a CMRT dropdown replaces the template's auto-fill formula);
 * - a formula result: the cell keeps its formula and gets the value it computes as its cached
 *   value, so that readers that do not calculate (ours among them) see it, while Excel and
 *   LibreOffice recalculate on load (fullCalcOnLoad) and show the same.
 */
export type CellWrite = { value: string | number } | { formulaResult: string | number };

/** Per A1 address. */
export type SheetWrites = Map<string, CellWrite>;

/** A write the writer refuses rather than leave a broken workbook behind. */
export class WorkbookWriteError extends Error {}

/** A fixed timestamp: the same declaration written into the same template gives the same bytes. */
const FIXED_MTIME = new Date('2026-01-01T00:00:00Z');

const CALC_CHAIN_TYPE = '/calcChain';

export interface WriteOptions {
  /**
   * Sheets whose formulas lose their cached values, so that every application computes them on
   * opening: LibreOffice recalculates only volatile formulas of an .xlsx (it does not honour
   * fullCalcOnLoad), and would otherwise show a CMRT's Checker as it was in the blank. Only for
   * sheets no reader takes values from, or for a sheet but the cells named in `keep` (the ones a
   * reader takes cached values from).
   */
  uncache?: readonly (string | { sheet: string; keep: readonly string[] })[];
}

/** Writes per sheet name into a copy of `xlsx`; returns the new package. */
export function writeWorkbookCells(xlsx: Uint8Array, writes: Map<string, SheetWrites>, options: WriteOptions = {}): Uint8Array {
  const entries: Unzipped = unzipSync(xlsx);
  const { parts, workbookPart } = sheetParts(entries);
  for (const entry of options.uncache ?? []) {
    const { sheet, keep } = typeof entry === 'string' ? { sheet: entry, keep: [] } : entry;
    const part = parts.get(sheet);
    if (!part || !entries[part]) throw new WorkbookWriteError(`the workbook has no "${sheet}" sheet`);
    entries[part] = strToU8(dropCachedValues(strFromU8(entries[part]), new Set(keep.map((address) => address.toUpperCase()))));
  }
  for (const [sheet, cells] of writes) {
    const part = parts.get(sheet);
    if (!part || !entries[part]) throw new WorkbookWriteError(`the workbook has no "${sheet}" sheet`);
    let xml = strFromU8(entries[part]);
    // Row by row in order, so each row is located once.
    const byRow = new Map<number, Array<[string, CellWrite]>>();
    for (const [address, write] of cells) {
      const cell = parseCellAddress(address);
      if (!cell) throw new WorkbookWriteError(`not a cell address: ${address}`);
      byRow.set(cell.row, [...(byRow.get(cell.row) ?? []), [address.toUpperCase(), write]]);
    }
    xml = writeRows(xml, sheet, byRow);
    entries[part] = strToU8(xml);
  }
  recalculateOnLoad(entries, workbookPart);
  const zippable = Object.fromEntries(Object.entries(entries).map(([name, bytes]) => [name, [bytes, { mtime: FIXED_MTIME }]]));
  return zipSync(zippable as never, { level: 6, mtime: FIXED_MTIME });
}

function sheetParts(entries: Unzipped): { parts: Map<string, string>; workbookPart: string } {
  const rels = entries['_rels/.rels'];
  const workbookPart = findWorkbookPart(rels ? strFromU8(rels) : undefined);
  const workbook = entries[workbookPart];
  if (!workbook) throw new WorkbookWriteError(`the package has no workbook part ${workbookPart}`);
  const workbookRels = entries[relationshipsPartFor(workbookPart)];
  const index = readWorkbookIndex(workbookPart, strFromU8(workbook), workbookRels ? strFromU8(workbookRels) : undefined);
  return { parts: new Map(index.sheets.filter((sheet) => sheet.part).map((sheet) => [sheet.name, sheet.part as string])), workbookPart };
}

/**
 * Excel keeps formula results and a calculation chain: cached values of cells that depend on what was
 * written are stale now. fullCalcOnLoad makes Excel and LibreOffice recalculate everything when the
 * file is opened; the calculation chain (an optional cache Excel rebuilds) is dropped because it may
 * name cells whose formula a written value replaced, which Excel would report as damage.
 */
function recalculateOnLoad(entries: Unzipped, workbookPart: string): void {
  let workbook = strFromU8(entries[workbookPart]);
  const calcPr = /<calcPr\b[^>]*?\/?>/.exec(workbook);
  if (calcPr) {
    const tag = calcPr[0].replace(/\sfullCalcOnLoad="[^"]*"/, '');
    const updated = tag.replace(/^<calcPr\b/, '<calcPr fullCalcOnLoad="1"');
    workbook = workbook.slice(0, calcPr.index) + updated + workbook.slice(calcPr.index + calcPr[0].length);
  } else {
    // calcPr follows definedNames (or sheets) in the workbook schema's order.
    const after = /<\/definedNames>/.exec(workbook) ?? /<\/sheets>/.exec(workbook);
    if (!after) throw new WorkbookWriteError('the workbook part has no <sheets> element');
    const at = after.index + after[0].length;
    workbook = `${workbook.slice(0, at)}<calcPr fullCalcOnLoad="1"/>${workbook.slice(at)}`;
  }
  entries[workbookPart] = strToU8(workbook);

  const relsPart = relationshipsPartFor(workbookPart);
  const rels = entries[relsPart] ? strFromU8(entries[relsPart]) : undefined;
  const chain = rels ? [...rels.matchAll(/<Relationship\b[^>]*>/g)].find((match) => match[0].includes(CALC_CHAIN_TYPE)) : undefined;
  if (!rels || !chain) return;
  const target = /Target="([^"]+)"/.exec(chain[0])?.[1];
  entries[relsPart] = strToU8(rels.replace(chain[0], ''));
  if (!target) return;
  const part = target.startsWith('/') ? target.slice(1) : `${workbookPart.slice(0, workbookPart.lastIndexOf('/') + 1)}${target}`;
  delete entries[part];
  const types = entries['[Content_Types].xml'];
  if (types)
    entries['[Content_Types].xml'] = strToU8(
      strFromU8(types).replace(new RegExp(`<Override[^>]*PartName="/${escapeRegExp(part)}"[^>]*/>`), ''),
    );
}

/** Every formula cell but those in `keep` without its cached value (and the value's type). */
function dropCachedValues(xml: string, keep: ReadonlySet<string>): string {
  return xml.replace(/<c\b(?:[^>]*?\/>|[^>]*>[\s\S]*?<\/c>)/g, (cell) => {
    if (cell.endsWith('/>') || !cell.includes('<f')) return cell;
    const address = /\sr="([A-Z]+\d+)"/.exec(cell)?.[1];
    if (address !== undefined && keep.has(address)) return cell;
    const startEnd = cell.indexOf('>') + 1;
    const startTag = cell.slice(0, startEnd).replace(/\st="[^"]*"/, '');
    return startTag + cell.slice(startEnd).replace(/<v>[^<]*<\/v>|<v\/>/, '');
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** XML 1.0 cannot hold most control characters; a cell value never needs them. */
function xmlSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return escapeXml(text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, ''));
}

function writeRows(xml: string, sheet: string, byRow: Map<number, Array<[string, CellWrite]>>): string {
  const dataStart = xml.indexOf('<sheetData');
  if (dataStart < 0) throw new WorkbookWriteError(`the "${sheet}" sheet has no cell data`);
  // Split once: the worksheet before, the rows, and after; rows are edited in a map and joined back.
  const selfClosing = /^<sheetData\s*\/>/.test(xml.slice(dataStart));
  const openEnd = xml.indexOf('>', dataStart) + 1;
  const closeStart = selfClosing ? openEnd : xml.indexOf('</sheetData>', openEnd);
  const head = selfClosing ? `${xml.slice(0, dataStart)}<sheetData>` : xml.slice(0, openEnd);
  const tail = selfClosing ? `</sheetData>${xml.slice(openEnd)}` : xml.slice(closeStart);
  const body = selfClosing ? '' : xml.slice(openEnd, closeStart);

  const rows: Array<{ number: number; xml: string }> = [];
  for (const match of body.matchAll(/<row\b[^>]*?(?:\/>|>[\s\S]*?<\/row>)/g)) {
    const number = Number(/\sr="(\d+)"/.exec(match[0])?.[1]);
    rows.push({ number, xml: match[0] });
  }
  for (const [rowNumber, writes] of byRow) {
    let row = rows.find((candidate) => candidate.number === rowNumber);
    if (!row) {
      row = { number: rowNumber, xml: `<row r="${rowNumber}"></row>` };
      const at = rows.findIndex((candidate) => candidate.number > rowNumber);
      rows.splice(at < 0 ? rows.length : at, 0, row);
    }
    for (const [address, write] of writes) row.xml = writeCell(row.xml, sheet, address, write);
  }
  return head + rows.map((row) => row.xml).join('') + tail;
}

function writeCell(rowXml: string, sheet: string, address: string, write: CellWrite): string {
  let row = rowXml.endsWith('/>') ? `${rowXml.slice(0, -2)}></row>` : rowXml;
  const existing = new RegExp(`<c\\b[^>]*?\\sr="${address}"[^>]*?(?:/>|>[\\s\\S]*?</c>)`).exec(row);
  if (!existing) {
    if ('formulaResult' in write) throw new WorkbookWriteError(`${sheet}!${address} holds no formula to give a result`);
    const column = columnNumber(address.replace(/\d+$/, ''));
    let insertAt = row.lastIndexOf('</row>');
    for (const match of row.matchAll(/<c\b[^>]*?\sr="([A-Z]+)\d+"/g)) {
      if (columnNumber(match[1]) > column) {
        insertAt = match.index;
        break;
      }
    }
    return row.slice(0, insertAt) + valueCell(address, '', write.value) + row.slice(insertAt);
  }
  const cell = existing[0];
  const startTag = cell.slice(0, cell.indexOf('>') + 1);
  const style = /\ss="(\d+)"/.exec(startTag)?.[1];
  const styleAttribute = style !== undefined ? ` s="${style}"` : '';
  const formula = /<f\b[^>]*?(?:\/>|>[\s\S]*?<\/f>)/.exec(cell)?.[0];
  let replacement: string;
  if ('formulaResult' in write) {
    if (!formula) throw new WorkbookWriteError(`${sheet}!${address} holds no formula to give a result`);
    const result = write.formulaResult;
    replacement =
      typeof result === 'number'
        ? `<c r="${address}"${styleAttribute}>${formula}<v>${result}</v></c>`
        : `<c r="${address}"${styleAttribute} t="str">${formula}<v>${xmlSafe(result)}</v></c>`;
  } else {
    // A shared or array formula's master cell carries the formula of other cells too: replacing it
    // would break them. The CMRT's input cells never are one.
    if (formula && /\sref="/.test(formula.slice(0, formula.indexOf('>')))) {
      throw new WorkbookWriteError(`${sheet}!${address} holds a formula other cells share; it is not an input cell`);
    }
    replacement = valueCell(address, styleAttribute, write.value);
  }
  row = row.slice(0, existing.index) + replacement + row.slice(existing.index + cell.length);
  return row;
}

function valueCell(address: string, styleAttribute: string, value: string | number): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new WorkbookWriteError(`${address}: ${value} is not a number a cell can hold`);
    return `<c r="${address}"${styleAttribute}><v>${value}</v></c>`;
  }
  return `<c r="${address}"${styleAttribute} t="inlineStr"><is><t xml:space="preserve">${xmlSafe(value)}</t></is></c>`;
}
