import { SMELTER_COLUMNS, SMELTER_FIRST_ROW, SMELTER_LAST_ROW } from '@dd/domain';
import type { SmelterRow } from '@dd/domain';
import { METALS, type Metal } from '@dd/domain';
import { cellText } from './cmrt-values';
import { columnNumber } from './xlsx/cell-address';
import type { SheetCells } from './xlsx/sheet-cells';
import { LONG_TEXT_MAX, SheetReader, TEXT_MAX } from './sheet-reader';

/** Smelter List columns A-Q; the hidden helper columns R onwards are never read. */
export const SMELTER_RANGE = { lastRow: SMELTER_LAST_ROW, lastColumn: columnNumber(SMELTER_COLUMNS.comments) };

/** Where the version is repeated on the Smelter List (same text as Declaration!J3). */
export const SMELTER_REVISION_CELL = 'Q3';

type SmelterField = keyof typeof SMELTER_COLUMNS;

const FIELDS = Object.keys(SMELTER_COLUMNS) as SmelterField[];
const LONG_FIELDS = new Set<SmelterField>(['nextSteps', 'mineName', 'mineCountry', 'comments']);

/** A row is an entry when any of the identifying columns A-E holds something. */
const IDENTIFYING_FIELDS: SmelterField[] = ['smelterIdInput', 'metal', 'lookupName', 'name', 'country'];

/** Output key order = schema order, so serialised declarations read naturally and compare stably. */
const OUTPUT_ORDER: (keyof SmelterRow)[] = [
  'row',
  'metal',
  'lookupName',
  'name',
  'country',
  'smelterId',
  'smelterIdInput',
  'idSource',
  'street',
  'city',
  'stateProvince',
  'contactName',
  'contactEmail',
  'nextSteps',
  'mineName',
  'mineCountry',
  'recycledOrScrap',
  'comments',
];

/**
 * How the rows' metal column is read: which values are metals (the CMRT's four by default; an
 * EMRT's minerals, an AMRT's declared ones), how to name them in a finding, and the template's
 * last data row.
 */
export interface SmelterListOptions<M extends string> {
  metalFromText: (text: string) => M | undefined;
  /** e.g. "Tantalum, Tin, Gold or Tungsten", for the finding on an unknown metal. */
  expectedMetals: string;
  lastRow: number;
}

const CMRT_SMELTER_LIST: SmelterListOptions<Metal> = {
  metalFromText: (text) => metalFromText(text),
  expectedMetals: 'Tantalum, Tin, Gold or Tungsten',
  lastRow: SMELTER_LAST_ROW,
};

type RowOf<M extends string> = Omit<SmelterRow, 'metal'> & { metal?: M };

/** Smelter List rows 5-2504 that hold an entry, in sheet order, with their row numbers. */
export function readSmelterRows(reader: SheetReader, cells: SheetCells): SmelterRow[];
export function readSmelterRows<M extends string>(reader: SheetReader, cells: SheetCells, options: SmelterListOptions<M>): RowOf<M>[];
export function readSmelterRows<M extends string>(reader: SheetReader, cells: SheetCells, options?: SmelterListOptions<M>): RowOf<M>[] {
  const { metalFromText: toMetal, expectedMetals, lastRow } = options ?? (CMRT_SMELTER_LIST as unknown as SmelterListOptions<M>);
  const smelters: RowOf<M>[] = [];
  for (const row of cells.rowNumbers()) {
    if (row < SMELTER_FIRST_ROW || row > lastRow) continue;
    // Decide on the raw values first, so rows that are not entries leave no findings behind.
    const isEntry = IDENTIFYING_FIELDS.some((field) => cellText(cells.get(row, columnNumber(SMELTER_COLUMNS[field]))) !== undefined);
    if (!isEntry) continue;

    const index = smelters.length;
    const values: Partial<Record<SmelterField, string>> = {};
    for (const field of FIELDS) {
      const value = reader.text(
        `${SMELTER_COLUMNS[field]}${row}`,
        `smelters[${index}].${field}`,
        LONG_FIELDS.has(field) ? LONG_TEXT_MAX : TEXT_MAX,
      );
      if (value !== undefined) values[field] = value;
    }

    const entry: Record<string, unknown> = { ...values, row };
    delete entry.metal;
    if (values.metal !== undefined) {
      const metal = toMetal(values.metal);
      if (metal) entry.metal = metal;
      else {
        const cell = reader.cellRef(`${SMELTER_COLUMNS.metal}${row}`);
        reader.findings.add({
          ruleId: 'reader.metal-unknown',
          severity: 'warning',
          field: `smelters[${index}].metal`,
          cell,
          ...((values.smelterId ?? values.smelterIdInput) ? { smelterId: values.smelterId ?? values.smelterIdInput } : {}),
          message: `The metal "${values.metal}" in ${cell} is not ${expectedMetals}.`,
        });
      }
    }
    // Column F is filled by the template from the look-up; A is what the supplier typed.
    const smelterId = values.smelterId ?? values.smelterIdInput;
    if (smelterId !== undefined) entry.smelterId = smelterId;

    const ordered: Record<string, unknown> = {};
    for (const key of OUTPUT_ORDER) if (entry[key] !== undefined) ordered[key] = entry[key];
    smelters.push(ordered as RowOf<M>);
  }
  return smelters;
}

/** "Tantalum", "TIN", " gold " -> the metal; anything else -> undefined. */
export function metalFromText(text: string): Metal | undefined {
  const key = text.trim().toLowerCase();
  return METALS.find((metal) => metal === key);
}
