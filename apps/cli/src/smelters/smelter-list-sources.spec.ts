import { CsvInvalid } from '../csv/csv-table';
import { cmrtFiles } from '@dd/cmrt/testing';
import { referenceListFromCsv, referenceListFromTemplate, referenceRowsFromLookup } from './reference-list-source';
import { rmapStatusListFromCsv } from './rmap-status-source';

const source = { fileName: 'list.csv', sha256: 'b'.repeat(64) };

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof CsvInvalid) return error.problems;
    throw error;
  }
  throw new Error('expected CsvInvalid');
}

describe('reference list from CSV', () => {
  it('reads the Smelter Look-up columns, leniently spelled, alias rows and pseudo rows included', () => {
    const list = referenceListFromCsv(
      'METAL;smelter_lookup;Standard Smelter Names;Smelter Facility Location: Country;Smelter Identification Number;City\n' +
        'Tin;Yunnan Tin;Yunnan Tin Company Limited;CHINA;cid002180;Gejiu\n' +
        'Sn;Yunnan Tin Company Limited;Yunnan Tin Company Limited;CHINA;CID002180;\n' +
        'Gold;Smelter not yet identified;Unknown;;;\n',
      source,
      '2025-03-05',
    );
    expect(list).toEqual({
      asOf: '2025-03-05',
      source: { ...source, kind: 'csv' },
      rows: [
        {
          metal: 'tin',
          lookupName: 'Yunnan Tin',
          standardName: 'Yunnan Tin Company Limited',
          country: 'CHINA',
          smelterId: 'CID002180',
          city: 'Gejiu',
        },
        {
          metal: 'tin',
          lookupName: 'Yunnan Tin Company Limited',
          standardName: 'Yunnan Tin Company Limited',
          country: 'CHINA',
          smelterId: 'CID002180',
        },
        { metal: 'gold', lookupName: 'Smelter not yet identified', standardName: 'Unknown', country: '' },
      ],
    });
  });

  it('uses the standard name as the look-up name when the file has only standard names', () => {
    const list = referenceListFromCsv(
      'Metal,Standard Smelter Name,Smelter ID\nGold,Metalor Technologies (Suisse) SA,CID001153\n',
      source,
      '2025-03-05',
    );
    expect(list.rows).toEqual([
      {
        metal: 'gold',
        lookupName: 'Metalor Technologies (Suisse) SA',
        standardName: 'Metalor Technologies (Suisse) SA',
        country: '',
        smelterId: 'CID001153',
      },
    ]);
  });

  it('names the line and column of every bad value, and a missing column', () => {
    expect(
      problemsOf(() =>
        referenceListFromCsv(
          'Metal,Smelter Look-up,Smelter ID\nCopper,X,CID000001\nTin,,CID000002\nTin,Some Tin,\nGold,Gold Co,G-1\n',
          source,
          '2025-01-01',
        ),
      ),
    ).toEqual([
      'line 2, column "Metal": "Copper" is not Tantalum, Tin, Gold or Tungsten',
      'line 3, column "Smelter Look-up": empty',
      'line 4, column "Smelter ID": empty (only the "Smelter not listed" and "Smelter not yet identified" rows have no CID)',
      'line 5, column "Smelter ID": expected an RMI smelter id such as CID002494',
    ]);
    expect(problemsOf(() => referenceListFromCsv('Metal,Name of smelter\nTin,X\n', source, '2025-01-01'))[0]).toMatch(
      /^line 1: no "Smelter ID" column \(the header has "Metal", "Name of smelter"; accepted names: /,
    );
  });

  it('needs a valid as-of date', () => {
    expect(() => referenceListFromCsv('Metal,Smelter ID\n', source, undefined)).toThrow(/needs its as-of date/);
    expect(() => referenceListFromCsv('Metal,Smelter ID\n', source, '2025-02-30')).toThrow(/not a date as YYYY-MM-DD/);
  });

  it('turns Smelter Look-up rows into reference rows (pseudo rows have no standard name or country)', () => {
    expect(referenceRowsFromLookup([{ row: 330, metal: 'gold', lookupName: 'Smelter not listed' }])).toEqual([
      { metal: 'gold', lookupName: 'Smelter not listed', standardName: '', country: '' },
    ]);
  });
});

describe('RMAP status list from CSV', () => {
  it('reads statuses as RMI writes them, with the date from an As Of column', () => {
    const list = rmapStatusListFromCsv(
      'Metal,CID,Standard Smelter Name,RMAP Status,As Of Date\nTin,CID002180,Yunnan Tin,Conformant,05-Mar-2025\nGold,CID001153,,Compliant,2025-03-05\nTungsten,CID002082,X,Cross Recognized,\n',
      source,
      undefined,
    );
    expect(list).toEqual({
      asOf: '2025-03-05',
      source: { ...source, kind: 'csv' },
      entries: [
        { metal: 'tin', smelterId: 'CID002180', name: 'Yunnan Tin', status: 'conformant' },
        { metal: 'gold', smelterId: 'CID001153', status: 'conformant' },
        { metal: 'tungsten', smelterId: 'CID002082', name: 'X', status: 'cross-recognized' },
      ],
    });
  });

  it('names unknown statuses, bad ids, duplicates and conflicting dates with their lines', () => {
    const problems = problemsOf(() =>
      rmapStatusListFromCsv(
        'Metal,Smelter ID,Status,As Of\nTin,CID002180,Pending,2025-01-01\nTin,XYZ,Active,2025-01-01\nTin,CID002180,Active,2025-02-01\nTin,CID002180,Active,2025-01-01\n',
        source,
        '2025-01-01',
      ),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^line 2, column "Status": unknown status "Pending" \(expected one of conformant, active/),
      'line 3, column "Smelter ID": expected an RMI smelter id such as CID002494',
      'line 5: CID002180 (tin) is already listed on line 4',
      'column "As Of" holds more than one date (2025-01-01 from line 2, 2025-02-01 from line 4); one list has one date',
    ]);
  });

  it('reads the EMRT minerals too (RMAP assesses cobalt, copper, ... refiners), and names a metal it does not know', () => {
    const list = rmapStatusListFromCsv(
      'Metal,Smelter ID,Status\nCobalt,CID003875,Conformant\nnickel,CID004000,Active\n',
      source,
      '2026-01-15',
    );
    expect(list.entries).toEqual([
      { metal: 'cobalt', smelterId: 'CID003875', status: 'conformant' },
      { metal: 'nickel', smelterId: 'CID004000', status: 'active' },
    ]);
    expect(problemsOf(() => rmapStatusListFromCsv('Metal,Smelter ID,Status\nZinc,CID003875,Active\n', source, '2026-01-15'))).toEqual([
      'line 2, column "Metal": "Zinc" is not one of Tantalum, Tin, Gold, Tungsten, Cobalt, Copper, Graphite, Lithium, Mica, Nickel',
    ]);
  });

  it('needs a date from --as-of or the file, and they must agree', () => {
    expect(problemsOf(() => rmapStatusListFromCsv('Metal,Smelter ID,Status\nTin,CID002180,Active\n', source, undefined))).toEqual([
      'no as-of date: give --as-of YYYY-MM-DD or an "As Of" column',
    ]);
    expect(
      problemsOf(() => rmapStatusListFromCsv('Metal,Smelter ID,Status,As Of\nTin,CID002180,Active,2025-01-01\n', source, '2025-02-01')),
    ).toEqual(['the file says as of 2025-01-01, --as-of says 2025-02-01']);
    expect(rmapStatusListFromCsv('Metal,Smelter ID,Status\nTin,CID002180,Active\n', source, '2025-02-01').asOf).toBe('2025-02-01');
  });
});

