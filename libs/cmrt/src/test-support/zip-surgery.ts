import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * Take a zip apart into its stored entries and put it back together, byte for byte under the
 * spec's control: what a hostile or broken archive needs (sizes and CRCs that lie, entries in
 * another order or twice, headers that disagree), and the legitimate variants other writers
 * produce (data descriptors, ZIP64). readRawZip and zipLayout read only plain archives.
 */
export interface RawZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  flags: number;
  crc: number;
  /** Uncompressed size as declared. */
  size: number;
  /** The entry's data as stored (compressed when method is 8). */
  data: Uint8Array;
}

/** Where each entry's headers sit in an archive, to edit their fields in place. */
export interface ZipEntryLayout {
  name: string;
  localHeader: number;
  centralHeader: number;
  dataStart: number;
  dataEnd: number;
}

export interface ZipLayout {
  entries: ZipEntryLayout[];
  endOfCentralDirectory: number;
  centralDirectory: number;
}

export const LOCAL_HEADER_FIELDS = { flags: 6, method: 8, crc: 14, compressedSize: 18, size: 22, nameLength: 26, extraLength: 28 } as const;
export const CENTRAL_HEADER_FIELDS = {
  flags: 8,
  method: 10,
  crc: 16,
  compressedSize: 20,
  size: 24,
  nameLength: 28,
  localHeaderOffset: 42,
} as const;
export const END_OF_DIRECTORY_FIELDS = {
  entriesOnDisk: 8,
  entries: 10,
  directorySize: 12,
  directoryOffset: 16,
  commentLength: 20,
} as const;

export function zipLayout(zip: Uint8Array): ZipLayout {
  const view = viewOf(zip);
  let end = -1;
  for (let pos = zip.length - 22; pos >= 0; pos--) {
    if (view.getUint32(pos, true) === 0x06054b50) {
      end = pos;
      break;
    }
  }
  if (end < 0) throw new Error('no end of central directory');
  const count = view.getUint16(end + 10, true);
  const directory = view.getUint32(end + 16, true);
  const entries: ZipEntryLayout[] = [];
  let pos = directory;
  for (let i = 0; i < count; i++) {
    if (view.getUint32(pos, true) !== 0x02014b50) throw new Error(`no central header at ${pos}`);
    const nameLength = view.getUint16(pos + 28, true);
    const name = new TextDecoder().decode(zip.subarray(pos + 46, pos + 46 + nameLength));
    const localHeader = view.getUint32(pos + 42, true);
    const dataStart = localHeader + 30 + view.getUint16(localHeader + 26, true) + view.getUint16(localHeader + 28, true);
    entries.push({ name, localHeader, centralHeader: pos, dataStart, dataEnd: dataStart + view.getUint32(pos + 20, true) });
    pos += 46 + nameLength + view.getUint16(pos + 30, true) + view.getUint16(pos + 32, true);
  }
  return { entries, endOfCentralDirectory: end, centralDirectory: directory };
}

export function readRawZip(zip: Uint8Array): RawZipEntry[] {
  const view = viewOf(zip);
  return zipLayout(zip).entries.map((entry) => ({
    name: entry.name,
    flags: view.getUint16(entry.centralHeader + 8, true),
    method: view.getUint16(entry.centralHeader + 10, true),
    crc: view.getUint32(entry.centralHeader + 16, true),
    size: view.getUint32(entry.centralHeader + 24, true),
    data: zip.slice(entry.dataStart, entry.dataEnd),
  }));
}

export interface RawZipOptions {
  /** Write CRC and sizes after the data (flag bit 3), leaving zeros in the local headers, as streaming writers do. */
  dataDescriptors?: boolean;
  /** Write every size and offset in ZIP64 form (0xFFFFFFFF in the headers, the values in ZIP64 extra fields and end record). */
  zip64?: boolean;
}

