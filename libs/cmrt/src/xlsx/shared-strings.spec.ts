import { unzipSync } from 'fflate';
import { readSharedStringsWithSaxes } from '../test-support/saxes-sheet-cells';
import { cmrtFiles } from '../test-support/cmrt-files';
import { SharedStrings } from './shared-strings';
import { XmlPart } from './xml-text';

const sst = (items: string, prefix = '') =>
  new SharedStrings(
    XmlPart.fromString(`<?xml version="1.0"?><${prefix}sst xmlns${prefix ? `:${prefix.slice(0, -1)}` : ''}="main">${items}</${prefix}sst>`),
  );

describe('SharedStrings', () => {
  it('reads plain, empty and whitespace-preserving items by index', () => {
    const table = sst('<si><t>Yes</t></si><si><t/></si><si/><si><t xml:space="preserve"> Smelter Street </t></si>');
    expect(table.count).toBe(4);
    expect([0, 1, 2, 3].map((i) => table.get(i))).toEqual(['Yes', '', '', ' Smelter Street ']);
    expect(table.get(4)).toBeUndefined();
    expect(table.get(-1)).toBeUndefined();
  });

  it('concatenates rich-text runs and skips phonetic runs', () => {
    const table = sst(
      '<si><r><rPr><b/><sz val="11"/></rPr><t>JX </t></r><r><t xml:space="preserve">Advanced &amp; </t></r><r><t>Metals</t></r></si>' +
        '<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>',
    );
    expect(table.get(0)).toBe('JX Advanced & Metals');
    expect(table.get(1)).toBe('東京');
  });

  it('decodes references, line ends and _xHHHH_ escapes', () => {
    const table = sst('<si><t>Revision 6.4\r\nApril 26, 2024</t></si><si><t>a&#10;b_x000D_</t></si>');
    expect(table.get(0)).toBe('Revision 6.4\nApril 26, 2024');
    expect(table.get(1)).toBe('a\nb\r');
  });

  it('handles a namespace prefix', () => {
    const table = sst('<x:si><x:t>prefixed</x:t></x:si>', 'x:');
    expect(table.get(0)).toBe('prefixed');
  });
});

const files = cmrtFiles();
(files ? describe : describe.skip)('SharedStrings against saxes on real tables', () => {
  it.each(['JX', '6.5', '6.01'])('gives every item of %s exactly as saxes does', (name) => {
    const bytes = name === 'JX' ? files!.sample('JX') : files!.template(name);
    const xml = unzipSync(bytes, { filter: (file) => file.name === 'xl/sharedStrings.xml' })['xl/sharedStrings.xml'];
    const expected = readSharedStringsWithSaxes(new TextDecoder().decode(xml));
    const table = new SharedStrings(XmlPart.fromBytes(xml));
    expect(table.count).toBe(expected.length);
    expect(expected.length).toBeGreaterThan(10_000);
    for (let i = 0; i < expected.length; i++) if (table.get(i) !== expected[i]) expect([i, table.get(i)]).toEqual([i, expected[i]]);
  });
});
