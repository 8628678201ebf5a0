import { strToU8, zipSync, type Zippable } from 'fflate';

/**
 * Hand-built .xlsx packages for specs that need exact control of the XML (edge cases of the
 * scanner, damaged or hostile zips). Each sheet is given as the inside of <sheetData>.
 */
export interface MinimalSheet {
  name: string;
  sheetData: string;
}

export interface MinimalXlsx {
  sheets: MinimalSheet[];
  /** <si> items (inner XML of <sst>), if any. */
  sharedStrings?: string;
  /** Extra attributes for <workbookPr>, e.g. 'date1904="1"'. */
  workbookPr?: string;
  /** Namespace prefix for SpreadsheetML elements, e.g. "x" (as the .NET Open XML SDK writes). */
  prefix?: string;
  /** More zip entries (name -> content). */
  extraEntries?: Record<string, string | Uint8Array>;
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export function minimalXlsx(spec: MinimalXlsx): Uint8Array {
  return zipSync(minimalXlsxEntries(spec));
}

export function minimalXlsxEntries(spec: MinimalXlsx): Zippable {
  const p = spec.prefix ? `${spec.prefix}:` : '';
  const ns = spec.prefix ? `xmlns:${spec.prefix}="${MAIN_NS}"` : `xmlns="${MAIN_NS}"`;
  const entries: Zippable = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    ),
    '_rels/.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><${p}workbook ${ns} xmlns:r="${REL_NS}">` +
        (spec.workbookPr ? `<${p}workbookPr ${spec.workbookPr}/>` : '') +
        `<${p}sheets>${spec.sheets.map((sheet, i) => `<${p}sheet name="${escapeAttribute(sheet.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</${p}sheets></${p}workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        spec.sheets
          .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
          .join('') +
        (spec.sharedStrings !== undefined ? `<Relationship Id="rIdSst" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>` : '') +
        `</Relationships>`,
    ),
  };
  spec.sheets.forEach((sheet, i) => {
    entries[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><${p}worksheet ${ns}><${p}sheetData>${sheet.sheetData}</${p}sheetData></${p}worksheet>`,
    );
  });
  if (spec.sharedStrings !== undefined) {
    entries['xl/sharedStrings.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8"?><${p}sst ${ns}>${spec.sharedStrings}</${p}sst>`);
  }
  for (const [name, content] of Object.entries(spec.extraEntries ?? {})) {
    entries[name] = typeof content === 'string' ? strToU8(content) : content;
  }
  return entries;
}

/** A Declaration sheet's cells for a minimal CMRT 6.4 (title + revision), as sheetData XML. */
export function cmrtDeclarationRows(extraRows = '', version = '6.4'): string {
  return (
    `<row r="2"><c r="D2" t="str"><f>OFFSET(L!$C$1,1,SL)</f><v>Conflict Minerals Reporting Template (CMRT)</v></c></row>` +
    `<row r="3"><c r="D3" t="inlineStr"><is><t>English</t></is></c><c r="J3" t="inlineStr"><is><t>Revision ${version}&#10;April 26, 2024</t></is></c></row>` +
    extraRows
  );
}

/**
 * Rewrite the uncompressed size declared for `entryName` (what a zip bomb lies about or boasts
 * with): in both its headers by default, as a consistent lie; in one only for headers that
 * disagree. Returns a patched copy.
 */
export function patchDeclaredSize(
  zip: Uint8Array,
  entryName: string,
  size: number,
  where: 'both' | 'central' | 'local' = 'both',
): Uint8Array {
  const bytes = new Uint8Array(zip);
  const view = new DataView(bytes.buffer);
  let pos = centralDirectoryOffset(view);
  while (view.getUint32(pos, true) === 0x02014b50) {
    const nameLength = view.getUint16(pos + 28, true);
    const extra = view.getUint16(pos + 30, true);
    const comment = view.getUint16(pos + 32, true);
    const name = new TextDecoder().decode(bytes.subarray(pos + 46, pos + 46 + nameLength));
    if (name === entryName) {
      if (where !== 'local') view.setUint32(pos + 24, size, true);
      if (where !== 'central') view.setUint32(view.getUint32(pos + 42, true) + 22, size, true);
    }
    pos += 46 + nameLength + extra + comment;
  }
  return bytes;
}

/** Set the compression method of `entryName` in both its headers (e.g. 99 = AES, unsupported). */
export function patchCompressionMethod(zip: Uint8Array, entryName: string, method: number): Uint8Array {
  const bytes = new Uint8Array(zip);
  const view = new DataView(bytes.buffer);
  let pos = centralDirectoryOffset(view);
  while (view.getUint32(pos, true) === 0x02014b50) {
    const nameLength = view.getUint16(pos + 28, true);
    const extra = view.getUint16(pos + 30, true);
    const comment = view.getUint16(pos + 32, true);
    const name = new TextDecoder().decode(bytes.subarray(pos + 46, pos + 46 + nameLength));
    if (name === entryName) {
      view.setUint16(pos + 10, method, true);
      view.setUint16(view.getUint32(pos + 42, true) + 8, method, true);
    }
    pos += 46 + nameLength + extra + comment;
  }
  return bytes;
}

function centralDirectoryOffset(view: DataView): number {
  for (let pos = view.byteLength - 22; pos >= 0; pos--) {
    if (view.getUint32(pos, true) === 0x06054b50) return view.getUint32(pos + 16, true);
  }
  throw new Error('no end of central directory');
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
