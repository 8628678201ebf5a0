import { unzipSync } from 'fflate';
import { DECLARATION_SHEET, PRODUCT_SHEET, SMELTER_SHEET, seededRandom } from '@dd/domain';
import { findWorkbookPart, readWorkbookIndex, relationshipsPartFor } from '../xlsx/workbook-index';
import { cmrtFiles } from './cmrt-files';
import { generatedCmrtResponse } from './generated-cmrt';
import {
  CENTRAL_HEADER_FIELDS,
  END_OF_DIRECTORY_FIELDS,
  LOCAL_HEADER_FIELDS,
  paddedPart,
  readRawZip,
  viewOf,
  writeRawZip,
  zipLayout,
  type RawZipEntry,
  type ZipLayout,
} from './zip-surgery';

/**
 * Damaged and doctored copies of real workbooks, for the archive fuzz specs. Every mutation is
 * drawn from a seeded generator, so a failure names a seed and an index that reproduce it.
 *
 * Each mutation says what must come of it:
 * - 'refused': it changes what a part the reader inflates would yield, or makes the two zip
 *   directories disagree, or lists a part twice, so reading it must be refused;
 * - 'read': it only rearranges a sound archive (entry order, data descriptors, ZIP64), so it must read
 *   exactly as the original;
 * - 'either': anything else (a random bit flip may land in a part the reader never inflates).
 * Whatever reads must read exactly as the original did: every byte the reader uses is covered by a
 * CRC-32 or by a cross-checked header, so a mutation that changes the result has been let through.
 */
export interface FuzzBase {
  name: string;
  bytes: Uint8Array;
  /** Parts the reader inflates (package and workbook relationships, workbook, shared strings, the three sheets). */
  readParts: Set<string>;
}

export const MUTATION_KINDS = [
  'bit-flips',
  'header-bit-flip',
  'truncation',
  'one-header-size',
  'size-lie',
  'compressed-size-lie',
  'one-header-crc',
  'crc-lie',
  'compression-method',
  'rearranged',
  'duplicate-entry',
  'end-record',
  'name-mismatch',
  'bomb',
] as const;
export type MutationKind = (typeof MUTATION_KINDS)[number];

export interface Mutation {
  index: number;
  base: string;
  kind: MutationKind;
  /** What was done, precisely enough to redo it by hand. */
  description: string;
  expected: 'read' | 'refused' | 'either';
  bytes: Uint8Array;
}

/** The real samples when ../shared/cmrt is there, and always a generated response, so the fuzz runs in CI too. */
export function fuzzBases(): { bases: FuzzBase[]; source: string } {
  const generated = { name: 'generated', bytes: generatedCmrtResponse() };
  const files = cmrtFiles();
  const named = files
    ? [{ name: 'JX sample', bytes: files.sample('JX') }, { name: 'Central Glass sample', bytes: files.sample('Central Glass') }, generated]
    : [generated];
  return {
    bases: named.map((base) => ({ ...base, readParts: partsTheReaderInflates(base.bytes) })),
    source: files
      ? `the two real samples in ${files.dir} and a generated workbook`
      : 'a generated workbook only (../shared/cmrt not found)',
  };
}

/**
 * `count` mutations, made one at a time (holding them all would take gigabytes): kinds in turn,
 * bases in turn, everything else from the seed.
 */
export function* mutations(bases: FuzzBase[], seed: number, count: number): Generator<Mutation> {
  const random = seededRandom(seed);
  const prepared = bases.map((base) => new PreparedBase(base));
  for (let index = 0; index < count; index++) {
    const kind = MUTATION_KINDS[index % MUTATION_KINDS.length];
    const base = prepared[Math.floor(index / MUTATION_KINDS.length) % prepared.length];
    const made = base.mutate(kind, new Draw(random));
    yield { index, base: base.name, kind, ...made };
  }
}

const BUDGET = 100 * 1024 * 1024;

class Draw {
  constructor(private readonly random: () => number) {}

  int(below: number): number {
    return Math.floor(this.random() * below);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  u32(): number {
    return Math.floor(this.random() * 0x100000000) >>> 0;
  }

  shuffle<T>(items: T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  }
}

type Made = Pick<Mutation, 'description' | 'expected' | 'bytes'>;

class PreparedBase {
  readonly name: string;
  private readonly bytes: Uint8Array;
  private readonly layout: ZipLayout;
  private readonly raw: RawZipEntry[];
  private readonly readParts: Set<string>;
  private readonly bombs = new Map<string, RawZipEntry>();

  constructor(base: FuzzBase) {
    this.name = base.name;
    this.bytes = base.bytes;
    this.layout = zipLayout(base.bytes);
    this.raw = readRawZip(base.bytes);
    this.readParts = base.readParts;
  }

