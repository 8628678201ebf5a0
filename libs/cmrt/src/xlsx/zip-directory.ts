import { WorkbookProblem } from './workbook-problem';

/**
 * A zip's table of contents, read and cross-checked before anything is inflated.
 *
 * A zip says what it holds twice: in the central directory at its end and in a local header in
 * front of each entry's data. Tools that read one or the other (Excel, fflate, a virus scanner)
 * must see the same archive, so every disagreement that changes what would be read is refused as
 * 'corrupt-zip': another name, compression method, CRC or size in the local header, data that runs
 * into the next entry or the directory, entries that share bytes (the overlapping-entries bomb), a
 * directory that does not add up to the size and count its end record states, and encryption.
 * Fields nothing reads (times, attributes, "version made by") are left alone.
 */
export interface ZipDirectoryEntry {
  /** As stored in the archive. */
  name: string;
  /** 0 stored, 8 deflated; anything else is refused when the entry is read. */
  method: number;
  crc: number;
  compressedSize: number;
  /** Uncompressed size declared in the central directory (and, when present, the local header). */
  size: number;
  /** Where the entry's stored bytes begin. */
  dataStart: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_END_OF_DIRECTORY = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const END_RECORD_BYTES = 22;
const MAX_COMMENT_BYTES = 0xffff;
const ZIP64_EXTRA = 0x0001;
const UNKNOWN_32 = 0xffffffff;
const UNKNOWN_16 = 0xffff;

const FLAG_ENCRYPTED = 0x0001;
const FLAG_DATA_DESCRIPTOR = 0x0008;
const FLAG_STRONG_ENCRYPTION = 0x0040;
const FLAG_UTF8 = 0x0800;

export function readZipDirectory(bytes: Uint8Array): ZipDirectoryEntry[] {
  const zip = new ZipBytes(bytes);
  const end = readEndOfDirectory(zip);
  const entries: Array<ZipDirectoryEntry & { localHeader: number; dataEnd: number }> = [];
  let pos = end.directoryOffset;
  for (let i = 0; i < end.entries; i++) {
    if (pos + 46 > end.directoryEnd || zip.u32(pos) !== CENTRAL_HEADER) {
      throw corrupt(`the zip directory lists ${end.entries} parts but entry ${i + 1} is missing or damaged`);
    }
    const flags = zip.u16(pos + 8);
    const nameLength = zip.u16(pos + 28);
    const extraLength = zip.u16(pos + 30);
    const next = pos + 46 + nameLength + extraLength + zip.u16(pos + 32);
    if (next > end.directoryEnd) throw corrupt(`entry ${i + 1} of the zip directory runs past its end`);
    const nameBytes = bytes.subarray(pos + 46, pos + 46 + nameLength);
    const name = decodeName(nameBytes, flags);
    let size = zip.u32(pos + 24);
    let compressedSize = zip.u32(pos + 20);
    let localHeader = zip.u32(pos + 42);
    if (size === UNKNOWN_32 || compressedSize === UNKNOWN_32 || localHeader === UNKNOWN_32) {
      // ZIP64: the real values follow in the extra field, in this order, for the fields set to 0xFFFFFFFF.
      const extra = findExtra(zip, pos + 46 + nameLength, extraLength, ZIP64_EXTRA);
      let at = extra?.start ?? 0;
      const take = (): number => {
        if (!extra || at + 8 > extra.end) throw corrupt(`the part ${name} lacks the ZIP64 sizes its header announces`);
        const value = zip.u64(at);
        at += 8;
        return value;
      };
      if (size === UNKNOWN_32) size = take();
      if (compressedSize === UNKNOWN_32) compressedSize = take();
      if (localHeader === UNKNOWN_32) localHeader = take();
    }
    if (flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION)) throw corrupt(`the part ${name} is encrypted inside the zip`);
    const entry = { name, method: zip.u16(pos + 10), crc: zip.u32(pos + 16), compressedSize, size, localHeader, dataStart: 0, dataEnd: 0 };
    const local = checkLocalHeader(zip, entry, nameBytes, end.directoryOffset);
    entries.push({ ...entry, ...local });
    pos = next;
  }
  if (pos !== end.directoryEnd) throw corrupt(`the zip directory holds more parts than the ${end.entries} its end record counts`);

  // Each entry's bytes (header and data) must be its own: overlapping entries inflate the same
  // compressed bytes many times over (a known zip bomb), and are never written by Excel.
  const byOffset = [...entries].sort((a, b) => a.localHeader - b.localHeader);
  for (let i = 1; i < byOffset.length; i++) {
    if (byOffset[i].localHeader < byOffset[i - 1].dataEnd) {
      throw corrupt(`the parts ${byOffset[i - 1].name} and ${byOffset[i].name} overlap in the archive`);
    }
  }
  return entries.map(({ name, method, crc, compressedSize, size, dataStart }) => ({ name, method, crc, compressedSize, size, dataStart }));
}

interface EndOfDirectory {
  entries: number;
  directoryOffset: number;
  /** Where the directory must end: at the (ZIP64) end record. */
  directoryEnd: number;
}

