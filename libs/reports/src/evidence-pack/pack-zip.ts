import { createHash, type Hash } from 'node:crypto';
import { Zip, ZipDeflate, ZipPassThrough, type ZipInputFile } from 'fflate';

/** One entry of the manifest: its path inside the pack's folder and the SHA-256 of its bytes. */
export interface PackEntry {
  path: string;
  sha256: string;
  size: number;
}

/** An entry written piece by piece (the events, line by line). */
export interface StreamedEntry {
  write(bytes: Uint8Array | string): void;
  end(): PackEntry;
}

/** Unix regular file, rw-r--r--: what `unzip` gives the extracted files. */
const FILE_ATTRIBUTES = (0o100644 << 16) >>> 0;
const UNIX = 3;
const CHUNK = 64 * 1024;
/** fflate writes zip without Zip64: offsets and sizes are 32-bit, so a pack stops short of 4 GiB. */
export const ZIP32_MAX_BYTES = 0xffffffff;

/**
 * The pack as a zip, written entry after entry to a sink (a file), so memory holds one original at a
 * time however many the period has. Deterministic: entries in the order they are added, every entry
 * with the same time (the log head's) and attributes, deflate at a fixed level, so the same contents
 * give the same bytes. Every entry is hashed as it goes; sha256sums() is the manifest of them in
 * `sha256sum -c` format.
 */
export class PackZip {
  private readonly zip: Zip;
  private readonly entries: PackEntry[] = [];
  private failure: Error | null = null;
  private open = false;
  private written = 0;
  private readonly mtime: Date;

  /**
   * @param folder the one folder everything is under (so unzip makes one folder)
   * @param time the entries' time; zip stores local date and time fields, so the UTC fields of `time`
   *   are given as local ones: the bytes do not depend on the machine's time zone.
   */
  constructor(
    readonly folder: string,
    time: Date,
    sink: (chunk: Uint8Array) => void,
    private readonly maxBytes = ZIP32_MAX_BYTES,
  ) {
    const dosEpoch = Date.UTC(1980, 0, 1);
    const at = new Date(Math.max(time.getTime(), dosEpoch));
    this.mtime = new Date(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate(), at.getUTCHours(), at.getUTCMinutes(), at.getUTCSeconds());
    this.zip = new Zip((error, chunk) => {
      if (error) this.failure ??= error;
      else if (!this.failure) {
        this.written += chunk.byteLength;
        // Past 32-bit offsets the zip would be silently wrong: refuse instead.
        if (this.written > this.maxBytes)
          this.failure = new Error(`the pack would be larger than ${this.maxBytes} bytes, more than a zip without Zip64 can hold`);
        else sink(chunk);
      }
    });
  }

  /** A whole entry. `compress: false` for what is compressed already (workbooks are zips). */
  add(path: string, bytes: Uint8Array | string, options: { compress?: boolean } = {}): PackEntry {
    const entry = this.stream(path, options);
    entry.write(bytes);
    return entry.end();
  }

  stream(path: string, options: { compress?: boolean } = {}): StreamedEntry {
    if (this.open) throw new Error(`${path}: the previous entry is not finished`);
    const file = options.compress === false ? new ZipPassThrough(this.name(path)) : new ZipDeflate(this.name(path), { level: 6 });
    this.describe(file);
    this.zip.add(file);
    this.open = true;
    const hash: Hash = createHash('sha256');
    let size = 0;
    let pending: Uint8Array[] = [];
    let pendingSize = 0;
    const flush = (final: boolean) => {
      const chunk = pending.length === 1 ? pending[0] : Buffer.concat(pending);
      pending = [];
      pendingSize = 0;
      file.push(chunk, final);
      this.check();
    };
    return {
      write: (data) => {
        const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
        hash.update(bytes);
        size += bytes.byteLength;
        pending.push(bytes);
        pendingSize += bytes.byteLength;
        if (pendingSize >= CHUNK) flush(false);
      },
      end: () => {
        flush(true);
        this.open = false;
        const entry = { path, sha256: hash.digest('hex'), size };
        this.entries.push(entry);
        return entry;
      },
    };
  }

  /** Every entry added so far, as `sha256sum -c` reads them: "<hash>  <path>", one a line. */
  sha256sums(): string {
    return this.entries.map((entry) => `${entry.sha256}  ${entry.path}\n`).join('');
  }

  added(): readonly PackEntry[] {
    return this.entries;
  }

  /** Writes the zip's central directory: the pack is complete. */
  end(): void {
    if (this.open) throw new Error('the last entry is not finished');
    this.zip.end();
    this.check();
  }

  private name(path: string): string {
    if (path.startsWith('/') || path.split('/').some((part) => part === '' || part === '.' || part === '..'))
      throw new Error(`not a plain relative path: ${path}`);
    return `${this.folder}/${path}`;
  }

  private describe(file: ZipInputFile): void {
    file.mtime = this.mtime;
    file.os = UNIX;
    file.attrs = FILE_ATTRIBUTES;
  }

  private check(): void {
    if (this.failure) throw this.failure;
  }
}
