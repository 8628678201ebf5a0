import { CsvSyntaxError, parseCsv } from './csv-reader';

const fieldsOf = (text: string, delimiter?: string) => parseCsv(text, delimiter ? { delimiter } : {}).map((record) => record.fields);

describe('parseCsv (RFC 4180)', () => {
  it('reads plain records with CRLF, LF or CR line ends, with or without a final line end', () => {
    expect(fieldsOf('a,b,c\r\n1,2,3\r\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
    expect(fieldsOf('a,b\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(fieldsOf('a,b\r1,2\r')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('keeps empty fields, including trailing ones', () => {
    expect(fieldsOf('a,,c,\n,,\n')).toEqual([
      ['a', '', 'c', ''],
      ['', '', ''],
    ]);
  });

  it('reads quoted fields with delimiters, doubled quotes and line breaks', () => {
    const records = parseCsv('name,comment\r\n"Tin, Inc.","He said ""hi"""\r\n"two\r\nlines","x"\r\nnext,row\r\n');
    expect(records).toEqual([
      { line: 1, fields: ['name', 'comment'] },
      { line: 2, fields: ['Tin, Inc.', 'He said "hi"'] },
      { line: 3, fields: ['two\r\nlines', 'x'] },
      { line: 5, fields: ['next', 'row'] },
    ]);
  });

  it('reads an explicitly quoted empty field as a field', () => {
    expect(fieldsOf('""\n"",""\na,""')).toEqual([[''], ['', ''], ['a', '']]);
  });

  it('drops a UTF-8 byte-order mark and keeps non-ASCII text', () => {
    expect(fieldsOf('\ufeffMetal,Name\nTin,云南锡业股份有限公司\n')).toEqual([
      ['Metal', 'Name'],
      ['Tin', '云南锡业股份有限公司'],
    ]);
  });

  it('skips blank lines but counts them for line numbers', () => {
    expect(parseCsv('a\n\n\r\nb\n')).toEqual([
      { line: 1, fields: ['a'] },
      { line: 4, fields: ['b'] },
    ]);
  });

  it('keeps spaces as they are (they are part of the field)', () => {
    expect(fieldsOf(' a , b ')).toEqual([[' a ', ' b ']]);
  });

  it('detects ";" and tab delimiters from the first line, or takes the one given', () => {
    expect(fieldsOf('Metal;Smelter ID\nTin;CID000001\n')).toEqual([
      ['Metal', 'Smelter ID'],
      ['Tin', 'CID000001'],
    ]);
    expect(fieldsOf('Metal\tSmelter ID\nTin\tCID000001\n')).toEqual([
      ['Metal', 'Smelter ID'],
      ['Tin', 'CID000001'],
    ]);
    expect(fieldsOf('a;b,c', ';')).toEqual([['a', 'b,c']]);
  });

  it('names the line of an unclosed quote, of text after a closing quote and of a stray quote', () => {
    expect(() => parseCsv('a,b\n"open,\nstill open')).toThrow(new CsvSyntaxError(2, 'a quoted field is not closed (missing ")'));
    expect(() => parseCsv('a\n"x"y,z')).toThrow(/^line 2: unexpected "y" after a closing quote/);
    expect(() => parseCsv('a\nb\nab"c')).toThrow(/^line 3: a quote inside an unquoted field/);
    expect(() => parseCsv('"multi\nline"x')).toThrow(/^line 2: unexpected "x"/);
  });

  it('returns nothing for an empty file', () => {
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\ufeff\r\n')).toEqual([]);
  });
});
