import type { Metal } from '@dd/domain';
import { emrtMineralFromText, type EmrtMineral } from '@dd/domain';
import { rejections } from './cmrt-rejected';
import { cellText } from './cmrt-values';
import { metalFromText } from './smelter-list-sheet';
import { WorkbookProblem } from './xlsx/workbook-problem';
import { XlsxWorkbook } from './xlsx/xlsx-workbook';
import { DEFAULT_MAX_UNCOMPRESSED_BYTES } from './xlsx/zip-entries';

/**
 * One row of a template's `Smelter Look-up` sheet (columns A-I): the RMI smelter reference list
 * shipped with that CMRT release, alias rows and the per-metal pseudo rows ("Smelter not listed",
 * "Smelter not yet identified") included.
 */
export interface SmelterLookupRow {
  /** Worksheet row. */
  row: number;
  metal: Metal;
  /** Column B: the alias / known name offered in the Smelter List dropdown. */
  lookupName: string;
  /** Column C: the standard smelter name (absent on "Smelter not listed"). */
  standardName?: string;
  country?: string;
  /** Column E: the RMI CID. */
  smelterId?: string;
  idSource?: string;
  street?: string;
  city?: string;
  stateProvince?: string;
}

export const SMELTER_LOOKUP_SHEET = 'Smelter Look-up';

/** Header rows 1-4 (note, blank, blank, column titles); data from row 5. */
const FIRST_DATA_ROW = 5;
const COLUMNS = {
  metal: 1,
  lookupName: 2,
  standardName: 3,
  country: 4,
  smelterId: 5,
  idSource: 6,
  street: 7,
  city: 8,
  stateProvince: 9,
} as const;

export interface ReadSmelterLookupOptions {
  fileName?: string;
  maxUncompressedBytes?: number;
}

/**
 * Read the Smelter Look-up sheet of a CMRT (a blank template is enough). Rows whose column A is
 * not one of the four metals are not data and are skipped. Throws CmrtRejected for files that
 * cannot be opened, and 'not-a-cmrt' when there is no such sheet.
 */
export function readSmelterLookup(bytes: Uint8Array, options: ReadSmelterLookupOptions = {}): SmelterLookupRow[] {
  return readLookupRows(bytes, options, metalFromText).map(({ row, mineral, ...fields }) => ({ row, metal: mineral, ...fields }));
}

/** One row of an EMRT's `Smelter Look-up` sheet: RMI's smelter and processor list for its minerals. */
export type EmrtSmelterLookupRow = Omit<SmelterLookupRow, 'metal'> & { mineral: EmrtMineral };

/**
 * Read the Smelter Look-up sheet of an EMRT 2.x (same columns A-I as the CMRT's; domain.md §1.10:
 * 2.1 = 491 rows, 305 CIDs). Rows whose column A is not an EMRT mineral are skipped, so a CMRT
 * given here yields no rows. Throws as readSmelterLookup does.
 */
export function readEmrtSmelterLookup(bytes: Uint8Array, options: ReadSmelterLookupOptions = {}): EmrtSmelterLookupRow[] {
  return readLookupRows(bytes, options, emrtMineralFromText);
}

type LookupRow<M> = Omit<SmelterLookupRow, 'metal'> & { mineral: M };

function readLookupRows<M>(
  bytes: Uint8Array,
  options: ReadSmelterLookupOptions,
  mineralFromText: (text: string) => M | undefined,
): LookupRow<M>[] {
  let workbook: XlsxWorkbook;
  try {
    workbook = XlsxWorkbook.open(bytes, { maxUncompressedBytes: options.maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED_BYTES });
    if (!workbook.findSheet(SMELTER_LOOKUP_SHEET)) throw rejections.notACmrt(workbook.sheetNames, options.fileName);
    const cells = workbook
      .readSheets([{ name: SMELTER_LOOKUP_SHEET, range: { firstRow: FIRST_DATA_ROW, lastColumn: COLUMNS.stateProvince } }])
      .get(SMELTER_LOOKUP_SHEET);
    if (!cells) return [];
    const rows: LookupRow<M>[] = [];
    for (const row of cells.rowNumbers()) {
      const text = (column: number) => cellText(cells.get(row, column));
      const mineralText = text(COLUMNS.metal);
      const mineral = mineralText === undefined ? undefined : mineralFromText(mineralText);
      const lookupName = text(COLUMNS.lookupName);
      if (mineral === undefined || lookupName === undefined) continue;
      const entry: LookupRow<M> = { row, mineral, lookupName };
      for (const field of ['standardName', 'country', 'smelterId', 'idSource', 'street', 'city', 'stateProvince'] as const) {
        const value = text(COLUMNS[field]);
        if (value !== undefined) entry[field] = value;
      }
      rows.push(entry);
    }
    return rows;
  } catch (error) {
    if (error instanceof WorkbookProblem) throw rejections.fromWorkbookProblem(error, options.fileName);
    throw error;
  }
}
