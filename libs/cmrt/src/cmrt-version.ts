import type { CellValue } from './xlsx/sheet-cells';

/**
 * CMRT versions this reader knows the layout of, and how to read a version from the workbook.
 *
 * 6.x: 6.0 (13-May-2020) to 6.5 (25-Apr-2025) share one Declaration / Smelter List / Product
 * List layout (domain.md §1; verified on the 6.01, 6.1, 6.22, 6.31, 6.4 and 6.5 templates).
 * 5.1x: 5.1 (Dec-2017, the first .xlsx), 5.11, 5.12. Assumed, without a 5.x file to check
 * against: the same company block (D8-D22), Smelter List columns A-Q from row 5 and Product
 * List B-D from row 6 as 6.x (columns A and R-T were added in 4.1 / 5.0 and kept in 6.0); the
 * questions (Q1-Q7, A-I) are located by their numbered labels, see declaration-sheet.ts.
 * Anything else (older templates converted to .xlsx, 6.6+ whose Product List gained requester
 * columns, a future 7.x) is refused rather than misread.
 */
export type CmrtLayout = 'cmrt-6' | 'cmrt-5.1';

const LAYOUT_BY_VERSION: Record<string, CmrtLayout> = {
  '5.1': 'cmrt-5.1',
  '5.11': 'cmrt-5.1',
  '5.12': 'cmrt-5.1',
  '6': 'cmrt-6',
  '6.01': 'cmrt-6',
  '6.1': 'cmrt-6',
  '6.2': 'cmrt-6',
  '6.21': 'cmrt-6',
  '6.22': 'cmrt-6',
  '6.3': 'cmrt-6',
  '6.31': 'cmrt-6',
  '6.4': 'cmrt-6',
  '6.5': 'cmrt-6',
};

export const SUPPORTED_CMRT_VERSIONS = Object.keys(LAYOUT_BY_VERSION);
export const SUPPORTED_RANGE_TEXT = '5.1, 5.11, 5.12 and 6.0 to 6.5';

export function cmrtLayoutFor(version: string): CmrtLayout | undefined {
  return LAYOUT_BY_VERSION[canonicalVersion(version)];
}

/** "6.40" -> "6.4", "6.0" -> "6": trailing zeros carry no meaning in RMI revision numbers. */
export function canonicalVersion(version: string): string {
  const match = /^(\d+)(?:\.(\d*?))?0*([a-z]?)$/i.exec(version.trim());
  if (!match) return version.trim();
  const [, major, minor, suffix] = match;
  return `${major}${minor ? `.${minor}` : ''}${suffix ?? ''}`;
}

/**
 * The version in a revision cell: Declaration!J3 / Smelter List!Q3 hold "Revision 6.4\nApril 26,
 * 2024"; a bare "6.4" is accepted too.
 */
export function versionFromRevisionText(value: CellValue | undefined): string | undefined {
  if (value === undefined || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return versionFromNumber(value);
  const labelled = /(?:revision|rev\.?|version|ver\.?)\s*:?\s*(\d+(?:\.\d+)?[a-z]?)(?![\d.])/i.exec(value);
  if (labelled) return labelled[1];
  const bare = /^\s*(\d+(?:\.\d+)?[a-z]?)\s*(?:$|\n)/i.exec(value);
  return bare?.[1];
}

/**
 * A version typed as a number in the Revision sheet (B column): Excel stores 2.01 as
 * 2.0099999999999998, so round to the four decimals RMI numbering never exceeds.
 */
function versionFromNumber(value: number): string | undefined {
  if (!Number.isFinite(value) || value <= 0) return undefined;
  return String(Number(value.toFixed(4)));
}

/** A Revision-sheet cell that is a revision number ("6.4", 6.4, "2.03a"), else undefined. */
export function versionFromRevisionCell(value: CellValue | undefined): string | undefined {
  if (typeof value === 'number') return versionFromNumber(value);
  if (typeof value !== 'string') return undefined;
  const match = /^\s*(\d+(?:\.\d+)?[a-z]?)\s*$/i.exec(value);
  return match?.[1];
}
