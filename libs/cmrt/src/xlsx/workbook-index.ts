import { parseAttributes } from './xml-text';

/**
 * The workbook's table of contents: sheet names -> worksheet parts, via xl/workbook.xml and its
 * relationships. Sheets are found by name, never by position: the order differs between
 * template families and versions (EMRT inserts `Mine List`), and exceljs renumbers the parts
 * when it rewrites a workbook.
 */
export interface WorkbookSheet {
  name: string;
  /** Zip part of the worksheet, e.g. "xl/worksheets/sheet4.xml"; absent when unresolvable. */
  part?: string;
  /** "hidden" / "veryHidden" for hidden sheets. */
  state?: string;
}

export interface WorkbookIndex {
  sheets: WorkbookSheet[];
  /** Serial dates count from 1904-01-01 (workbooks made on old Macs) instead of 1899-12-30. */
  date1904: boolean;
  sharedStringsPart?: string;
}

export const DEFAULT_WORKBOOK_PART = 'xl/workbook.xml';

/** The main workbook part named by the package relationships (_rels/.rels). */
export function findWorkbookPart(packageRelsXml: string | undefined): string {
  if (!packageRelsXml) return DEFAULT_WORKBOOK_PART;
  const main = readRelationships(packageRelsXml).find((rel) => rel.type.endsWith('/officeDocument'));
  return main ? resolvePartTarget('', main.target) : DEFAULT_WORKBOOK_PART;
}

/** "xl/workbook.xml" -> "xl/_rels/workbook.xml.rels". */
export function relationshipsPartFor(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

export function readWorkbookIndex(workbookPart: string, workbookXml: string, workbookRelsXml: string | undefined): WorkbookIndex {
  const relationships = workbookRelsXml ? readRelationships(workbookRelsXml) : [];
  const targetById = new Map(relationships.map((rel) => [rel.id, rel.target]));
  const sheets: WorkbookSheet[] = [];
  for (const match of workbookXml.matchAll(/<(?:[A-Za-z_][\w.-]*:)?sheet\s[^>]*>/g)) {
    const attributes = parseAttributes(match[0]);
    const name = attributes.name;
    if (name === undefined) continue;
    // The relationship id is the namespaced `id` attribute (`r:id` as Excel writes it).
    const idKey = Object.keys(attributes).find((key) => key.endsWith(':id'));
    const target = idKey ? targetById.get(attributes[idKey]) : undefined;
    sheets.push({
      name,
      ...(target !== undefined ? { part: resolvePartTarget(workbookPart, target) } : {}),
      ...(attributes.state ? { state: attributes.state } : {}),
    });
  }
  const workbookPr = /<(?:[A-Za-z_][\w.-]*:)?workbookPr\s[^>]*>/.exec(workbookXml);
  const date1904Value = workbookPr ? parseAttributes(workbookPr[0]).date1904 : undefined;
  const sharedStrings = relationships.find((rel) => rel.type.endsWith('/sharedStrings'));
  return {
    sheets,
    date1904: date1904Value === '1' || date1904Value === 'true',
    ...(sharedStrings ? { sharedStringsPart: resolvePartTarget(workbookPart, sharedStrings.target) } : {}),
  };
}

interface Relationship {
  id: string;
  type: string;
  target: string;
}

function readRelationships(xml: string): Relationship[] {
  const relationships: Relationship[] = [];
  for (const match of xml.matchAll(/<(?:[A-Za-z_][\w.-]*:)?Relationship\s[^>]*>/g)) {
    const attributes = parseAttributes(match[0]);
    if (attributes.TargetMode === 'External' || !attributes.Target) continue;
    relationships.push({ id: attributes.Id ?? '', type: attributes.Type ?? '', target: attributes.Target });
  }
  return relationships;
}

/** Resolve a relationship target against the part that holds the relationship. */
export function resolvePartTarget(sourcePart: string, target: string): string {
  const path = target.replace(/\\/g, '/');
  const base = path.startsWith('/') ? [] : sourcePart.split('/').slice(0, -1);
  const segments = [...base];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return segments.join('/');
}