const files = cmrtFiles();
(files ? describe : describe.skip)("reference list from an EMRT workbook's Smelter Look-up", () => {
  const source = { fileName: 'RMI_EMRT_2.1_blank.xlsx', sha256: 'e'.repeat(64) };

  it("is the EMRT family's list, its minerals as RMI lists them, dated by --as-of", () => {
    const list = referenceListFromTemplate(files!.template('EMRT 2.1'), source, '2025-10-17');
    expect(list).toMatchObject({ family: 'emrt', asOf: '2025-10-17', source: { kind: 'emrt-template', templateVersion: '2.1' } });
    // domain.md §1.10: 491 rows, 305 CIDs; Cobalt 175, Copper 136, Lithium 77, Nickel 65, Mica 36, Graphite 2.
    expect(list.rows.length).toBe(491);
    expect(new Set(list.rows.flatMap((row) => (row.smelterId ? [row.smelterId] : []))).size).toBe(305);
    expect(list.rows.filter((row) => row.metal === 'cobalt').length).toBe(175);
    expect(list.rows[0]).toMatchObject({ metal: 'cobalt', smelterId: 'CID003875', country: 'CHINA' });
  });

  it('needs --as-of (the workbook does not date its list); a CMRT template stays the 3TG list', () => {
    expect(() => referenceListFromTemplate(files!.template('EMRT 2.1'), source, undefined)).toThrow(
      /is an EMRT 2.1: the date of its Smelter Look-up list is not known here; give it with --as-of YYYY-MM-DD/,
    );
    const cmrt = referenceListFromTemplate(files!.template('6.5'), { ...source, fileName: 'cmrt.xlsx' }, undefined);
    expect(cmrt).toMatchObject({ asOf: '2025-03-05', source: { kind: 'cmrt-template', templateVersion: '6.5' } });
    expect(cmrt).not.toHaveProperty('family');
  });
});
