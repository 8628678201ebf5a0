import { unzipSync } from 'fflate';
import { WorkbookProblem } from './workbook-problem';

export interface ZipEntryInfo {
  /** As stored in the archive. */
  name: string;
  compressedSize: number;
  /** Uncompressed size declared in the central directory. */
  size: number;
}

export const DEFAULT_MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024;

/**
 * A zip archive whose entries are inflated only on request.
 *
 * The central directory is read once (fflate's unzipSync with a filter that declines every
 * entry, which records names and sizes without inflating anything). Each `read` then inflates
 * just the entries asked for, after checking their *declared* uncompressed sizes against the
 * budget, so a zip bomb is refused before a byte is inflated. fflate inflates into a buffer of
 * exactly the declared size and does not grow it, so an entry lying about its size cannot use
 * more memory than it declared either.
 */
export class ZipEntries {
  private readonly byKey = new Map<string, ZipEntryInfo>();
  private inflatedBytes = 0;

  private constructor(
    private readonly bytes: Uint8Array,
    private readonly maxUncompressedBytes: number,
  ) {}

  static open(bytes: Uint8Array, maxUncompressedBytes = DEFAULT_MAX_UNCOMPRESSED_BYTES): ZipEntries {
    const archive = new ZipEntries(bytes, maxUncompressedBytes);
    try {
      unzipSync(bytes, {
        filter: (file) => {
          archive.byKey.set(entryKey(file.name), { name: file.name, compressedSize: file.size, size: file.originalSize });
          return false;
        },
      });
    } catch (error) {
      throw new WorkbookProblem('corrupt-zip', `the zip directory cannot be read (${describe(error)})`);
    }
    return archive;
  }

  /** Entry names as stored, in archive order. */
  names(): string[] {
    return [...this.byKey.values()].map((entry) => entry.name);
  }

  /** Look up a part by name; OPC part names are case-insensitive and some writers use "\" or a leading "/". */
  entry(name: string): ZipEntryInfo | undefined {
    return this.byKey.get(entryKey(name));
  }

  has(name: string): boolean {
    return this.byKey.has(entryKey(name));
  }

  /**
   * Inflate the named entries (missing ones are left out of the result, keyed by the name
   * asked for). Throws WorkbookProblem 'too-large' when their declared sizes, added to what this
   * archive already inflated, exceed the budget; 'corrupt-zip' when inflating fails.
   */
  read(names: string[]): Map<string, Uint8Array> {
    const wanted = new Map<string, string>(); // stored name -> requested name
    let declared = 0;
    for (const name of names) {
      const entry = this.entry(name);
      if (!entry || wanted.has(entry.name)) continue;
      wanted.set(entry.name, name);
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
    if (wanted.size === 0) return result;
    let inflated: Record<string, Uint8Array>;
    try {
      inflated = unzipSync(this.bytes, { filter: (file) => wanted.has(file.name) });
    } catch (error) {
      throw new WorkbookProblem('corrupt-zip', `a workbook part cannot be decompressed (${describe(error)})`);
    }
    this.inflatedBytes = total;
    for (const [stored, requested] of wanted) {
      const data = inflated[stored];
      if (data) result.set(requested, data);
    }
    return result;
  }
}

function entryKey(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
