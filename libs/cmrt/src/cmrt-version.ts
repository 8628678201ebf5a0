import { TEMPLATE_RELEASES, type DeclarationLayout, type ReadableFamily, type TemplateRelease } from './template-releases';
import type { CellValue } from './xlsx/sheet-cells';

/**
 * Reading a template's version from the workbook, and finding the release (template-releases.ts)
 * whose layout to read it with.
 */

/** The CMRT Declaration layouts (kept for the CMRT-only API). */
export type CmrtLayout = Extract<DeclarationLayout, 'cmrt-6' | 'cmrt-5.1'>;

function releasesOf(family: ReadableFamily): TemplateRelease[] {
  return TEMPLATE_RELEASES.filter((release) => release.family === family).sort((a, b) => compareVersions(a.version, b.version));
}

export const SUPPORTED_CMRT_VERSIONS = releasesOf('CMRT').map((release) => release.version);

/** "5.1 to 5.12 and 6 to 6.6.1": the listed releases of a family, per major version. */
export function supportedRangeText(family: ReadableFamily): string {
  const byMajor = new Map<string, string[]>();
  for (const { version } of releasesOf(family)) {
    const major = version.split('.')[0];
    byMajor.set(major, [...(byMajor.get(major) ?? []), version]);
  }
  const ranges = [...byMajor.values()].map((versions) =>
    versions.length === 1 ? shown(versions[0]) : `${shown(versions[0])} to ${shown(versions[versions.length - 1])}`,
  );
  return ranges.length <= 1 ? (ranges[0] ?? '') : `${ranges.slice(0, -1).join(', ')} and ${ranges[ranges.length - 1]}`;
}

/** "6" -> "6.0": how RMI writes a major release ("Revision 2.0"). */
export function shown(version: string): string {
  return version.includes('.') ? version : `${version}.0`;
}

export const SUPPORTED_RANGE_TEXT = supportedRangeText('CMRT');

export type ReleaseResolution =
  /** A listed release. */
  | { status: 'listed'; release: TemplateRelease }
  /** Not listed, but within a listed major version: read with the nearest older release's layout. */
  | { status: 'unlisted'; release: TemplateRelease; newest: TemplateRelease }
  | { status: 'unsupported' };

export function resolveRelease(family: ReadableFamily, version: string): ReleaseResolution {
  const releases = releasesOf(family);
  const canonical = canonicalVersion(version);
  const listed = releases.find((release) => release.version === canonical);
  if (listed) return { status: 'listed', release: listed };
  const major = canonical.split('.')[0];
  const sameMajor = releases.filter((release) => release.version.split('.')[0] === major);
  const older = sameMajor.filter((release) => compareVersions(release.version, canonical) < 0);
  if (older.length === 0 || !/^\d+(\.\d+)*[a-z]?$/i.test(canonical)) return { status: 'unsupported' };
  return { status: 'unlisted', release: older[older.length - 1], newest: releases[releases.length - 1] };
}

/** The newest listed release of a family: the layout for a workbook whose version cannot be read. */
export function newestRelease(family: ReadableFamily): TemplateRelease {
  const releases = releasesOf(family);
  return releases[releases.length - 1];
}

/** The Declaration layout of a listed CMRT version (no reading of unlisted versions here). */
export function cmrtLayoutFor(version: string): CmrtLayout | undefined {
  const resolution = resolveRelease('CMRT', version);
  return resolution.status === 'listed' ? (resolution.release.declaration as CmrtLayout) : undefined;
}

/**
 * "6.40" -> "6.4", "6.0" -> "6", "6.6.0" -> "6.6", "6.6.1" stays: trailing zeros carry no meaning
 * in RMI revision numbers (the minor part reads as a decimal fraction: 6.01 < 6.1 < 6.22).
 */
export function canonicalVersion(version: string): string {
  const text = version.trim();
  const match = /^(\d+)((?:\.\d+)*)([a-z]?)$/i.exec(text);
  if (!match) return text;
  const [, major, rest, suffix] = match;
  const parts = rest.split('.').slice(1);
  if (parts.length > 0) parts[0] = parts[0].replace(/0+$/, '');
  while (parts.length > 0 && /^0*$/.test(parts[parts.length - 1])) parts.pop();
  if (parts.length > 0 && parts[0] === '') parts[0] = '0';
  return `${String(Number(major))}${parts.map((part) => `.${part}`).join('')}${suffix}`;
}