  mutate(kind: MutationKind, draw: Draw): Made {
    switch (kind) {
      case 'bit-flips': {
        const copy = new Uint8Array(this.bytes);
        const flips = 1 + draw.int(4);
        const at: string[] = [];
        for (let i = 0; i < flips; i++) {
          const pos = draw.int(copy.length);
          const bit = draw.int(8);
          copy[pos] ^= 1 << bit;
          at.push(`${pos}.${bit}`);
        }
        return { description: `flipped bits at ${at.join(', ')}`, expected: 'either', bytes: copy };
      }
      case 'header-bit-flip': {
        const copy = new Uint8Array(this.bytes);
        const view = viewOf(copy);
        const entry = draw.pick(this.layout.entries);
        const where = draw.pick(['local', 'central', 'end'] as const);
        const [start, length] =
          where === 'local'
            ? [entry.localHeader, entry.dataStart - entry.localHeader]
            : where === 'central'
              ? [entry.centralHeader, 46 + view.getUint16(entry.centralHeader + 28, true)]
              : [this.layout.endOfCentralDirectory, 22];
        const pos = start + draw.int(length);
        const bit = draw.int(8);
        copy[pos] ^= 1 << bit;
        return {
          description: `flipped bit ${bit} of byte ${pos - start} of the ${where} header${where === 'end' ? '' : ` of ${entry.name}`}`,
          expected: 'either',
          bytes: copy,
        };
      }
      case 'truncation': {
        const keep = draw.chance(0.5)
          ? this.bytes.length - 1 - draw.int(Math.min(2000, this.bytes.length - 1))
          : 1 + draw.int(this.bytes.length - 1);
        return {
          description: `kept the first ${keep} of ${this.bytes.length} bytes`,
          expected: 'refused',
          bytes: this.bytes.slice(0, keep),
        };
      }
      case 'one-header-size': {
        const entry = this.pickEntry(draw);
        const field = draw.pick(['size', 'compressedSize'] as const);
        const where = draw.pick(['local', 'central'] as const);
        const offset =
          where === 'local' ? entry.localHeader + LOCAL_HEADER_FIELDS[field] : entry.centralHeader + CENTRAL_HEADER_FIELDS[field];
        const copy = new Uint8Array(this.bytes);
        const view = viewOf(copy);
        const old = view.getUint32(offset, true);
        // Never 0 or 0xFFFFFFFF: those mean "in the data descriptor" and "in the ZIP64 field".
        const value = otherValue(old, draw, [old + 1, old - 1, old * 2, old >>> 1, 1, draw.u32()], [0, 0xffffffff]);
        view.setUint32(offset, value, true);
        return { description: `${where} header of ${entry.name}: ${field} ${old} -> ${value}`, expected: 'refused', bytes: copy };
      }
      case 'size-lie': {
        const entry = this.pickReadPart(draw);
        const copy = new Uint8Array(this.bytes);
        const view = viewOf(copy);
        const old = view.getUint32(entry.centralHeader + CENTRAL_HEADER_FIELDS.size, true);
        const value = otherValue(old, draw, [old - 1, old + 1, old >>> 1, old * 2, 65536, 1, 0, 200 * 1024 * 1024, 4_000_000_000], []);
        view.setUint32(entry.centralHeader + CENTRAL_HEADER_FIELDS.size, value, true);
        view.setUint32(entry.localHeader + LOCAL_HEADER_FIELDS.size, value, true);
        return { description: `both headers of ${entry.name}: size ${old} -> ${value}`, expected: 'refused', bytes: copy };
      }
      case 'compressed-size-lie': {
        const entry = this.pickReadPart(draw);
        const copy = new Uint8Array(this.bytes);
        const view = viewOf(copy);
        const old = view.getUint32(entry.centralHeader + CENTRAL_HEADER_FIELDS.compressedSize, true);
        const value = otherValue(old, draw, [old - 1, old + 1, old >>> 1, old - 100, old + 100, 0], []);
        view.setUint32(entry.centralHeader + CENTRAL_HEADER_FIELDS.compressedSize, value, true);
        view.setUint32(entry.localHeader + LOCAL_HEADER_FIELDS.compressedSize, value, true);
        return { description: `both headers of ${entry.name}: compressed size ${old} -> ${value}`, expected: 'refused', bytes: copy };
      }
      case 'one-header-crc': {
        const entry = this.pickEntry(draw);
        const where = draw.pick(['local', 'central'] as const);
        const offset = where === 'local' ? entry.localHeader + LOCAL_HEADER_FIELDS.crc : entry.centralHeader + CENTRAL_HEADER_FIELDS.crc;
        const copy = new Uint8Array(this.bytes);
        const view = viewOf(copy);
        const old = view.getUint32(offset, true);
        const value = otherValue(old, draw, [(old ^ (1 << draw.int(32))) >>> 0, draw.u32()], [0]);
        view.setUint32(offset, value, true);
        return { description: `${where} header of ${entry.name}: CRC ${hex(old)} -> ${hex(value)}`, expected: 'refused', bytes: copy };
      }
      case 'crc-lie': {
        const entry = this.pickReadPart(draw);
        const copy = new Uint8Array(this.bytes);
        const view = viewOf(copy);
        const old = view.getUint32(entry.centralHeader + CENTRAL_HEADER_FIELDS.crc, true);
        const value = otherValue(old, draw, [(old ^ (1 << draw.int(32))) >>> 0, draw.u32(), 0], []);
        view.setUint32(entry.centralHeader + CENTRAL_HEADER_FIELDS.crc, value, true);
        view.setUint32(entry.localHeader + LOCAL_HEADER_FIELDS.crc, value, true);
        return { description: `both headers of ${entry.name}: CRC ${hex(old)} -> ${hex(value)}`, expected: 'refused', bytes: copy };
      }
      case 'compression-method': {
        const entry = this.pickEntry(draw);
        const where = draw.pick(['local', 'central', 'both'] as const);
        const copy = new Uint8Array(this.bytes);
        const view = viewOf(copy);
        const old = view.getUint16(entry.centralHeader + CENTRAL_HEADER_FIELDS.method, true);
        const value = otherValue(old, draw, [0, 1, 6, 8, 9, 12, 14, 93, 95, 98, 99], []);
        if (where !== 'local') view.setUint16(entry.centralHeader + CENTRAL_HEADER_FIELDS.method, value, true);
        if (where !== 'central') view.setUint16(entry.localHeader + LOCAL_HEADER_FIELDS.method, value, true);
        // The same unknown method in both headers of a part never inflated is no lie about what is read.
        const expected = where !== 'both' || this.readParts.has(entry.name) ? 'refused' : 'either';
        return { description: `${where} header(s) of ${entry.name}: method ${old} -> ${value}`, expected, bytes: copy };
      }
      case 'rearranged': {
        const dataDescriptors = draw.chance(0.4);
        const zip64 = draw.chance(0.3);
        const order = draw.shuffle(this.raw);
        return {
          description: `entries rewritten in the order ${order.map((entry) => this.raw.indexOf(entry)).join(',')}${dataDescriptors ? ', with data descriptors' : ''}${zip64 ? ', as ZIP64' : ''}`,
          expected: 'read',
          bytes: writeRawZip(order, { dataDescriptors, zip64 }),
        };
      }
      case 'duplicate-entry': {
        const name = this.pickEntry(draw, 0.8).name;
        const original = this.raw.find((entry) => entry.name === name)!;
        const variant = draw.pick(['same bytes', 'other content', 'other case'] as const);
        const donor = draw.pick(this.raw);
        const copy: RawZipEntry =
          variant === 'same bytes'
            ? original
            : variant === 'other content'
              ? { ...donor, name: original.name }
              : {
                  ...original,
                  name: original.name.toUpperCase() === original.name ? original.name.toLowerCase() : original.name.toUpperCase(),
                };
        const entries = [...this.raw];
        entries.splice(draw.int(entries.length + 1), 0, copy);
        return {
          description: `${original.name} listed twice (${variant}${variant === 'other content' ? `: ${donor.name}` : ''})`,
          expected: 'refused',
          bytes: writeRawZip(entries),
        };
      }
      case 'end-record': {
        const field = draw.pick(Object.keys(END_OF_DIRECTORY_FIELDS) as Array<keyof typeof END_OF_DIRECTORY_FIELDS>);
        const copy = new Uint8Array(this.bytes);
        const view = viewOf(copy);
        const offset = this.layout.endOfCentralDirectory + END_OF_DIRECTORY_FIELDS[field];
        const wide = field === 'directorySize' || field === 'directoryOffset';
        const old = wide ? view.getUint32(offset, true) : view.getUint16(offset, true);
        const max = wide ? 0xffffffff : 0xffff;
        const value = otherValue(
          old,
          draw,
          [old + 1, old - 1, old + 46, old - 46, 0, max].map((candidate) => (wide ? candidate : candidate & max)),
          [],
        );
        if (wide) view.setUint32(offset, value, true);
        else view.setUint16(offset, value, true);
        return { description: `end record: ${field} ${old} -> ${value}`, expected: 'refused', bytes: copy };
      }
      case 'name-mismatch': {
        const entry = this.pickEntry(draw);
        const where = draw.pick(['local', 'central'] as const);
        const copy = new Uint8Array(this.bytes);
        const start = where === 'local' ? entry.localHeader + 30 : entry.centralHeader + 46;
        const pos = start + draw.int(Buffer.byteLength(entry.name));
        const old = copy[pos];
        copy[pos] = old === 0x2f ? 0x5c : /[a-z]/i.test(String.fromCharCode(old)) ? old ^ 0x20 : old === 0x5f ? 0x2d : 0x5f; // "/"->"\", case, or "_" ("-")
        return {
          description: `${where} header of ${entry.name}: name byte ${pos - start} ${hex(old)} -> ${hex(copy[pos])}`,
          expected: 'refused',
          bytes: copy,
        };
      }
      case 'bomb': {
        const part = this.pickReadPart(draw, ['.xml']);
        const megabytes = draw.pick([1, 16, 150]);
        const bomb = this.bomb(part.name, megabytes);
        const lie = draw.pick(['64 KB', 'the size of the original part', 'one byte less than its size', 'the truth'] as const);
        const original = this.raw.find((entry) => entry.name === part.name)!;
        const declared =
          lie === 'the truth'
            ? bomb.size
            : lie === 'one byte less than its size'
              ? bomb.size - 1
              : lie === '64 KB'
                ? 64 * 1024
                : original.size;
        const entries = this.raw.map((entry) => (entry.name === part.name ? { ...bomb, size: declared } : entry));
        // Told truthfully, 16 MB of XML comment inside a part is a large but sound workbook.
        const expected = lie === 'the truth' && bomb.size <= BUDGET - this.otherReadBytes(part.name) ? 'read' : 'refused';
        return {
          description: `${part.name} padded with a ${megabytes} MB XML comment (${bomb.data.length} bytes compressed), declaring ${lie}`,
          expected,
          bytes: writeRawZip(entries),
        };
      }
    }
  }

