/**
 * Text decoding for the hand-rolled OOXML scanners (sheet-cells.ts, shared-strings.ts,
 * workbook-index.ts). They slice raw XML and must then do what a conforming XML parser
 * would do to character data: normalise line ends and expand entity and character references.
 * On top of XML, SpreadsheetML escapes characters that XML cannot carry as `_xHHHH_`
 * (Excel writes a carriage return as `_x000D_`), which we undo as Excel does.
 */

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

const CDATA_OPEN = '<![CDATA[';
const CDATA_CLOSE = ']]>';

/**
 * Character data between tags -> string. Whitespace is kept as is (xml:space="preserve" or
 * not): trimming is the reader's decision, not the XML layer's.
 */
export function decodeXmlText(raw: string): string {
  if (raw.indexOf(CDATA_OPEN) >= 0) return decodeWithCdata(raw);
  return decodeReferences(normaliseLineEnds(raw));
}

/** Attribute value -> string (same references; line ends already normalised by XML rules). */
function decodeXmlAttribute(raw: string): string {
  return decodeReferences(normaliseLineEnds(raw));
}

/** Undo SpreadsheetML's `_xHHHH_` escapes (ST_Xstring): `_x000D_` -> "\r", `_x005F_` -> "_". */
export function decodeOoxmlEscapes(text: string): string {
  if (text.indexOf('_x') < 0) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** XML 1.0 §2.11: a parser hands "\r\n" and a lone "\r" to the application as "\n". */
function normaliseLineEnds(raw: string): string {
  if (raw.indexOf('\r') < 0) return raw;
  return raw.replace(/\r\n?/g, '\n');
}

function decodeReferences(text: string): string {
  if (text.indexOf('&') < 0) return text;
  return text.replace(/&(#[xX][0-9A-Fa-f]+|#[0-9]+|[A-Za-z]+);/g, (match, body: string) => {
    if (body.charCodeAt(0) === 35 /* # */) {
      const hex = body.charCodeAt(1) === 120 || body.charCodeAt(1) === 88;
      const codePoint = parseInt(hex ? body.slice(2) : body.slice(1), hex ? 16 : 10);
      return Number.isFinite(codePoint) && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : match;
    }
    return NAMED_ENTITIES[body] ?? match;
  });
}

/** CDATA content is literal; only the text around it is decoded. Rare in OOXML but legal. */
function decodeWithCdata(raw: string): string {
  let out = '';
  let pos = 0;
  while (pos < raw.length) {
    const open = raw.indexOf(CDATA_OPEN, pos);
    if (open < 0) {
      out += decodeReferences(normaliseLineEnds(raw.slice(pos)));
      break;
    }
    out += decodeReferences(normaliseLineEnds(raw.slice(pos, open)));
    const close = raw.indexOf(CDATA_CLOSE, open + CDATA_OPEN.length);
    const end = close < 0 ? raw.length : close;
    out += normaliseLineEnds(raw.slice(open + CDATA_OPEN.length, end));
    pos = close < 0 ? raw.length : close + CDATA_CLOSE.length;
  }
  return out;
}

/** Index of the `>` that closes the start tag beginning at `start` (quote-aware), or -1. */
export function findTagEnd(xml: string, start: number): number {
  let quote = 0;
  for (let i = start; i < xml.length; i++) {
    const ch = xml.charCodeAt(i);
    if (quote !== 0) {
      if (ch === quote) quote = 0;
    } else if (ch === 34 /* " */ || ch === 39 /* ' */) {
      quote = ch;
    } else if (ch === 62 /* > */) {
      return i;
    }
  }
  return -1;
}

/**
 * Attributes of one start tag (`<name a="1" b='2'/>` or its inside), names as written
 * (with their namespace prefix), values decoded.
 */
export function parseAttributes(tag: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  const pattern = /([^\s=<>/"']+)\s*=\s*("([^"]*)"|'([^']*)')/g;
  for (let match = pattern.exec(tag); match !== null; match = pattern.exec(tag)) {
    attributes[match[1]] = decodeXmlAttribute(match[3] ?? match[4] ?? '');
  }
  return attributes;
}

/**
 * The namespace prefix (with its colon, or '') used for the document element `localName`.
 * Excel writes the SpreadsheetML namespace as the default; some generators (the .NET Open XML
 * SDK among them) write `<x:worksheet>` and prefix every element, so scanners search for
 * `<${prefix}c` rather than a fixed `<c`.
 */
export function rootPrefix(xml: string, localName: string): string {
  const match = new RegExp(`<([A-Za-z_][\\w.-]*:)?${localName}[\\s>/]`).exec(xml);
  return match?.[1] ?? '';
}

/**
 * Index of the end tag `</name>` (also `</name >`, which XML allows) at or after `from`, or -1.
 * `close` is the end tag's opening, "</" + qualified name.
 */
export function indexOfEndTag(xml: string, close: string, from: number): number {
  let pos = from;
  for (;;) {
    const at = xml.indexOf(close, pos);
    if (at < 0) return -1;
    if (isNameEnd(xml, at + close.length)) return at;
    pos = at + close.length;
  }
}

/** Index just after the end tag found at `at` (the `>`), or the text length when truncated. */
export function afterEndTag(xml: string, at: number): number {
  const gt = xml.indexOf('>', at);
  return gt < 0 ? xml.length : gt + 1;
}

/** True when `xml[at]` ends a tag name (so `<c` is not mistaken for `<col`). */
export function isNameEnd(xml: string, at: number): boolean {
  const ch = xml.charCodeAt(at);
  return ch === 32 || ch === 62 || ch === 47 || ch === 9 || ch === 10 || ch === 13;
}

/**
 * An XML part kept as a one-byte ("latin1") string over its UTF-8 bytes.
 *
 * Why: decoding a 5 MB worksheet as UTF-8 costs ~25 ms and yields a two-byte string as soon as
 * one non-ASCII character occurs; the latin1 view costs ~7 ms, stays one byte per character (so
 * V8's indexOf runs on the narrow, faster path) and makes string offsets equal byte offsets.
 * All markup (tag and attribute names, numbers, references) is ASCII, so scanning the view is
 * scanning the XML; only the character data a reader keeps is decoded as UTF-8, from the bytes.
 */
export class XmlPart {
  readonly text: string;

  private constructor(private readonly bytes: Uint8Array) {
    this.text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  }

  /** UTF-8 (what Excel and exceljs write); a UTF-16 part (legal XML, rare) is transcoded first. */
  static fromBytes(bytes: Uint8Array): XmlPart {
    const utf16 = bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
    if (!utf16) return new XmlPart(bytes);
    const text = new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes);
    return new XmlPart(new Uint8Array(Buffer.from(text, 'utf8')));
  }

  static fromString(xml: string): XmlPart {
    return new XmlPart(new Uint8Array(Buffer.from(xml, 'utf8')));
  }

  /** The UTF-8 text of bytes [start, end), undecoded as XML. */
  slice(start: number, end: number): string {
    const raw = this.text.slice(start, end);
    return NON_ASCII.test(raw) ? utf8.decode(this.bytes.subarray(start, end)) : raw;
  }
}

const NON_ASCII = /[\x80-\xff]/;

/** Decode a small XML part (workbook.xml, relationships) to a string. */
export function decodeXmlBytes(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return utf8.decode(bytes);
}

const utf8 = new TextDecoder('utf-8');
