/**
 * What kind of file the bytes are, from their first bytes. A supplier's "CMRT" may be an .xlsx
 * (a zip), a legacy .xls or an encrypted .xlsx (both OLE2 compound files), a PDF print, or
 * anything else; each deserves its own answer.
 */
export type FileKind = 'empty' | 'zip' | 'ole2' | 'pdf' | 'unknown';

const OLE2_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function sniffFileKind(bytes: Uint8Array): FileKind {
  if (bytes.length === 0) return 'empty';
  if (startsWith(bytes, OLE2_SIGNATURE)) return 'ole2';
  // PK\3\4 local file header; PK\5\6 an empty archive; PK\7\8 a spanned one.
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && isZipMarker(bytes[2], bytes[3])) return 'zip';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d] /* %PDF- */)) return 'pdf';
  return 'unknown';
}

/**
 * Excel saves a password-protected .xlsx as an OLE2 compound file whose streams are
 * `EncryptionInfo` and `EncryptedPackage` (MS-OFFCRYPTO). Directory entry names are UTF-16LE,
 * so a byte search for the name is enough; a plain .xls has a `Workbook`/`Book` stream instead.
 */
export function isEncryptedOoxml(bytes: Uint8Array): boolean {
  const haystack = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return haystack.indexOf(utf16le('EncryptionInfo')) >= 0 || haystack.indexOf(utf16le('EncryptedPackage')) >= 0;
}

function utf16le(text: string): Buffer {
  return Buffer.from(text, 'utf16le');
}

function isZipMarker(a: number, b: number): boolean {
  return (a === 3 && b === 4) || (a === 5 && b === 6) || (a === 7 && b === 8);
}

function startsWith(bytes: Uint8Array, signature: number[]): boolean {
  if (bytes.length < signature.length) return false;
  return signature.every((byte, i) => bytes[i] === byte);
}