  /** Any entry, most often one the reader inflates (where a lie would matter). */
  private pickEntry(draw: Draw, readShare = 0.7): ZipLayout['entries'][number] {
    return draw.chance(readShare) ? this.pickReadPart(draw) : draw.pick(this.layout.entries);
  }

  private pickReadPart(draw: Draw, suffixes: string[] = []): ZipLayout['entries'][number] {
    const candidates = this.layout.entries.filter(
      (entry) => this.readParts.has(entry.name) && (!suffixes.length || suffixes.some((s) => entry.name.endsWith(s))),
    );
    if (!candidates.length) throw new Error(`${this.name}: no part the reader inflates is stored under the name the workbook gives it`);
    return draw.pick(candidates);
  }

  private otherReadBytes(except: string): number {
    return this.raw.filter((entry) => entry.name !== except && this.readParts.has(entry.name)).reduce((sum, entry) => sum + entry.size, 0);
  }

  /** The part padded with `megabytes` of spaces; cached, as its CRC takes a pass over all of it. */
  private bomb(name: string, megabytes: number): RawZipEntry {
    const key = `${name}:${megabytes}`;
    let bomb = this.bombs.get(key);
    if (!bomb) {
      bomb = paddedPart(this.bytes, name, megabytes);
      this.bombs.set(key, bomb);
    }
    return bomb;
  }
}

/** A value from `candidates` that differs from `old` and from every `avoid`, drawn at random. */
function otherValue(old: number, draw: Draw, candidates: number[], avoid: number[]): number {
  const usable = candidates.map((value) => value >>> 0).filter((value) => value !== old >>> 0 && !avoid.includes(value));
  return usable.length ? draw.pick(usable) : (old + 1) >>> 0;
}

function hex(value: number): string {
  return `0x${(value >>> 0).toString(16)}`;
}

/** The parts readCmrt inflates for a workbook: found the way the reader finds them. */
export function partsTheReaderInflates(bytes: Uint8Array): Set<string> {
  const { workbookPart, relsPart, index } = workbookIndexOf(bytes);
  const sheets = [DECLARATION_SHEET, SMELTER_SHEET, PRODUCT_SHEET].map((name) => index.sheets.find((sheet) => sheet.name === name)?.part);
  return new Set(
    ['_rels/.rels', workbookPart, relsPart, index.sharedStringsPart, ...sheets].filter((part): part is string => part !== undefined),
  );
}

/** The zip entry holding the named sheet, e.g. "xl/worksheets/sheet4.xml" for a real CMRT's Declaration. */
export function sheetPart(bytes: Uint8Array, sheetName: string): string {
  const part = workbookIndexOf(bytes).index.sheets.find((sheet) => sheet.name === sheetName)?.part;
  if (!part) throw new Error(`no sheet "${sheetName}"`);
  return part;
}

function workbookIndexOf(bytes: Uint8Array) {
  const text = (name: string) => {
    const part = unzipSync(bytes, { filter: (file) => file.name === name })[name];
    return part ? new TextDecoder().decode(part) : undefined;
  };
  const workbookPart = findWorkbookPart(text('_rels/.rels'));
  const relsPart = relationshipsPartFor(workbookPart);
  return { workbookPart, relsPart, index: readWorkbookIndex(workbookPart, text(workbookPart) ?? '', text(relsPart)) };
}