/** A zip of exactly these entries, in this order, with the sizes and CRCs they state (true or not). */
export function writeRawZip(entries: RawZipEntry[], options: RawZipOptions = {}): Uint8Array {
  const out = new ByteWriter();
  const encoder = new TextEncoder();
  const names = entries.map((entry) => encoder.encode(entry.name));
  const offsets: number[] = [];
  const zip64Extra = (values: number[]) => {
    out.u16(0x0001);
    out.u16(8 * values.length);
    for (const value of values) out.u64(value);
  };
  entries.forEach((entry, i) => {
    offsets.push(out.length);
    const flags = entry.flags | (options.dataDescriptors ? 0x0008 : 0);
    out.u32(0x04034b50);
    out.u16(options.zip64 ? 45 : 20);
    out.u16(flags);
    out.u16(entry.method);
    out.u32(0); // time and date
    out.u32(options.dataDescriptors ? 0 : entry.crc);
    out.u32(options.zip64 ? 0xffffffff : options.dataDescriptors ? 0 : entry.data.length);
    out.u32(options.zip64 ? 0xffffffff : options.dataDescriptors ? 0 : entry.size);
    out.u16(names[i].length);
    out.u16(options.zip64 ? 20 : 0);
    out.bytes(names[i]);
    if (options.zip64) zip64Extra([entry.size, entry.data.length]);
    out.bytes(entry.data);
    if (options.dataDescriptors) {
      out.u32(0x08074b50);
      out.u32(entry.crc);
      if (options.zip64) {
        out.u64(entry.data.length);
        out.u64(entry.size);
      } else {
        out.u32(entry.data.length);
        out.u32(entry.size);
      }
    }
  });
  const directory = out.length;
  entries.forEach((entry, i) => {
    out.u32(0x02014b50);
    out.u16(20); // version made by
    out.u16(options.zip64 ? 45 : 20);
    out.u16(entry.flags | (options.dataDescriptors ? 0x0008 : 0));
    out.u16(entry.method);
    out.u32(0); // time and date
    out.u32(entry.crc);
    out.u32(options.zip64 ? 0xffffffff : entry.data.length);
    out.u32(options.zip64 ? 0xffffffff : entry.size);
    out.u16(names[i].length);
    out.u16(options.zip64 ? 28 : 0);
    out.u16(0); // comment length
    out.u16(0); // disk
    out.u16(0); // internal attributes
    out.u32(0); // external attributes
    out.u32(options.zip64 ? 0xffffffff : offsets[i]);
    out.bytes(names[i]);
    if (options.zip64) zip64Extra([entry.size, entry.data.length, offsets[i]]);
  });
  const directorySize = out.length - directory;
  if (options.zip64) {
    const record = out.length;
    out.u32(0x06064b50);
    out.u64(44);
    out.u16(45);
    out.u16(45);
    out.u32(0);
    out.u32(0);
    out.u64(entries.length);
    out.u64(entries.length);
    out.u64(directorySize);
    out.u64(directory);
    out.u32(0x07064b50);
    out.u32(0);
    out.u64(record);
    out.u32(1);
  }
  out.u32(0x06054b50);
  out.u32(0); // disks
  out.u16(options.zip64 ? 0xffff : entries.length);
  out.u16(options.zip64 ? 0xffff : entries.length);
  out.u32(options.zip64 ? 0xffffffff : directorySize);
  out.u32(options.zip64 ? 0xffffffff : directory);
  out.u16(0); // comment length
  return out.finish();
}

class ByteWriter {
  private buffer = new Uint8Array(1024);
  length = 0;

  u16(value: number): void {
    this.reserve(2);
    new DataView(this.buffer.buffer).setUint16(this.length, value, true);
    this.length += 2;
  }

  u32(value: number): void {
    this.reserve(4);
    new DataView(this.buffer.buffer).setUint32(this.length, value >>> 0, true);
    this.length += 4;
  }

  u64(value: number): void {
    this.reserve(8);
    new DataView(this.buffer.buffer).setBigUint64(this.length, BigInt(value), true);
    this.length += 8;
  }

