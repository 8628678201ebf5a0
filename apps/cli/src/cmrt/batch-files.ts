import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { ZipEntries } from '@dd/cmrt';
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
    return {
      files: [{ name: path.split(sep).pop() ?? path, size: stat.size, read: () => new Uint8Array(readFileSync(path)) }],
      skipped: [],
    };
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
 * A zip's workbooks, inflated one at a time when read, through the same checked reader as a workbook's
 * own parts (@dd/cmrt ZipEntries): the directory and every local header are checked before anything is
 * inflated, an entry declaring more than the upload limit is never inflated, and an entry is inflated
 * with a hard cap at its declared size and must match it and its CRC-32 (a lying entry is refused, not
 * truncated into a workbook that reads as blank).
 */
function listZip(path: string): Batch {
  let zip: ZipEntries;
  try {
    // Each workbook is held to the upload limit by its declared size; the batch as a whole has none.
    zip = ZipEntries.open(new Uint8Array(readFileSync(path)), Number.MAX_SAFE_INTEGER);
  } catch (error) {
    throw new Error(`${path} is not a readable zip archive (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  const files: BatchFile[] = [];
  const skipped: string[] = [];
  for (const stored of zip.names()) {
    const name = stored.replace(/\\/g, '/');
    if (name.endsWith('/') || isNoise(name)) continue;
    if (!WORKBOOK_EXTENSIONS.has(extname(name).toLowerCase())) {
      skipped.push(name);
      continue;
    }
    const size = zip.entry(stored)?.size ?? 0;
    files.push({
      name,
      size,
      read: () => {
        if (size > CMRT_MAX_FILE_BYTES) throw new Error(`declares ${size} bytes`);
        const bytes = zip.read([stored]).get(stored);
        if (!bytes) throw new Error(`entry ${stored} could not be read`);
        return bytes;
      },
    });
  }
  return { files: files.sort(byName), skipped: skipped.sort() };
}