/** The end record is the last record of a zip, followed by its comment (and, from some mail gateways, junk nothing reads). */
function readEndOfDirectory(zip: ZipBytes): EndOfDirectory {
  const last = zip.length - END_RECORD_BYTES;
  let end = -1;
  for (let pos = last; pos >= 0 && pos >= last - MAX_COMMENT_BYTES; pos--) {
    if (zip.u32(pos) === END_OF_DIRECTORY && pos + END_RECORD_BYTES + zip.u16(pos + 20) <= zip.length) {
      end = pos;
      break;
    }
  }
  if (end < 0) throw corrupt('the zip directory cannot be found (the file is cut short or is not a complete zip archive)');
  if (zip.u16(end + 4) !== 0 || zip.u16(end + 6) !== 0) throw corrupt('the zip archive claims to span several disks');
  let entries = zip.u16(end + 10);
  let directorySize = zip.u32(end + 12);
  let directoryOffset = zip.u32(end + 16);
  let directoryEnd = end;
  if (zip.u16(end + 8) !== entries) throw corrupt('the zip end record counts its parts in two different ways');
  if (entries === UNKNOWN_16 || directorySize === UNKNOWN_32 || directoryOffset === UNKNOWN_32) {
    const locator = end - 20;
    if (locator >= 0 && zip.u32(locator) === ZIP64_LOCATOR) {
      const record = zip.u64(locator + 8);
      if (record + 56 > locator || zip.u32(record) !== ZIP64_END_OF_DIRECTORY) throw corrupt('the ZIP64 end record is missing or damaged');
      entries = zip.u64(record + 32);
      directorySize = zip.u64(record + 40);
      directoryOffset = zip.u64(record + 48);
      directoryEnd = record;
    }
  }
  if (directoryOffset + directorySize !== directoryEnd) {
    throw corrupt('the zip directory is not where its end record says (the file was cut, padded or edited)');
  }
  return { entries, directoryOffset, directoryEnd };
}

/**
 * The local header must describe the same entry as the directory. Its CRC and sizes may be zero
 * when a data descriptor follows the data (flag bit 3), and its sizes 0xFFFFFFFF under ZIP64.
 */
function checkLocalHeader(
  zip: ZipBytes,
  entry: { name: string; method: number; crc: number; compressedSize: number; size: number; localHeader: number },
  nameBytes: Uint8Array,
  directoryOffset: number,
): { dataStart: number; dataEnd: number } {
  const at = entry.localHeader;
  if (at + 30 > directoryOffset || zip.u32(at) !== LOCAL_HEADER)
    throw corrupt(`the part ${entry.name} is not where the zip directory says`);
  const flags = zip.u16(at + 6);
  const nameLength = zip.u16(at + 26);
  const dataStart = at + 30 + nameLength + zip.u16(at + 28);
  const dataEnd = dataStart + entry.compressedSize;
  if (dataEnd > directoryOffset) throw corrupt(`the part ${entry.name} runs past the end of the archive's data`);
  if (!sameBytes(zip.bytes.subarray(at + 30, at + 30 + nameLength), nameBytes)) {
    throw corrupt(`the part ${entry.name} has another name in its local header`);
  }
  if (flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION)) throw corrupt(`the part ${entry.name} is encrypted inside the zip`);
  if (zip.u16(at + 8) !== entry.method) throw corrupt(`the two headers of the part ${entry.name} disagree on its compression method`);
  const deferred = (flags & FLAG_DATA_DESCRIPTOR) !== 0;
  const agrees = (local: number, central: number, zip64: boolean) =>
    local === central || (deferred && local === 0) || (zip64 && local === UNKNOWN_32);
  if (!agrees(zip.u32(at + 14), entry.crc, false)) throw corrupt(`the two headers of the part ${entry.name} disagree on its CRC-32`);
  if (!agrees(zip.u32(at + 18), entry.compressedSize, true) || !agrees(zip.u32(at + 22), entry.size, true)) {
    throw corrupt(`the two headers of the part ${entry.name} disagree on its size`);
  }
  return { dataStart, dataEnd };
}

function findExtra(zip: ZipBytes, start: number, length: number, id: number): { start: number; end: number } | undefined {
  const end = start + length;
  for (let pos = start; pos + 4 <= end;) {
    const size = zip.u16(pos + 2);
    if (zip.u16(pos) === id) return { start: pos + 4, end: Math.min(pos + 4 + size, end) };
    pos += 4 + size;
  }
  return undefined;
}

/** Names are UTF-8 when flag bit 11 says so, else code page 437 (read as Latin-1, as fflate does; OPC part names are ASCII). */
function decodeName(bytes: Uint8Array, flags: number): string {
  if (flags & FLAG_UTF8) return new TextDecoder().decode(bytes);
  let name = '';
  for (const byte of bytes) name += String.fromCharCode(byte);
  return name;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

function corrupt(message: string): WorkbookProblem {
  return new WorkbookProblem('corrupt-zip', message);
}

/** Little-endian reads that treat a read past the end as damage, not a crash. */
class ZipBytes {
  private readonly view: DataView;

  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get length(): number {
    return this.bytes.length;
  }

  u16(at: number): number {
    this.check(at, 2);
    return this.view.getUint16(at, true);
  }

  u32(at: number): number {
    this.check(at, 4);
    return this.view.getUint32(at, true);
  }

  u64(at: number): number {
    this.check(at, 8);
    const value = this.view.getBigUint64(at, true);
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw corrupt('a ZIP64 size or offset is beyond any real file');
    return Number(value);
  }

  private check(at: number, size: number): void {
    if (at < 0 || at + size > this.bytes.length) throw corrupt('a zip header points past the end of the file');
  }
}
