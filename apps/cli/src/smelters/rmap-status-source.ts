import { parseDateText } from '@dd/cmrt';
import { IsoDate, RMAP_STATUSES, RmapStatusEntry, parseRmapStatus, type ImportRmapStatusList, type ListSource } from '@dd/domain';
import { CsvInvalid, readCsvTable, type CsvColumn } from '../csv/csv-table';
import { MINERAL_NAMES, mineralFromText } from './metal-text';

type StatusColumn = 'metal' | 'smelterId' | 'name' | 'status' | 'asOf';

const STATUS_COLUMNS: CsvColumn<StatusColumn>[] = [
  { key: 'metal', label: 'Metal', aliases: ['Metal', 'Mineral'], required: true },
  {
    key: 'smelterId',
    label: 'Smelter ID',
    aliases: ['Smelter ID', 'CID', 'Smelter Identification Number', 'Smelter Identification', 'Facility ID', 'RMI ID', 'ID'],
    required: true,
  },
  { key: 'name', label: 'Name', aliases: ['Name', 'Smelter Name', 'Standard Smelter Name', 'Facility Name', 'Standard Facility Name'] },
  {
    key: 'status',
    label: 'Status',
    aliases: ['Status', 'RMAP Status', 'Assessment Status', 'Audit Status', 'Conformance Status'],
    required: true,
  },
  { key: 'asOf', label: 'As Of', aliases: ['As Of', 'As Of Date', 'As-of', 'List Date', 'Date'] },
];

const label = (key: string) => STATUS_COLUMNS.find((column) => column.key === key)?.label ?? key;

/**
 * An RMAP status list as CSV (metal or EMRT mineral, CID, name, status; the as-of date from --as-of or an "As Of"
 * column holding one date). Statuses are read as RMI writes them; every problem names its line.
 */
export function rmapStatusListFromCsv(
  text: string,
  source: Omit<ListSource, 'kind'>,
  asOfOption: string | undefined,
): ImportRmapStatusList {
  const problems: string[] = [];
  if (asOfOption !== undefined && !IsoDate.safeParse(asOfOption).success)
    problems.push(`--as-of: ${asOfOption} is not a date as YYYY-MM-DD`);
  const { rows } = readCsvTable(text, source.fileName, STATUS_COLUMNS);
  const entries: RmapStatusEntry[] = [];
  const columnDates = new Map<string, number>(); // date -> first line
  const seen = new Map<string, number>(); // metal|CID -> line
  for (const row of rows) {
    const at = (column: StatusColumn) => `line ${row.line}, column "${label(column)}"`;
    const rowProblems: string[] = [];
    const metalText = row.get('metal');
    const metal = metalText === undefined ? undefined : mineralFromText(metalText);
    if (!metal) rowProblems.push(`${at('metal')}: ${metalText === undefined ? 'empty' : `"${metalText}" is not one of ${MINERAL_NAMES}`}`);
    const smelterId = row.get('smelterId')?.toUpperCase();
    if (!smelterId) rowProblems.push(`${at('smelterId')}: empty`);
    const statusText = row.get('status');
    const status = statusText === undefined ? undefined : parseRmapStatus(statusText);
    if (!status) {
      rowProblems.push(
        `${at('status')}: ${statusText === undefined ? 'empty' : `unknown status "${statusText}"`} (expected one of ${RMAP_STATUSES.join(', ')})`,
      );
    }
    const dateText = row.get('asOf');
    if (dateText !== undefined) {
      const reading = parseDateText(dateText);
      if ('problem' in reading) rowProblems.push(`${at('asOf')}: "${dateText}" is not a date (${reading.problem})`);
      else if (!columnDates.has(reading.date)) columnDates.set(reading.date, row.line);
    }
    const name = row.get('name');
    if (rowProblems.length === 0) {
      const parsed = RmapStatusEntry.safeParse({ metal, smelterId, status, ...(name ? { name } : {}) });
      const key = `${metal}|${smelterId}`;
      if (parsed.success && seen.has(key))
        rowProblems.push(`line ${row.line}: ${smelterId} (${metal}) is already listed on line ${seen.get(key)}`);
      else if (parsed.success) {
        seen.set(key, row.line);
        entries.push(parsed.data);
      } else
        for (const issue of parsed.error.issues)
          rowProblems.push(`${at((issue.path[0] as StatusColumn) ?? 'smelterId')}: ${issue.message}`);
    }
    problems.push(...rowProblems);
  }
  if (columnDates.size > 1) {
    problems.push(
      `column "As Of" holds more than one date (${[...columnDates].map(([date, line]) => `${date} from line ${line}`).join(', ')}); one list has one date`,
    );
  }
  const fileDate = columnDates.size === 1 ? [...columnDates.keys()][0] : undefined;
  if (fileDate && asOfOption && fileDate !== asOfOption) problems.push(`the file says as of ${fileDate}, --as-of says ${asOfOption}`);
  const asOf = asOfOption ?? fileDate;
  if (!asOf && columnDates.size === 0) problems.push('no as-of date: give --as-of YYYY-MM-DD or an "As Of" column');
  if (!problems.length && entries.length === 0) problems.push('no data rows below the header');
  if (problems.length) throw new CsvInvalid(source.fileName, problems);
  return { asOf: asOf!, source: { ...source, kind: 'csv' }, entries };
}
