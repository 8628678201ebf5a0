import { readEmrtSmelterLookup, readSmelterLookup, readTemplate, type EmrtSmelterLookupRow, type SmelterLookupRow } from '@dd/cmrt';
import {
  IsoDate,
  ReferenceRow,
  SMELTER_NOT_LISTED,
  SMELTER_NOT_YET_IDENTIFIED,
  type ImportReferenceList,
  type ListSource,
} from '@dd/domain';
import { CMRT_MAX_UNCOMPRESSED_BYTES } from '@dd/engine';
import { CsvInvalid, readCsvTable, type CsvColumn } from '../csv/csv-table';
import { metalFromText } from './metal-text';

/** The date RMI took the standard smelter list each CMRT release ships (domain.md §2). */
export const KNOWN_REFERENCE_LIST_DATES: Readonly<Record<string, string>> = { '6.4': '2024-02-28', '6.5': '2025-03-05' };

export function referenceRowsFromLookup(
  rows: ReadonlyArray<SmelterLookupRow | (EmrtSmelterLookupRow & { metal?: never })>,
): ReferenceRow[] {
  return rows.map((row) => ({
    metal: 'mineral' in row ? row.mineral : row.metal,
    lookupName: row.lookupName,
    standardName: row.standardName ?? '',
    country: row.country ?? '',
    ...(row.smelterId ? { smelterId: row.smelterId } : {}),
    ...(row.idSource ? { idSource: row.idSource } : {}),
    ...(row.street ? { street: row.street } : {}),
    ...(row.city ? { city: row.city } : {}),
    ...(row.stateProvince ? { stateProvince: row.stateProvince } : {}),
  }));
}

export class ReferenceListUnusable extends Error {
  override readonly name = 'ReferenceListUnusable';
}

function checkAsOf(asOf: string): string {
  const parsed = IsoDate.safeParse(asOf);
  if (!parsed.success) throw new ReferenceListUnusable(`--as-of: ${asOf} is not a date as YYYY-MM-DD`);
  return parsed.data;
}

/**
 * The Smelter Look-up sheet of a CMRT template (any release), dated by --as-of or by the release's
 * known list date; or of an EMRT template (its own list of cobalt ... nickel refiners, imported as the
 * EMRT's reference list, family emrt), dated by --as-of. Throws CmrtRejected for a file that is not a
 * readable CMRT or EMRT.
 */
export function referenceListFromTemplate(bytes: Uint8Array, source: Omit<ListSource, 'kind'>, asOf?: string): ImportReferenceList {
  const options = { fileName: source.fileName, maxUncompressedBytes: CMRT_MAX_UNCOMPRESSED_BYTES };
  const template = readTemplate(bytes, options);
  if (template.family === 'emrt') return emrtReferenceList(bytes, source, template.templateVersion, asOf);
  if (template.family !== 'cmrt') {
    throw new ReferenceListUnusable(
      `${source.fileName} is an ${template.family.toUpperCase()}: only a CMRT's or an EMRT's Smelter Look-up is a reference list here`,
    );
  }
  const lookup = readSmelterLookup(bytes, options);
  const templateVersion = template.templateVersion;
  const date = asOf ?? KNOWN_REFERENCE_LIST_DATES[templateVersion];
  if (!date) {
    throw new ReferenceListUnusable(
      `the as-of date of the CMRT ${templateVersion} smelter list is not known here (known: ${Object.entries(KNOWN_REFERENCE_LIST_DATES)
        .map(([version, day]) => `${version} = ${day}`)
        .join(', ')}); give it with --as-of YYYY-MM-DD`,
    );
  }
  if (lookup.length === 0) throw new ReferenceListUnusable(`${source.fileName}: the Smelter Look-up sheet has no rows`);
  return { asOf: checkAsOf(date), source: { ...source, kind: 'cmrt-template', templateVersion }, rows: referenceRowsFromLookup(lookup) };
}

/** An EMRT's Smelter Look-up: RMI does not publish its list date in the workbook, so --as-of is required. */
function emrtReferenceList(
  bytes: Uint8Array,
  source: Omit<ListSource, 'kind'>,
  templateVersion: string,
  asOf?: string,
): ImportReferenceList {
  if (!asOf) {
    throw new ReferenceListUnusable(
      `${source.fileName} is an EMRT ${templateVersion}: the date of its Smelter Look-up list is not known here; give it with --as-of YYYY-MM-DD`,
    );
  }
  const lookup = readEmrtSmelterLookup(bytes, { fileName: source.fileName, maxUncompressedBytes: CMRT_MAX_UNCOMPRESSED_BYTES });
  if (lookup.length === 0) throw new ReferenceListUnusable(`${source.fileName}: the Smelter Look-up sheet has no rows`);
  return {
    family: 'emrt',
    asOf: checkAsOf(asOf),
    source: { ...source, kind: 'emrt-template', templateVersion },
    rows: referenceRowsFromLookup(lookup),
  };
}