/**
 * Order of RMI revisions: major number, then the minor part as a decimal fraction (6.01 < 6.1 <
 * 6.22 < 6.3), then further parts as numbers (6.6 < 6.6.1 < 6.7), then a letter suffix (2.03 < 2.03a).
 */
export function compareVersions(a: string, b: string): number {
  const parse = (version: string) => {
    const match = /^(\d+)((?:\.\d+)*)([a-z]?)$/i.exec(canonicalVersion(version));
    if (!match) return { major: Number.NaN, minor: '', rest: [] as number[], suffix: '' };
    const parts = match[2].split('.').slice(1);
    return { major: Number(match[1]), minor: parts[0] ?? '', rest: parts.slice(1).map(Number), suffix: match[3].toLowerCase() };
  };
  const x = parse(a);
  const y = parse(b);
  if (x.major !== y.major) return x.major - y.major;
  const width = Math.max(x.minor.length, y.minor.length);
  const minor = x.minor.padEnd(width, '0').localeCompare(y.minor.padEnd(width, '0'));
  if (minor !== 0) return minor;
  for (let i = 0; i < Math.max(x.rest.length, y.rest.length); i++) {
    const difference = (x.rest[i] ?? 0) - (y.rest[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return x.suffix.localeCompare(y.suffix);
}

/** A version token: "6.4", "6.6.1", "2.03a". */
const VERSION = String.raw`\d+(?:\.\d+)*[a-z]?`;
/** "Revision 6.4", "Rev. 5.12", "Version 2.0", followed by a line break, a space, a comma or nothing. */
const LABELLED = new RegExp(String.raw`(?:revision|rev\.?|version|ver\.?)\s*:?\s*(${VERSION})(?=$|[\s,;])`, 'i');
/** A bare "6.31" on the cell's first line. */
const BARE = new RegExp(String.raw`^\s*(${VERSION})\s*(?:$|\n|\r)`, 'i');

/** What a revision cell says: nothing, a version, or text in which no version can be read with certainty. */
export type VersionCellReading = { kind: 'blank' } | { kind: 'version'; version: string } | { kind: 'unreadable'; text: string };

/**
 * The version in a revision cell: Declaration!J3 / Smelter List!Q3 hold "Revision 6.4\nApril 26,
 * 2024" (EMRT 2.0's Smelter List says "Version 2.0"); a bare "6.4" or the number 6.4 is accepted
 * too. Text without a version token that ends cleanly ("Revision 6.6-beta", "April 26, 2024") is
 * unreadable: the reader reports it instead of guessing.
 */
export function readVersionCell(value: CellValue | undefined): VersionCellReading {
  if (value === undefined) return { kind: 'blank' };
  if (typeof value === 'boolean') return { kind: 'unreadable', text: String(value).toUpperCase() };
  if (typeof value === 'number') {
    const version = versionFromNumber(value);
    return version ? { kind: 'version', version } : { kind: 'unreadable', text: String(value) };
  }
  if (value.trim() === '') return { kind: 'blank' };
  const version = LABELLED.exec(value)?.[1] ?? BARE.exec(value)?.[1];
  return version ? { kind: 'version', version } : { kind: 'unreadable', text: value.trim() };
}

/** The version in a revision cell, or undefined when there is none that can be read with certainty. */
export function versionFromRevisionText(value: CellValue | undefined): string | undefined {
  const reading = readVersionCell(value);
  return reading.kind === 'version' ? reading.version : undefined;
}

/**
 * A version typed as a number in the Revision sheet (B column): Excel stores 2.01 as
 * 2.0099999999999998, so round to the four decimals RMI numbering never exceeds.
 */
function versionFromNumber(value: number): string | undefined {
  if (!Number.isFinite(value) || value <= 0) return undefined;
  return String(Number(value.toFixed(4)));
}

/** A Revision-sheet cell that is a revision number ("6.4", 6.4, "2.03a", "6.6.1"), else undefined. */
export function versionFromRevisionCell(value: CellValue | undefined): string | undefined {
  if (typeof value === 'number') return versionFromNumber(value);
  if (typeof value !== 'string') return undefined;
  const match = new RegExp(String.raw`^\s*(${VERSION})\s*$`, 'i').exec(value);
  return match?.[1];
}
