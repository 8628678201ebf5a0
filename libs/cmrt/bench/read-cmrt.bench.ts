import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { Declaration } from '../../domain/src/declaration/declaration.schema';
import { readCmrt } from '../src/read-cmrt';
import { SharedStrings } from '../src/xlsx/shared-strings';
import { scanSheetCells } from '../src/xlsx/sheet-cells';
import { readWorkbookIndex } from '../src/xlsx/workbook-index';
import { XmlPart, decodeXmlBytes } from '../src/xlsx/xml-text';
import { scanSheetCellsWithSaxes } from './saxes-sheet-cells';

/**
 * readCmrt against the peer library on the same files in the same run (not a test; called by
 * `npm run bench`). Our figure is read + check: readCmrt and validating its Declaration with
 * the domain schema, as the engine does on every response. The peer figure is exceljs's full
 * `workbook.xlsx.load`, which is what reading a CMRT with exceljs costs before any cell is
 * looked at. Medians are taken over all runs of all files.
 *
 * Also timed, to justify the hand-rolled XML scanner: extracting the Smelter List cells (A-Q,
 * rows 1-2504) of the first file with src/xlsx/sheet-cells.ts versus the same extraction with
 * saxes (bench/saxes-sheet-cells.ts), both from the inflated bytes, each paying for the
 * decoding it needs (the scanner's one-byte view, a UTF-8 string for saxes).
 */
export interface CmrtBenchResult {
  /** Median ms for readCmrt + Declaration.parse, over all runs of all files. */
  medianMs: number;
  /** Median ms for exceljs `new Workbook().xlsx.load(bytes)`. */
  exceljsMedianMs: number;
  /** exceljsMedianMs / medianMs: how many times faster readCmrt is. */
  ratio: number;
  files: number;
  runs: number;
  exceljsRuns: number;
  /** Smelter List cell extraction on one file: hand-rolled scanner vs saxes (median ms). */
  sheetScan: { scannerMedianMs: number; saxesMedianMs: number; ratio: number; bytes: number };
}

export interface CmrtBenchOptions {
  /** Timed readCmrt runs per file (default 20). */
  runs?: number;
  /** Timed exceljs loads per file (default 3; each takes about a second). */
  exceljsRuns?: number;
}

export async function benchReadCmrt(files: string[], options: CmrtBenchOptions = {}): Promise<CmrtBenchResult> {
  if (files.length === 0) throw new Error('benchReadCmrt needs at least one .xlsx file');
  const runs = options.runs ?? 20;
  const exceljsRuns = options.exceljsRuns ?? 3;
  const inputs = files.map((file) => new Uint8Array(readFileSync(file)));

  // Warm-up: let V8 optimise both code paths before anything is timed.
  for (let i = 0; i < 3; i++) for (const bytes of inputs) readAndCheck(bytes);
  const ExcelJS = (await import('exceljs')).default;
  const loadWithExceljs = async (bytes: Uint8Array) => {
    await new ExcelJS.Workbook().xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  };
  await loadWithExceljs(inputs[0]);

  const ours: number[] = [];
  for (let run = 0; run < runs; run++) {
    for (const bytes of inputs) ours.push(time(() => readAndCheck(bytes)));
  }
  const theirs: number[] = [];
  for (let run = 0; run < exceljsRuns; run++) {
    for (const bytes of inputs) {
      const start = performance.now();
      await loadWithExceljs(bytes);
      theirs.push(performance.now() - start);
    }
  }

  const medianMs = median(ours);
  const exceljsMedianMs = median(theirs);
  return {
    medianMs: round(medianMs),
    exceljsMedianMs: round(exceljsMedianMs),
    ratio: round(exceljsMedianMs / medianMs),
    files: files.length,
    runs,
    exceljsRuns,
    sheetScan: benchSheetScan(inputs[0], runs),
  };
}

function readAndCheck(bytes: Uint8Array): void {
  const result = readCmrt(bytes);
  Declaration.parse(result.declaration);
}

/** Smelter List extraction: scanner vs saxes from the same inflated part and shared strings. */
function benchSheetScan(bytes: Uint8Array, runs: number): CmrtBenchResult['sheetScan'] {
  // Find the Smelter List part by name, as the reader does.
  const book = unzipSync(bytes, { filter: (file) => file.name === 'xl/workbook.xml' || file.name === 'xl/_rels/workbook.xml.rels' });
  const index = readWorkbookIndex('xl/workbook.xml', decodeXmlBytes(book['xl/workbook.xml']), decodeXmlBytes(book['xl/_rels/workbook.xml.rels']));
  const sheetPart = index.sheets.find((entry) => entry.name === 'Smelter List')?.part ?? '';
  const sstPart = index.sharedStringsPart ?? '';
  const parts = unzipSync(bytes, { filter: (file) => file.name === sheetPart || file.name === sstPart });
  const sheet = parts[sheetPart];
  const sst = parts[sstPart];
  if (!sheet || !sst) return { scannerMedianMs: NaN, saxesMedianMs: NaN, ratio: NaN, bytes: 0 };
  const sharedStrings = new SharedStrings(XmlPart.fromBytes(sst));
  const range = { lastRow: 2504, lastColumn: 17 };
  for (let i = 0; i < 3; i++) {
    scanSheetCells(XmlPart.fromBytes(sheet), sharedStrings, range);
    scanSheetCellsWithSaxes(decodeXmlBytes(sheet), sharedStrings, range);
  }
  const scanner: number[] = [];
  const saxes: number[] = [];
  for (let run = 0; run < Math.max(5, Math.floor(runs / 2)); run++) {
    // Both timed from the inflated bytes, so each pays for its own decoding.
    scanner.push(time(() => scanSheetCells(XmlPart.fromBytes(sheet), sharedStrings, range)));
    saxes.push(time(() => scanSheetCellsWithSaxes(decodeXmlBytes(sheet), sharedStrings, range)));
  }
  return {
    scannerMedianMs: round(median(scanner)),
    saxesMedianMs: round(median(saxes)),
    ratio: round(median(saxes) / median(scanner)),
    bytes: sheet.byteLength,
  };
}

function time(work: () => void): number {
  const start = performance.now();
  work();
  return performance.now() - start;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
