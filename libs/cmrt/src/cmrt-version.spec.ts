import { familyFromSheets, familyFromTitle } from './cmrt-template';
import { canonicalVersion, cmrtLayoutFor, versionFromRevisionCell, versionFromRevisionText } from './cmrt-version';

describe('versionFromRevisionText (Declaration!J3, Smelter List!Q3)', () => {
  it.each([
    ['Revision 6.4\nApril 26, 2024', '6.4'],
    ['Revision 6.01\r\nMay 19, 2020', '6.01'],
    ['Revision 6.22\nMay 11, 2022', '6.22'],
    ['Revision 2.1\nOctober 17, 2025', '2.1'],
    ['Rev. 5.12', '5.12'],
    ['Version 6.5', '6.5'],
    ['6.31', '6.31'],
    ['6.31\nMay 26, 2023', '6.31'],
  ])('%j -> %s', (text, version) => {
    expect(versionFromRevisionText(text)).toBe(version);
  });

  it('reads a number and ignores what holds no version', () => {
    expect(versionFromRevisionText(6.4)).toBe('6.4');
    expect(versionFromRevisionText('May 26, 2023')).toBeUndefined();
    expect(versionFromRevisionText(undefined)).toBeUndefined();
    expect(versionFromRevisionText(true)).toBeUndefined();
  });
});

describe('versionFromRevisionCell (Revision sheet, column B)', () => {
  it('rounds the floating-point noise Excel stores for typed numbers', () => {
    expect(versionFromRevisionCell(2.0099999999999998)).toBe('2.01');
    expect(versionFromRevisionCell(6)).toBe('6');
    expect(versionFromRevisionCell(6.22)).toBe('6.22');
    expect(versionFromRevisionCell('2.03a')).toBe('2.03a');
    expect(versionFromRevisionCell('REVISION')).toBeUndefined();
    expect(versionFromRevisionCell('© 2025 Responsible Minerals Initiative')).toBeUndefined();
  });
});

describe('supported versions', () => {
  it.each(['6', '6.0', '6.01', '6.1', '6.2', '6.21', '6.22', '6.3', '6.31', '6.4', '6.40', '6.5'])('%s has the 6.x layout', (version) => {
    expect(cmrtLayoutFor(version)).toBe('cmrt-6');
  });

  it.each(['5.1', '5.11', '5.12'])('%s has the 5.1x layout', (version) => {
    expect(cmrtLayoutFor(version)).toBe('cmrt-5.1');
  });

  it.each(['5.01', '4.2', '3.02', '2.03a', '6.6', '7.0', '2.1'])('%s is not supported', (version) => {
    expect(cmrtLayoutFor(version)).toBeUndefined();
  });

  it('canonicalises trailing zeros only', () => {
    expect([canonicalVersion('6.0'), canonicalVersion('6.40'), canonicalVersion('6.01'), canonicalVersion('10')]).toEqual(['6', '6.4', '6.01', '10']);
  });
});

describe('template family', () => {
  it.each([
    ['Conflict Minerals Reporting Template (CMRT)', 'CMRT'],
    ['扩展矿物报告模版 (EMRT)', 'EMRT'],
    ['Extended Minerals Reporting Template', 'EMRT'],
    ['Extended Mineral Reporting Template', 'EMRT'],
    ['Cobalt Reporting Template (CRT)', 'CRT'],
    ['Additional Minerals Reporting Template', 'AMRT'],
    ['Pilot Reporting Template (PRT)', 'PRT'],
    ['Conflict Minerals Reporting Template', 'CMRT'],
  ])('title %s -> %s', (title, family) => {
    expect(familyFromTitle(title)).toBe(family);
  });

  it('from the sheet set', () => {
    const cmrt = ['Revision', 'Instructions', 'Definitions', 'Declaration', 'Smelter List', 'Checker', 'Product List', 'Smelter Look-up', 'L', 'C', 'SorP'];
    expect(familyFromSheets(cmrt)).toBeUndefined();
    expect(familyFromSheets([...cmrt, 'Mine List'])).toBe('EMRT');
    expect(familyFromSheets([...cmrt, 'Mine List', 'Minerals Scope'])).toBe('AMRT');
    expect(familyFromTitle(undefined)).toBeUndefined();
  });
});
