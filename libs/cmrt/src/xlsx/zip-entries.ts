import { constants as bufferLimits } from 'node:buffer';
import { crc32, inflateRawSync } from 'node:zlib';
import { readZipDirectory, type ZipDirectoryEntry } from './zip-directory';
import { WorkbookProblem } from './workbook-problem';

export interface ZipEntryInfo {
  /** As stored in the archive. */
  name: string;
  compressedSize: number;
  /** Uncompressed size declared in the central directory. */
  size: number;
}

export const DEFAULT_MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024;

const STORED = 0;
const DEFLATED = 8;
/** Output is produced (and the cap checked) this much at a time. */
const INFLATE_CHUNK_BYTES = 64 * 1024;

/**
 * A zip archive whose entries are inflated only on request, and only to the size they declare.
 *
 * Opening reads and checks the central directory and every local header against it
 * (zip-directory.ts), so an archive whose two directories tell different stories is refused
 * before anything is inflated. Each `read` then checks the *declared* uncompressed sizes of the
 * entries asked for against the budget (a zip bomb that boasts is refused with 'too-large'), and
 * inflates each entry with a hard cap at its declared size: an entry that lies, declaring 64 KB and
 * inflating to 150 MB, is stopped one chunk past 64 KB and refused as 'corrupt-zip'. What was
 * inflated must then have exactly the declared size and CRC-32, so a damaged or doctored part is
 * never read as a truncated (blank-looking) sheet.
 */
export class ZipEntries {
  private readonly byKey = new Map<string, ZipDirectoryEntry>();
  private inflatedBytes = 0;

  private constructor(
    private readonly bytes: Uint8Array,
    private readonly maxUncompressedBytes: number,
    entries: ZipDirectoryEntry[],
  ) {
    for (const entry of entries) this.byKey.set(entryKey(entry.name), entry);
  }

  static open(bytes: Uint8Array, maxUncompressedBytes = DEFAULT_MAX_UNCOMPRESSED_BYTES): ZipEntries {
    const entries = readZipDirectory(bytes);
    const seen = new Map<string, string>();
    for (const entry of entries) {
      const key = entryKey(entry.name);
      const earlier = seen.get(key);
      // Two entries for one part: readers disagree on which one counts, so neither can be trusted.
      if (earlier !== undefined) {
        throw new WorkbookProblem(
          'corrupt-zip',
          `the archive holds the part ${entry.name} twice${earlier === entry.name ? '' : ` (also as ${earlier})`}`,
        );
      }
      seen.set(key, entry.name);
    }
    return new ZipEntries(bytes, maxUncompressedBytes, entries);
  }

  /** Entry names as stored, in archive order. */
  names(): string[] {
    return [...this.byKey.values()].map((entry) => entry.name);
  }

  /** Look up a part by name; OPC part names are case-insensitive and some writers use "\" or a leading "/". */
  entry(name: string): ZipEntryInfo | undefined {
    const entry = this.byKey.get(entryKey(name));
    return entry && { name: entry.name, compressedSize: entry.compressedSize, size: entry.size };
  }

  has(name: string): boolean {
    return this.byKey.has(entryKey(name));
  }

  /**
   * Inflate the named entries (missing ones are left out of the result, keyed by the name
   * asked for). Throws WorkbookProblem 'too-large' when their declared sizes, added to what this
   * archive already inflated, exceed the budget; 'corrupt-zip' when an entry cannot be
   * decompressed, inflates to more or less than it declares, or fails its CRC-32.
   */
  read(names: string[]): Map<string, Uint8Array> {
    const wanted = new Map<ZipDirectoryEntry, string>(); // entry -> requested name
    let declared = 0;
    for (const name of names) {
      const entry = this.byKey.get(entryKey(name));
      if (!entry || wanted.has(entry)) continue;
      wanted.set(entry, name);
      declared += entry.size;
    }
    const total = this.inflatedBytes + declared;
    if (total > this.maxUncompressedBytes) {
      throw new WorkbookProblem(
        'too-large',
        `the workbook parts needed declare ${total} bytes uncompressed, more than the ${this.maxUncompressedBytes} allowed`,
        { declaredBytes: total, limitBytes: this.maxUncompressedBytes },
      );
    }
    const result = new Map<string, Uint8Array>();
    for (const [entry, requested] of wanted) {
      result.set(requested, this.inflate(entry));
      this.inflatedBytes += entry.size;
    }
    return result;
  }

  private inflate(entry: ZipDirectoryEntry): Uint8Array {
    const stored = this.bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
    let data: Uint8Array;
    if (entry.method === STORED) {
      if (entry.compressedSize !== entry.size) {
        throw new WorkbookProblem(
          'corrupt-zip',
          `the part ${entry.name} is stored as ${entry.compressedSize} bytes but declares ${entry.size}`,
        );
      }
      data = stored;
    } else if (entry.method === DEFLATED) {
      data = inflateCapped(entry, stored);
    } else {
      throw new WorkbookProblem(
        'corrupt-zip',
        `the part ${entry.name} uses compression method ${entry.method}, which Excel does not write`,
      );
    }
    if (crc32(data) !== entry.crc) {
      throw new WorkbookProblem(
        'corrupt-zip',
        `the part ${entry.name} fails its CRC-32 check (its content is not what the archive recorded)`,
      );
    }
    return data;
  }
}

/**
 * Inflate, stopping as soon as the output passes the declared size: zlib hands out at most one
 * chunk past the cap before giving up, so a bomb costs the declared size plus 64 KB, never its
 * real size, in memory or time.
 */
function inflateCapped(entry: ZipDirectoryEntry, compressed: Uint8Array): Uint8Array {
  let data: Uint8Array;
  try {
    // zlib wants a cap of at least 1 and at most the largest Buffer; an entry declaring more than that was refused by the budget.
    const cap = Math.min(Math.max(entry.size, 1), bufferLimits.MAX_LENGTH);
    data = inflateRawSync(compressed, { maxOutputLength: cap, chunkSize: INFLATE_CHUNK_BYTES });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new WorkbookProblem('corrupt-zip', `the part ${entry.name} expands beyond the ${entry.size} bytes the archive declares for it`);
    }
    throw new WorkbookProblem('corrupt-zip', `the part ${entry.name} cannot be decompressed (${describe(error)})`);
  }
  if (data.length !== entry.size) {
    throw new WorkbookProblem(
      'corrupt-zip',
      `the part ${entry.name} expands to ${data.length} bytes, not the ${entry.size} the archive declares`,
    );
  }
  return data;
}

function entryKey(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();
}

/** zlib's errors come from another realm under some runners, so `instanceof Error` is not relied on. */
function describe(error: unknown): string {
  const message = (error as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : String(error);
}
