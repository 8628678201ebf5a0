import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { unzipSync } from 'fflate';
import { CMRT_MAX_FILE_BYTES } from '@dd/engine';

/** One file of a batch: a workbook in a folder or an entry of a zip. */
export interface BatchFile {
  /** Path inside the folder or zip, with "/" separators. */
  name: string;
  /** Size in bytes (declared uncompressed size for a zip entry). */
  size: number;
  /** The bytes; only called for files within the size limit. */
  read(): Uint8Array;
}

export interface Batch {
  files: BatchFile[];
  /** Files that are not spreadsheets (left alone). */
  skipped: string[];
}

/**
 * Spreadsheet files are taken, not just .xlsx: a legacy .xls or an .ods sent instead of the CMRT
 * should be reported as rejected with the reason (and a request to resend), not silently skipped.
 */
const WORKBOOK_EXTENSIONS = new Set(['.xlsx', '.xlsm', '.xls', '.xlsb', '.ods']);

/** Office lock files (~$name.xlsx), macOS resource forks (__MACOSX/, ._name) and hidden files are not submissions. */
function isNoise(path: string): boolean {
  const parts = path.split('/');
  const base = parts[parts.length - 1];
  return parts.includes('__MACOSX') || base.startsWith('~$') || base.startsWith('.') || base === '';
}

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** The workbooks of a folder (recursively), of a .zip, or a single workbook. */
export function listBatch(path: string): Batch {
  const stat = statSync(path);
  if (stat.isDirectory()) return listFolder(path);
  if (extname(path).toLowerCase() === '.zip') return listZip(path);
  if (WORKBOOK_EXTENSIONS.has(extname(path).toLowerCase())) {
    return { files: [{ name: path.split(sep).pop() ?? path, size: stat.size, read: () => new Uint8Array(readFileSync(path)) }], skipped: [] };
  }
  throw new Error(`${path} is neither a folder, a .zip nor a workbook`);
}

function listFolder(root: string): Batch {
  const files: BatchFile[] = [];
  const skipped: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      const name = relative(root, full).split(sep).join('/');
      if (isNoise(name)) continue;
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        if (!WORKBOOK_EXTENSIONS.has(extname(entry.name).toLowerCase())) skipped.push(name);
        else files.push({ name, size: statSync(full).size, read: () => new Uint8Array(readFileSync(full)) });
      }
    }
  };
  walk(root);
  return { files: files.sort(byName), skipped: skipped.sort() };
}

/**
 * A zip's workbooks, inflated one at a time when read. Sizes are the ones the zip declares; fflate
 * inflates into a buffer of exactly that size, so an entry claiming to be small cannot grow, and one
 * declaring more than the upload limit is never inflated.
 */
function listZip(path: string): Batch {
  const zip = new Uint8Array(readFileSync(path));
  const entries: Array<{ name: string; size: number }> = [];
  try {
    unzipSync(zip, {
      filter: (file) => {
        entries.push({ name: file.name, size: file.originalSize });
        return false;
      },
    });
  } catch (error) {
    throw new Error(`${path} is not a readable zip archive (${error instanceof Error ? error.message : String(error)})`);
  }
  const files: BatchFile[] = [];
  const skipped: string[] = [];
  for (const entry of entries) {
    const name = entry.name.replace(/\\/g, '/');
    if (name.endsWith('/') || isNoise(name)) continue;
    if (!WORKBOOK_EXTENSIONS.has(extname(name).toLowerCase())) {
      skipped.push(name);
      continue;
    }
    files.push({
      name,
      size: entry.size,
      read: () => {
        if (entry.size > CMRT_MAX_FILE_BYTES) throw new Error(`declares ${entry.size} bytes`);
        const inflated = unzipSync(zip, { filter: (file) => file.name === entry.name });
        const bytes = inflated[entry.name];
        if (!bytes) throw new Error(`entry ${entry.name} could not be read`);
        return bytes;
      },
    });
  }
  return { files: files.sort(byName), skipped: skipped.sort() };
}
