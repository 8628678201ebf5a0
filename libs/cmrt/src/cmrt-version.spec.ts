import { familyFromSheets, familyFromTitle } from './cmrt-template';
import {
  canonicalVersion,
  cmrtLayoutFor,
  compareVersions,
  readVersionCell,
  resolveRelease,
  supportedRangeText,
  versionFromRevisionCell,
  versionFromRevisionText,
} from './cmrt-version';
import { TEMPLATE_RELEASES } from './template-releases';

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
    ['Revision 6.6.1\nApril 17, 2026', '6.6.1'],
    ['Revision 6.6\nApril 17, 2026', '6.6'],
    ['Version 2.0\nApril 25, 2025', '2.0'],
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

describe('readVersionCell: a revision cell read with certainty, or said to be unreadable', () => {
  it('tells a blank cell from text without a version', () => {
    expect(readVersionCell(undefined)).toEqual({ kind: 'blank' });
    expect(readVersionCell('  ')).toEqual({ kind: 'blank' });
    expect(readVersionCell('Revision 6.6.1\nApril 17, 2026')).toEqual({ kind: 'version', version: '6.6.1' });
    expect(readVersionCell(6.5)).toEqual({ kind: 'version', version: '6.5' });
  });

  it.each(['Revision 6.6-beta\nApril 17, 2026', 'Revision six', 'April 26, 2024', 'Revision 6..6', 'Revision'])(
    '%j is unreadable, not a guess',
    (text) => {
      expect(readVersionCell(text)).toEqual({ kind: 'unreadable', text: text.trim() });
    },
  );
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
  it.each(['6', '6.0', '6.01', '6.1', '6.2', '6.21', '6.22', '6.3', '6.31', '6.4', '6.40', '6.5', '6.6', '6.6.1', '6.60'])(
    '%s has the 6.x layout',
    (version) => {
      expect(cmrtLayoutFor(version)).toBe('cmrt-6');
    },
  );

  it.each(['5.1', '5.11', '5.12'])('%s has the 5.1x layout', (version) => {
    expect(cmrtLayoutFor(version)).toBe('cmrt-5.1');
  });

  it.each(['5.01', '4.2', '3.02', '2.03a', '6.7', '7.0', '2.1'])('%s is not a listed CMRT release', (version) => {
    expect(cmrtLayoutFor(version)).toBeUndefined();
  });

  it('canonicalises trailing zeros only', () => {
    expect([canonicalVersion('6.0'), canonicalVersion('6.40'), canonicalVersion('6.01'), canonicalVersion('10')]).toEqual([
      '6',
      '6.4',
      '6.01',
      '10',
    ]);
    expect([canonicalVersion('6.6.1'), canonicalVersion('6.6.0'), canonicalVersion('2.0')]).toEqual(['6.6.1', '6.6', '2']);
  });

  it('orders revisions as RMI numbers them (the minor part is a decimal fraction)', () => {
    const shuffled = ['6.6.1', '6.1', '6.01', '6.31', '5.12', '6.7', '6.22', '6', '6.6', '6.3', '6.5'];
    expect([...shuffled].sort(compareVersions)).toEqual(['5.12', '6', '6.01', '6.1', '6.22', '6.3', '6.31', '6.5', '6.6', '6.6.1', '6.7']);
  });
});

describe('the release table (template-releases.ts) and versions it does not list', () => {
  it('lists each family and version once, in canonical spelling', () => {
    const keys = TEMPLATE_RELEASES.map((release) => `${release.family} ${release.version}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const release of TEMPLATE_RELEASES) expect(canonicalVersion(release.version)).toBe(release.version);
  });

  it('CMRT 6.6 and 6.6.1 share the 6.x Declaration and the Product List with requester columns', () => {
    for (const version of ['6.6', '6.6.1']) {
      expect(resolveRelease('CMRT', version)).toEqual({
        status: 'listed',
        release: expect.objectContaining({ declaration: 'cmrt-6', productList: 'responder-requester' }),
      });
    }
    expect(resolveRelease('CMRT', '6.5')).toEqual({ status: 'listed', release: expect.objectContaining({ productList: 'responder' }) });
  });

  it.each([
    ['CMRT', '6.7', '6.6.1'],
    ['CMRT', '6.23', '6.22'],
    ['EMRT', '2.12', '2.11'],
    ['AMRT', '1.31', '1.3'],
  ] as const)('%s %s is read with the layout of %s', (family, version, layoutVersion) => {
    expect(resolveRelease(family, version)).toMatchObject({ status: 'unlisted', release: { version: layoutVersion } });
  });

  it.each([
    ['CMRT', '7.0'],
    ['CMRT', '5.01'],
    ['EMRT', '1.2'],
    ['EMRT', '3.0'],
    ['AMRT', '1.2'],
    ['AMRT', '2.21'],
  ] as const)('%s %s is outside the known releases', (family, version) => {
    expect(resolveRelease(family, version)).toEqual({ status: 'unsupported' });
  });

  it('names the readable ranges in rejections', () => {
    expect(supportedRangeText('CMRT')).toBe('5.1 to 5.12 and 6.0 to 6.6.1');
    expect(supportedRangeText('EMRT')).toBe('2.0 to 2.11');
    expect(supportedRangeText('AMRT')).toBe('1.3');
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
    const cmrt = [
      'Revision',
      'Instructions',
      'Definitions',
      'Declaration',
      'Smelter List',
      'Checker',
      'Product List',
      'Smelter Look-up',
      'L',
      'C',
      'SorP',
    ];
    expect(familyFromSheets(cmrt)).toBeUndefined();
    expect(familyFromSheets([...cmrt, 'Mine List'])).toBe('EMRT');
    expect(familyFromSheets([...cmrt, 'Mine List', 'Minerals Scope'])).toBe('AMRT');
    expect(familyFromTitle(undefined)).toBeUndefined();
  });
});