  bytes(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  finish(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }

  private reserve(n: number): void {
    if (this.length + n <= this.buffer.length) return;
    const bigger = new Uint8Array(Math.max(this.buffer.length * 2, this.length + n));
    bigger.set(this.buffer.subarray(0, this.length));
    this.buffer = bigger;
  }
}

/** A deflated entry holding exactly `content`, with its true size and CRC. */
export function deflatedEntry(name: string, content: Uint8Array | string): RawZipEntry {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return { name, method: 8, flags: 0, crc: crc32(bytes), size: bytes.length, data: deflateRawSync(bytes) };
}

/**
 * A deflated entry of `head`, then `byte` repeated `times`, then `tail`: the shape of a zip bomb,
 * built without ever holding the content. One deflate stream, as a bomb is made: `head` in stored
 * blocks, then one fixed-Huffman block of the byte once and copies of 258 bytes from 1 byte back
 * (13 bits each), then `tail` as literals. 150 MB of spaces take about 1 MB. Size and CRC are the
 * true ones; a spec makes the entry lie by overriding them.
 */
export function inflatingEntry(name: string, parts: { head: string; byte: number; times: number; tail: string }): RawZipEntry {
  const encoder = new TextEncoder();
  const head = encoder.encode(parts.head);
  const tail = encoder.encode(parts.tail);
  const out = new BitWriter(
    head.length + 5 * Math.ceil(head.length / 65535 + 1) + Math.ceil((parts.times / 258) * 2) + 2 * tail.length + 300,
  );
  for (let at = 0; at < head.length; at += 65535) {
    const piece = head.subarray(at, at + 65535);
    out.bits(0, 3); // BFINAL 0, BTYPE 00 (stored)
    out.alignToByte();
    out.bits(piece.length, 16);
    out.bits(~piece.length & 0xffff, 16);
    for (const value of piece) out.bits(value, 8);
  }
  out.bits(1, 1); // BFINAL
  out.bits(1, 2); // BTYPE 01 (fixed Huffman)
  let left = parts.times;
  if (left > 0) {
    out.literal(parts.byte);
    left--;
  }
  for (; left >= 258; left -= 258) {
    out.code(0xc5, 8); // length symbol 285: 258 bytes
    out.code(0, 5); // distance symbol 0: 1 byte back
  }
  for (; left > 0; left--) out.literal(parts.byte);
  for (const value of tail) out.literal(value);
  out.code(0, 7); // end of block (symbol 256)
  const filler = new Uint8Array(Math.min(parts.times, 1024 * 1024)).fill(parts.byte);
  let crc = crc32(head);
  for (let done = 0; done < parts.times; done += filler.length)
    crc = crc32(filler.subarray(0, Math.min(filler.length, parts.times - done)), crc);
  crc = crc32(tail, crc);
  return { name, method: 8, flags: 0, crc, size: head.length + parts.times + tail.length, data: out.finish() };
}

/** Deflate's bit order: fields least significant bit first, Huffman codes most significant bit first. */
class BitWriter {
  private readonly bytes: Uint8Array;
  private length = 0;
  private buffer = 0;
  private count = 0;

  constructor(capacity: number) {
    this.bytes = new Uint8Array(capacity);
  }

  bits(value: number, n: number): void {
    for (let i = 0; i < n; i++) {
      this.buffer |= ((value >>> i) & 1) << this.count;
      if (++this.count === 8) this.flushByte();
    }
  }

  code(value: number, n: number): void {
    for (let i = n - 1; i >= 0; i--) this.bits((value >>> i) & 1, 1);
  }

  literal(value: number): void {
    if (value < 144) this.code(0x30 + value, 8);
    else this.code(0x190 + value - 144, 9);
  }

  alignToByte(): void {
    if (this.count > 0) this.flushByte();
  }

  finish(): Uint8Array {
    this.alignToByte();
    return this.bytes.slice(0, this.length);
  }

  private flushByte(): void {
    this.bytes[this.length++] = this.buffer;
    this.buffer = 0;
    this.count = 0;
  }
}

/**
 * `part` of `zip` with `megabytes` of spaces in an XML comment after its XML declaration: the same
 * content to any XML reader, and a bomb. The new entry states its true CRC and the `declared`
 * size (default: the truth), so a lie about the size is the only lie.
 */
export function paddedPart(zip: Uint8Array, part: string, megabytes: number): RawZipEntry {
  const original = readRawZip(zip).find((entry) => entry.name === part);
  if (!original) throw new Error(`no ${part} in the zip`);
  const xml = new TextDecoder().decode(original.method === 8 ? inflateRawSync(original.data) : original.data);
  const at = xml.startsWith('<?xml') ? xml.indexOf('?>') + 2 : 0;
  return inflatingEntry(part, { head: `${xml.slice(0, at)}<!--`, byte: 0x20, times: megabytes * 1024 * 1024, tail: `-->${xml.slice(at)}` });
}

/** `zip` with `entry` in place of the entry of the same name. */
export function replaceEntry(zip: Uint8Array, entry: RawZipEntry): Uint8Array {
  return writeRawZip(readRawZip(zip).map((existing) => (existing.name === entry.name ? entry : existing)));
}

export function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