type ReferenceColumn = 'metal' | 'lookupName' | 'standardName' | 'country' | 'smelterId' | 'idSource' | 'street' | 'city' | 'stateProvince';

/** The Smelter Look-up columns (A-I), with the spellings RMI and spreadsheet exports use. */
const REFERENCE_COLUMNS: CsvColumn<ReferenceColumn>[] = [
  { key: 'metal', label: 'Metal', aliases: ['Metal'], required: true },
  {
    key: 'lookupName',
    label: 'Smelter Look-up',
    aliases: ['Smelter Look-up', 'Smelter Lookup', 'Look-up', 'Lookup Name', 'Alias', 'Smelter Reference List', 'Known Name'],
  },
  {
    key: 'standardName',
    label: 'Standard Smelter Name',
    aliases: ['Standard Smelter Name', 'Standard Smelter Names', 'Standard Name', 'Smelter Name'],
  },
  {
    key: 'country',
    label: 'Smelter Country',
    aliases: ['Smelter Country', 'Country', 'Smelter Facility Location: Country', 'Smelter Facility Location Country', 'Country Location'],
  },
  {
    key: 'smelterId',
    label: 'Smelter ID',
    aliases: ['Smelter ID', 'Smelter Identification', 'Smelter Identification Number', 'CID', 'RMI ID', 'Facility ID'],
    required: true,
  },
  {
    key: 'idSource',
    label: 'Source of Smelter Identification Number',
    aliases: ['Source of Smelter Identification Number', 'Source of Smelter ID', 'ID Source', 'Source'],
  },
  { key: 'street', label: 'Street', aliases: ['Street', 'Smelter Street'] },
  { key: 'city', label: 'City', aliases: ['City', 'Smelter City'] },
  {
    key: 'stateProvince',
    label: 'State/Province',
    aliases: ['State/Province', 'State / Province', 'State', 'Province', 'Smelter Facility Location: State / Province', 'State Province'],
  },
];

const label = (key: string) => REFERENCE_COLUMNS.find((column) => column.key === key)?.label ?? key;
const isPseudoRow = (name: string) =>
  [SMELTER_NOT_LISTED, SMELTER_NOT_YET_IDENTIFIED].some((pseudo) => pseudo.toLowerCase() === name.trim().toLowerCase());

/**
 * A reference list as CSV with the Smelter Look-up columns: one row per alias, as in the template.
 * Every row is checked; all problems are reported together, each naming its line and column.
 */
export function referenceListFromCsv(text: string, source: Omit<ListSource, 'kind'>, asOf: string | undefined): ImportReferenceList {
  if (!asOf) throw new ReferenceListUnusable('a CSV reference list needs its as-of date: --as-of YYYY-MM-DD');
  const date = checkAsOf(asOf);
  const { rows, present } = readCsvTable(text, source.fileName, REFERENCE_COLUMNS);
  if (!present.has('lookupName') && !present.has('standardName')) {
    throw new CsvInvalid(source.fileName, ['line 1: no "Smelter Look-up" or "Standard Smelter Name" column']);
  }
  const problems: string[] = [];
  const result: ReferenceRow[] = [];
  for (const row of rows) {
    const at = (column: string) => `line ${row.line}, column "${label(column)}"`;
    const metalText = row.get('metal');
    const metal = metalText === undefined ? undefined : metalFromText(metalText);
    if (!metal) {
      problems.push(`${at('metal')}: ${metalText === undefined ? 'empty' : `"${metalText}" is not Tantalum, Tin, Gold or Tungsten`}`);
      continue;
    }
    const lookupName = row.get('lookupName') ?? row.get('standardName');
    if (!lookupName) {
      problems.push(`${at(present.has('lookupName') ? 'lookupName' : 'standardName')}: empty`);
      continue;
    }
    const smelterId = row.get('smelterId')?.toUpperCase();
    if (!smelterId && !isPseudoRow(lookupName)) {
      problems.push(`${at('smelterId')}: empty (only the "${SMELTER_NOT_LISTED}" and "${SMELTER_NOT_YET_IDENTIFIED}" rows have no CID)`);
      continue;
    }
    const candidate = {
      metal,
      lookupName,
      standardName: row.get('standardName') ?? (smelterId ? lookupName : ''),
      country: row.get('country') ?? '',
      ...(smelterId ? { smelterId } : {}),
      ...Object.fromEntries(
        (['idSource', 'street', 'city', 'stateProvince'] as const).flatMap((key) => (row.get(key) ? [[key, row.get(key)]] : [])),
      ),
    };
    const parsed = ReferenceRow.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`${at(String(issue.path[0] ?? 'metal'))}: ${issue.message}`);
      continue;
    }
    result.push(parsed.data);
  }
  if (problems.length) throw new CsvInvalid(source.fileName, problems);
  if (result.length === 0) throw new CsvInvalid(source.fileName, ['no data rows below the header']);
  return { asOf: date, source: { ...source, kind: 'csv' }, rows: result };
}
