import { XmlPart, decodeOoxmlEscapes, decodeXmlText, findTagEnd, parseAttributes, rootPrefix } from './xml-text';

describe('decodeXmlText', () => {
  it('expands the five named entities', () => {
    expect(decodeXmlText('R&amp;D &lt;b&gt; &quot;x&quot; &apos;y&apos;')).toBe(`R&D <b> "x" 'y'`);
  });

  it('expands decimal and hex character references, astral planes included', () => {
    expect(decodeXmlText('a&#10;b&#x9;c&#xE9;&#233;&#x1F600;')).toBe('a\nb\tcéé😀');
  });

  it('leaves unknown or malformed references alone', () => {
    expect(decodeXmlText('&nbsp; & &#xZZ; &#1114112;')).toBe('&nbsp; & &#xZZ; &#1114112;');
  });

  it('normalises line ends as an XML parser does, but keeps a referenced carriage return', () => {
    expect(decodeXmlText('Revision 6.4\r\nApril 26\rx')).toBe('Revision 6.4\nApril 26\nx');
    expect(decodeXmlText('a&#13;&#10;b')).toBe('a\r\nb');
  });

  it('keeps whitespace (xml:space is the reader’s business)', () => {
    expect(decodeXmlText('  two  spaces\t')).toBe('  two  spaces\t');
  });

  it('takes CDATA literally', () => {
    expect(decodeXmlText('a &amp; <![CDATA[<b> &amp; ]]> c')).toBe('a & <b> &amp;  c');
  });
});

describe('decodeOoxmlEscapes', () => {
  it('undoes _xHHHH_ (Excel writes CR as _x000D_) and the escaped underscore', () => {
    expect(decodeOoxmlEscapes('line_x000D_\nnext _x005F_x000D_ _xZZZZ_')).toBe('line\r\nnext _x000D_ _xZZZZ_');
  });
});

describe('attributes and tags', () => {
  it('parses single- and double-quoted attributes with entities, keeping prefixes', () => {
    expect(parseAttributes(`<sheet name="R&amp;D 'x'" sheetId='2' r:id="rId4"/>`)).toEqual({
      name: "R&D 'x'",
      sheetId: '2',
      'r:id': 'rId4',
    });
  });

  it('finds the end of a start tag even when an attribute value holds ">"', () => {
    const xml = '<c r="A1" x="a>b"><v>1</v></c>';
    expect(findTagEnd(xml, 0)).toBe(xml.indexOf('><v>'));
  });

  it('reads the namespace prefix of the document element', () => {
    expect(rootPrefix('<?xml version="1.0"?><x:worksheet xmlns:x="...">', 'worksheet')).toBe('x:');
    expect(rootPrefix('<worksheet xmlns="...">', 'worksheet')).toBe('');
  });
});

describe('XmlPart', () => {
  it('scans a one-byte view whose offsets are byte offsets, and decodes slices as UTF-8', () => {
    const part = XmlPart.fromString('<t>Baden-Württemberg 中文 😀</t><t>ascii</t>');
    const start = part.text.indexOf('>') + 1;
    const end = part.text.indexOf('</t>');
    expect(part.slice(start, end)).toBe('Baden-Württemberg 中文 😀');
    expect(part.text.length).toBe(Buffer.byteLength('<t>Baden-Württemberg 中文 😀</t><t>ascii</t>'));
    const second = part.text.lastIndexOf('<t>') + 3;
    expect(part.slice(second, second + 5)).toBe('ascii');
  });

  it('transcodes UTF-16 parts', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<t>中文</t>', 'utf16le')]);
    const part = XmlPart.fromBytes(new Uint8Array(utf16));
    expect(part.slice(3, part.text.indexOf('</t>'))).toBe('中文');
  });
});
