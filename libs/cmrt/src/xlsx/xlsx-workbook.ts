import { isEncryptedOoxml, sniffFileKind } from './file-signature';
import { SharedStrings } from './shared-strings';
import { scanSheetCells, type SheetCells, type SheetRange } from './sheet-cells';
import { DEFAULT_WORKBOOK_PART, findWorkbookPart, readWorkbookIndex, relationshipsPartFor, type WorkbookIndex } from './workbook-index';
import { WorkbookProblem } from './workbook-problem';
import { XmlPart, decodeXmlBytes } from './xml-text';
import { ZipEntries } from './zip-entries';

export interface OpenWorkbookOptions {
  /** Budget for all parts this workbook inflates (declared sizes); see ZipEntries. */
  maxUncompressedBytes?: number;
}

export interface SheetRequest {
  name: string;
  range?: SheetRange;
}

const PACKAGE_RELS = '_rels/.rels';

/**
 * An .xlsx opened for reading a few sheets. Opening inflates only the package and workbook
 * relationships and xl/workbook.xml; `readSheets` inflates the shared strings (once) and the
 * requested worksheets in one pass over the zip, leaving every other part compressed.
 */
export class XlsxWorkbook {
  private sharedStrings?: SharedStrings;

  private constructor(
    private readonly zip: ZipEntries,
    private readonly index: WorkbookIndex,
  ) {}

  /** Throws WorkbookProblem when the bytes are not a readable .xlsx. */
  static open(bytes: Uint8Array, options: OpenWorkbookOptions = {}): XlsxWorkbook {
    const kind = sniffFileKind(bytes);
    if (kind === 'empty') throw new WorkbookProblem('empty-file', 'the file is empty');
    if (kind === 'ole2') {
      if (isEncryptedOoxml(bytes)) throw new WorkbookProblem('encrypted', 'an encrypted OOXML package (EncryptionInfo stream)');
      throw new WorkbookProblem('legacy-xls', 'an OLE2 compound file (legacy .xls)');
    }
    if (kind === 'pdf') throw new WorkbookProblem('not-a-workbook', 'a PDF document', { actualFormat: 'pdf' });
    if (kind !== 'zip') throw new WorkbookProblem('not-a-workbook', 'neither a zip archive nor an OLE2 file');

    const zip = ZipEntries.open(bytes, options.maxUncompressedBytes);
    // Guess the usual part names so one pass usually suffices; follow _rels/.rels if it disagrees.
    const first = zip.read([PACKAGE_RELS, DEFAULT_WORKBOOK_PART, relationshipsPartFor(DEFAULT_WORKBOOK_PART)]);
    const packageRels = first.get(PACKAGE_RELS);
    const workbookPart = findWorkbookPart(packageRels ? decodeXmlBytes(packageRels) : undefined);
    let workbookBytes = first.get(workbookPart);
    let relsBytes = first.get(relationshipsPartFor(workbookPart));
    if (!workbookBytes && zip.has(workbookPart)) {
      const second = zip.read([workbookPart, relationshipsPartFor(workbookPart)]);
      workbookBytes = second.get(workbookPart);
      relsBytes = second.get(relationshipsPartFor(workbookPart));
    }
    if (!workbookBytes) throw notAWorkbook(zip);

    const index = readWorkbookIndex(workbookPart, decodeXmlBytes(workbookBytes), relsBytes ? decodeXmlBytes(relsBytes) : undefined);
    return new XlsxWorkbook(zip, index);
  }

  get sheetNames(): string[] {
    return this.index.sheets.map((sheet) => sheet.name);
  }

  get date1904(): boolean {
    return this.index.date1904;
  }

  /**
   * The sheet's name as the workbook spells it: exact match first, then ignoring case and
   * surrounding spaces (a CMRT's structure is locked, but copies made by other tools vary).
   */
  findSheet(name: string): string | undefined {
    const exact = this.index.sheets.find((sheet) => sheet.name === name);
    if (exact) return exact.name;
    const wanted = name.trim().toLowerCase();
    return this.index.sheets.find((sheet) => sheet.name.trim().toLowerCase() === wanted)?.name;
  }

  /** Scan the requested sheets (by name; unknown names are left out of the result). */
  readSheets(requests: SheetRequest[]): Map<string, SheetCells> {
    const parts = new Map<string, SheetRequest>();
    for (const request of requests) {
      const name = this.findSheet(request.name);
      const part = this.index.sheets.find((sheet) => sheet.name === name)?.part;
      if (part) parts.set(part, request);
    }
    const wanted = [...parts.keys()];
    const sharedStringsPart = this.index.sharedStringsPart;
    if (!this.sharedStrings && sharedStringsPart) wanted.push(sharedStringsPart);
    const inflated = this.zip.read(wanted);
    if (!this.sharedStrings) {
      const sst = sharedStringsPart ? inflated.get(sharedStringsPart) : undefined;
      this.sharedStrings = sst ? new SharedStrings(XmlPart.fromBytes(sst)) : SharedStrings.empty();
    }
    const result = new Map<string, SheetCells>();
    for (const [part, request] of parts) {
      const bytes = inflated.get(part);
      if (bytes) result.set(request.name, scanSheetCells(XmlPart.fromBytes(bytes), this.sharedStrings, request.range));
    }
    return result;
  }
}

/** A zip without a workbook part: say what it is instead when it is recognisable. */
function notAWorkbook(zip: ZipEntries): WorkbookProblem {
  if (zip.has('xl/workbook.bin')) {
    return new WorkbookProblem('unsupported-format', 'an Excel Binary Workbook (.xlsb)', { actualFormat: 'xlsb' });
  }
  if (zip.has('content.xml') && zip.has('mimetype')) {
    return new WorkbookProblem('unsupported-format', 'an OpenDocument file (.ods)', { actualFormat: 'ods' });
  }
  if (zip.has('word/document.xml')) return new WorkbookProblem('not-a-workbook', 'a Word document', { actualFormat: 'word' });
  if (zip.has('ppt/presentation.xml')) {
    return new WorkbookProblem('not-a-workbook', 'a PowerPoint presentation', { actualFormat: 'powerpoint' });
  }
  return new WorkbookProblem('not-a-workbook', 'a zip archive without xl/workbook.xml', { actualFormat: 'zip' });
}
