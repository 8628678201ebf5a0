import { XmlPart, afterEndTag, decodeOoxmlEscapes, decodeXmlText, findTagEnd, indexOfEndTag, isNameEnd, rootPrefix } from './xml-text';

/**
 * The shared-string table (xl/sharedStrings.xml), decoded lazily.
 *
 * A CMRT carries ~16,000 shared strings (mostly the hidden language table `L`), of which a
 * response read needs a few hundred. Construction only records where each `<si>` lies (one
 * indexOf pass over the ~1 MB part); an item is decoded the first time a cell asks for it.
 */
export class SharedStrings {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly cache: (string | undefined)[] = [];
  private readonly prefix: string;

  constructor(private readonly part: XmlPart) {
    const xml = part.text;
    this.prefix = rootPrefix(xml, 'sst');
    const open = `<${this.prefix}si`;
    const close = `</${this.prefix}si`;
    let pos = 0;
    for (;;) {
      const at = xml.indexOf(open, pos);
      if (at < 0) break;
      if (!isNameEnd(xml, at + open.length)) {
        pos = at + open.length;
        continue;
      }
      const tagEnd = findTagEnd(xml, at);
      if (tagEnd < 0) break;
      if (xml.charCodeAt(tagEnd - 1) === 47 /* <si/> */) {
        this.starts.push(tagEnd + 1);
        this.ends.push(tagEnd + 1);
        pos = tagEnd + 1;
        continue;
      }
      const end = indexOfEndTag(xml, close, tagEnd);
      this.starts.push(tagEnd + 1);
      this.ends.push(end < 0 ? xml.length : end);
      pos = end < 0 ? xml.length : afterEndTag(xml, end);
    }
  }

  static empty(): SharedStrings {
    return new SharedStrings(XmlPart.fromString(''));
  }

  get count(): number {
    return this.starts.length;
  }

  /** The text of item `index`, or undefined when the index is outside the table. */
  get(index: number): string | undefined {
    if (!(index >= 0 && index < this.starts.length)) return undefined;
    const cached = this.cache[index];
    if (cached !== undefined) return cached;
    const text = readStringItem(this.part, this.starts[index], this.ends[index], this.prefix);
    this.cache[index] = text;
    return text;
  }
}

/**
 * Text of a string item (`<si>` or an inline `<is>`) lying at [start, end) of the part: a plain
 * `<t>`, or rich-text runs whose `<t>` parts are concatenated. Phonetic runs (`<rPh>`, furigana
 * in Japanese workbooks) are reading aids, not part of the value, and are skipped as Excel does.
 */
export function readStringItem(part: XmlPart, start: number, end: number, prefix: string): string {
  const item = part.text.slice(start, end); // bounded searches; offsets below are relative to start
  const tOpen = `<${prefix}t`;
  const tClose = `</${prefix}t`;
  const phOpen = `<${prefix}rPh`;
  const phClose = `</${prefix}rPh`;
  let out = '';
  let pos = 0;
  let nextPhonetic = item.indexOf(phOpen);
  for (;;) {
    const at = item.indexOf(tOpen, pos);
    if (at < 0) break;
    if (nextPhonetic >= 0 && nextPhonetic < at) {
      const phEnd = indexOfEndTag(item, phClose, nextPhonetic);
      pos = phEnd < 0 ? item.length : afterEndTag(item, phEnd);
      nextPhonetic = item.indexOf(phOpen, pos);
      continue;
    }
    if (!isNameEnd(item, at + tOpen.length)) {
      pos = at + tOpen.length;
      continue;
    }
    const tagEnd = findTagEnd(item, at);
    if (tagEnd < 0) break;
    if (item.charCodeAt(tagEnd - 1) === 47 /* <t/> */) {
      pos = tagEnd + 1;
      continue;
    }
    const close = indexOfEndTag(item, tClose, tagEnd);
    const stop = close < 0 ? item.length : close;
    out += decodeOoxmlEscapes(decodeXmlText(part.slice(start + tagEnd + 1, start + stop)));
    pos = close < 0 ? item.length : afterEndTag(item, close);
  }
  return out;
}
