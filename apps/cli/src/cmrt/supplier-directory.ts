import type { SupplierListItem } from '@dd/projections';
import { CsvInvalid, readCsvTable } from '../csv/csv-table';

/** Company names compare without case, spaces or punctuation: "Central Glass Co., Ltd." = "CENTRAL GLASS CO LTD". */
export const companyKey = (name: string) =>
  name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');

export type SupplierLookup = { supplierId: string; by: 'map' | 'name' } | { problem: string };

/** Registered suppliers, found by id (a map file) or by the company name a CMRT gives (D8). */
export class SupplierDirectory {
  private readonly ids: Set<string>;
  private readonly byKey = new Map<string, SupplierListItem[]>();

  constructor(suppliers: readonly SupplierListItem[]) {
    this.ids = new Set(suppliers.map((supplier) => supplier.supplierId));
    for (const supplier of suppliers) {
      const key = companyKey(supplier.name);
      if (key) this.byKey.set(key, [...(this.byKey.get(key) ?? []), supplier]);
    }
  }

  has(supplierId: string): boolean {
    return this.ids.has(supplierId);
  }

  byCompanyName(name: string | undefined): SupplierLookup {
    if (!name || !companyKey(name)) return { problem: 'the file gives no company name (Declaration!D8)' };
    const found = this.byKey.get(companyKey(name)) ?? [];
    if (found.length === 1) return { supplierId: found[0].supplierId, by: 'name' };
    if (found.length > 1) {
      return {
        problem: `"${name}" is the name of ${found.length} registered suppliers (${found.map((s) => s.supplierId).join(', ')}); name the file in --map`,
      };
    }
    return { problem: `no registered supplier is named "${name}"; register it or name the file in --map` };
  }
}

/**
 * A map file: CSV with the header `file,supplierId`. Files are named by their path inside the
 * folder or zip, or by their base name when that is unique. Checked before anything is recorded:
 * unknown supplier ids, files not in the batch and files named twice are errors.
 */
export function readSupplierMap(
  text: string,
  fileName: string,
  batchNames: readonly string[],
  directory: SupplierDirectory,
): Map<string, string> {
  const { rows } = readCsvTable(text, fileName, [
    { key: 'file', label: 'file', aliases: ['file', 'file name', 'filename', 'path'], required: true },
    { key: 'supplierId', label: 'supplierId', aliases: ['supplierId', 'supplier', 'supplier id'], required: true },
  ]);
  const problems: string[] = [];
  const map = new Map<string, string>();
  const baseName = (name: string) => name.split('/').pop() ?? name;
  for (const row of rows) {
    const file = row.get('file')?.replace(/\\/g, '/');
    const supplierId = row.get('supplierId');
    if (!file || !supplierId) {
      problems.push(`line ${row.line}: ${!file ? 'column "file" is empty' : 'column "supplierId" is empty'}`);
      continue;
    }
    if (!directory.has(supplierId)) problems.push(`line ${row.line}, column "supplierId": no registered supplier ${supplierId}`);
    const exact = batchNames.filter((name) => name === file);
    const matches = exact.length ? exact : batchNames.filter((name) => baseName(name) === baseName(file));
    if (matches.length === 0) problems.push(`line ${row.line}, column "file": ${file} is not in the batch`);
    else if (matches.length > 1)
      problems.push(`line ${row.line}, column "file": ${file} names ${matches.length} files (${matches.join(', ')}); give the path`);
    else if (map.has(matches[0])) problems.push(`line ${row.line}, column "file": ${matches[0]} is mapped twice`);
    else map.set(matches[0], supplierId);
  }
  if (problems.length) throw new CsvInvalid(fileName, problems);
  return map;
}
