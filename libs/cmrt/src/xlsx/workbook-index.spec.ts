import { findWorkbookPart, readWorkbookIndex, relationshipsPartFor, resolvePartTarget } from './workbook-index';

describe('workbook index', () => {
  it('maps sheet names to parts through the relationships, whatever their order', () => {
    const workbook =
      '<workbook xmlns="main" xmlns:r="rel"><workbookPr date1904="1"/><sheets>' +
      '<sheet name="Smelter List" sheetId="5" r:id="rId2"/><sheet name="R&amp;D" sheetId="9" state="hidden" r:id="rId7"/>' +
      '<sheet name="Declaration" sheetId="4" r:id="rId9"/><sheet name="Orphan" sheetId="1" r:id="rId99"/></sheets></workbook>';
    const rels =
      '<Relationships xmlns="pkg"><Relationship Id="rId9" Type="http://x/worksheet" Target="worksheets/sheet1.xml"/>' +
      '<Relationship Id="rId2" Type="http://x/worksheet" Target="/xl/worksheets/sheet7.xml"/>' +
      "<Relationship Id='rId7' Type='http://x/worksheet' Target='../other/sheet.xml'/>" +
      '<Relationship Id="rId3" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/sharedStrings" Target="sharedStrings.xml"/>' +
      '<Relationship Id="rId4" Type="http://x/hyperlink" Target="https://example.com" TargetMode="External"/></Relationships>';
    expect(readWorkbookIndex('xl/workbook.xml', workbook, rels)).toEqual({
      sheets: [
        { name: 'Smelter List', part: 'xl/worksheets/sheet7.xml' },
        { name: 'R&D', part: 'other/sheet.xml', state: 'hidden' },
        { name: 'Declaration', part: 'xl/worksheets/sheet1.xml' },
        { name: 'Orphan' },
      ],
      date1904: true,
      sharedStringsPart: 'xl/sharedStrings.xml',
    });
  });

  it('reads prefixed workbooks and any prefix for the relationship id', () => {
    const workbook =
      '<x:workbook xmlns:x="main" xmlns:rel="r"><x:sheets><x:sheet name="Declaration" sheetId="1" rel:id="rId1"/></x:sheets></x:workbook>';
    const rels = '<Relationships><Relationship Id="rId1" Type="t/worksheet" Target="worksheets/a.xml"/></Relationships>';
    expect(readWorkbookIndex('xl/workbook.xml', workbook, rels).sheets).toEqual([{ name: 'Declaration', part: 'xl/worksheets/a.xml' }]);
  });

  it('finds the workbook part from the package relationships', () => {
    expect(findWorkbookPart(undefined)).toBe('xl/workbook.xml');
    expect(
      findWorkbookPart('<Relationships><Relationship Id="rId1" Type="http://x/officeDocument" Target="/book/main.xml"/></Relationships>'),
    ).toBe('book/main.xml');
  });

  it('resolves relationship parts and targets', () => {
    expect(relationshipsPartFor('xl/workbook.xml')).toBe('xl/_rels/workbook.xml.rels');
    expect(relationshipsPartFor('workbook.xml')).toBe('_rels/workbook.xml.rels');
    expect(resolvePartTarget('xl/workbook.xml', './worksheets\\sheet1.xml')).toBe('xl/worksheets/sheet1.xml');
    expect(resolvePartTarget('', 'xl/workbook.xml')).toBe('xl/workbook.xml');
  });
});
