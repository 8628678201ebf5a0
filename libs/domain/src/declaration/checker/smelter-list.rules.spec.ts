import type { Declaration, SmelterRow } from '../declaration.schema';
import { evaluateCompleteDeclarationWith, findingsWithRule, type RuleCase } from './declaration.fixture';

/** The fixture's rows: 5 Ganzhou Seadragon (CID002494), 6 Xiamen Tungsten (CID002082), 7 "Smelter not listed". */
function row(d: Declaration, worksheetRow: number): SmelterRow {
  const found = d.smelters.find((s) => s.row === worksheetRow);
  if (!found) throw new Error(`no smelter row ${worksheetRow} in the fixture`);
  return found;
}

const TIN_ROW: SmelterRow = {
  row: 8,
  metal: 'tin',
  lookupName: 'Thaisarco',
  name: 'Thaisarco',
  country: 'THAILAND',
  smelterId: 'CID001898',
};

const cases: RuleCase[] = [
  {
    given: 'tungsten in scope but no tungsten row in the Smelter List',
    arrange: (d) => (d.smelters = []),
    expected: {
      ruleId: 'checker.smelters-for-metal',
      severity: 'error',
      kind: 'incomplete',
      metal: 'tungsten',
      field: 'smelters',
      cell: 'Smelter List!B5',
    },
    fix: (d) => (d.smelters = [{ metal: 'tungsten', lookupName: 'Xiamen Tungsten Co., Ltd.', country: 'CHINA', smelterId: 'CID002082' }]),
  },
  {
    given: 'tungsten rows that name smelters but leave the look-up column empty',
    arrange: (d) => d.smelters.forEach((s) => (s.lookupName = undefined)),
    expected: { ruleId: 'checker.smelters-for-metal', severity: 'error', metal: 'tungsten', field: 'smelters', cell: 'Smelter List!B8' },
    fix: (d) => (row(d, 5).lookupName = 'Ganzhou Seadragon W & Mo Co., Ltd.'),
  },
  {
    given: 'tantalum in scope while the Smelter List (rows 5-7) holds tungsten only',
    arrange: (d) => (d.minerals.tantalum = { ...d.minerals.tungsten }),
    expected: { ruleId: 'checker.smelters-for-metal', severity: 'error', metal: 'tantalum', field: 'smelters', cell: 'Smelter List!B8' },
    fix: (d) => d.smelters.push({ row: 8, metal: 'tantalum', lookupName: 'TANIOBIS GmbH', country: 'GERMANY', smelterId: 'CID002545' }),
  },
  {
    given: 'a "Smelter not listed" row without a smelter name',
    arrange: (d) => (row(d, 7).name = undefined),
    expected: {
      ruleId: 'checker.smelter-not-listed-details',
      severity: 'error',
      kind: 'incomplete',
      metal: 'tungsten',
      field: 'smelters[2].name',
      cell: 'Smelter List!D7',
    },
    fix: (d) => (row(d, 7).name = 'Example Tungsten Recycling Ltd.'),
  },
  {
    given: 'a "smelter NOT listed " row whose country is the literal "0"',
    arrange: (d) => {
      row(d, 7).lookupName = 'smelter NOT listed ';
      row(d, 7).country = '0';
    },
    expected: { ruleId: 'checker.smelter-not-listed-details', severity: 'error', field: 'smelters[2].country', cell: 'Smelter List!E7' },
    fix: (d) => (row(d, 7).country = 'JAPAN'),
  },
  {
    given: 'tungsten in scope with no smelter row at all',
    arrange: (d) => (d.smelters = []),
    expected: {
      ruleId: 'review.metal-without-smelters',
      severity: 'red-flag',
      metal: 'tungsten',
      field: 'smelters',
      cell: 'Smelter List!B5',
    },
    fix: (d) => (d.smelters = [{ metal: 'tungsten', lookupName: 'Smelter not listed', name: 'Example W', country: 'JAPAN' }]),
  },
  {
    given: 'a "Smelter not yet identified" row',
    arrange: (d) =>
      Object.assign(row(d, 6), {
        lookupName: 'Smelter not yet identified',
        name: 'Unknown',
        country: 'Unknown',
        smelterId: undefined,
        smelterIdInput: undefined,
      }),
    expected: {
      ruleId: 'review.smelter-not-yet-identified',
      severity: 'red-flag',
      metal: 'tungsten',
      field: 'smelters[1].lookupName',
      cell: 'Smelter List!C6',
    },
    fix: (d) =>
      Object.assign(row(d, 6), {
        lookupName: 'Xiamen Tungsten Co., Ltd.',
        name: 'Xiamen Tungsten Co., Ltd.',
        country: 'CHINA',
        smelterId: 'CID002082',
      }),
  },
  {
    given: 'two tin rows while tin is declared out of scope (Q1 = No)',
    arrange: (d) =>
      d.smelters.push(TIN_ROW, { ...TIN_ROW, row: 9, lookupName: 'Smelter not listed', name: 'Tin Co', smelterId: undefined }),
    expected: {
      ruleId: 'review.smelter-metal-out-of-scope',
      severity: 'warning',
      kind: 'inconsistent',
      metal: 'tin',
      field: 'smelters[3].metal',
      cell: 'Smelter List!B8',
    },
    fix: (d) => (d.smelters = d.smelters.filter((s) => s.metal !== 'tin')),
  },
  {
    given: 'a row with smelter data but no metal, without a recorded worksheet row',
    arrange: (d) => d.smelters.push({ lookupName: 'Xiamen Tungsten Co., Ltd.', country: 'CHINA' }),
    expected: {
      ruleId: 'review.smelter-metal-missing',
      severity: 'error',
      kind: 'incomplete',
      field: 'smelters[3].metal',
      cell: 'Smelter List!B8',
    },
    fix: (d) => (d.smelters[3].metal = 'tungsten'),
  },
  {
    given: 'a tungsten row without a look-up value',
    arrange: (d) => d.smelters.push({ row: 8, metal: 'tungsten', name: 'Some tungsten refinery', country: 'CHINA' }),
    expected: {
      ruleId: 'review.smelter-lookup-missing',
      severity: 'error',
      kind: 'incomplete',
      metal: 'tungsten',
      field: 'smelters[3].lookupName',
      cell: 'Smelter List!C8',
    },
    fix: (d) => (d.smelters[3].lookupName = 'Smelter not listed'),
  },
  {
    given: 'the same tungsten smelter id on rows 5 and 8',
    arrange: (d) => d.smelters.push({ ...row(d, 5), row: 8 }),
    expected: {
      ruleId: 'review.duplicate-smelter-row',
      severity: 'warning',
      metal: 'tungsten',
      smelterId: 'CID002494',
      field: 'smelters[3].smelterId',
      cell: 'Smelter List!F8',
    },
    // One row per mine of origin is how suppliers report several mines behind one smelter.
    fix: (d) => (d.smelters[3].mineName = 'another mine'),
  },
  {
    given: 'two "Smelter not listed" rows with the same name and country and no id',
    arrange: (d) => d.smelters.push({ ...row(d, 7), row: 8, name: ' example tungsten recycling ltd.' }),
    expected: {
      ruleId: 'review.duplicate-smelter-row',
      severity: 'warning',
      metal: 'tungsten',
      field: 'smelters[3].lookupName',
      cell: 'Smelter List!C8',
    },
    fix: (d) => (d.smelters[3].country = 'KOREA, REPUBLIC OF'),
  },
  {
    given: 'a smelter id that is not CID + 6 digits',
    arrange: (d) => (row(d, 5).smelterId = 'CID2494'),
    expected: {
      ruleId: 'review.smelter-id-format',
      severity: 'warning',
      kind: 'inaccurate',
      smelterId: 'CID2494',
      field: 'smelters[0].smelterId',
      cell: 'Smelter List!F5',
    },
    fix: (d) => (row(d, 5).smelterId = 'cid002494'),
  },
  {
    given: 'a pre-3.0 smelter id',
    arrange: (d) => (row(d, 5).smelterId = '4CHN020'),
    expected: { ruleId: 'review.smelter-id-format', severity: 'warning', field: 'smelters[0].smelterId', cell: 'Smelter List!F5' },
    fix: (d) => (row(d, 5).smelterId = 'CID002494'),
  },
  {
    given: 'an id typed in column A that differs from column F',
    arrange: (d) => (row(d, 6).smelterIdInput = 'CID002083'),
    expected: {
      ruleId: 'review.smelter-id-input-mismatch',
      severity: 'warning',
      kind: 'inconsistent',
      field: 'smelters[1].smelterIdInput',
      cell: 'Smelter List!A6',
    },
    fix: (d) => (row(d, 6).smelterIdInput = ' CID002082'),
  },
  {
    given: 'a "Smelter not listed" row named "N/A"',
    arrange: (d) => (row(d, 7).name = 'N/A'),
    expected: {
      ruleId: 'review.smelter-name-placeholder',
      severity: 'warning',
      kind: 'inaccurate',
      metal: 'tungsten',
      field: 'smelters[2].name',
      cell: 'Smelter List!D7',
    },
    fix: (d) => (row(d, 7).name = 'Example Tungsten Recycling Ltd.'),
  },
  {
    given: 'a look-up value "TBD"',
    arrange: (d) => (row(d, 6).lookupName = 'TBD'),
    expected: { ruleId: 'review.smelter-name-placeholder', severity: 'warning', field: 'smelters[1].lookupName', cell: 'Smelter List!C6' },
    fix: (d) => (row(d, 6).lookupName = 'Xiamen Tungsten Co., Ltd.'),
  },
  {
    given: 'a smelter name containing "!"',
    arrange: (d) => (row(d, 7).name = 'Example Tungsten Recycling!'),
    expected: {
      ruleId: 'review.smelter-invalid-characters',
      severity: 'warning',
      kind: 'inaccurate',
      field: 'smelters[2].name',
      cell: 'Smelter List!D7',
    },
    fix: (d) => (row(d, 7).name = 'Example Tungsten Recycling Ltd.'),
  },
];

describe('Smelter List rules', () => {
  it.each(cases)(
    'given $given, when evaluated, then $expected.ruleId is reported at $expected.cell and clears once fixed',
    ({ arrange, expected, fix }) => {
      expect(findingsWithRule(evaluateCompleteDeclarationWith(arrange), expected.ruleId)).toEqual([expect.objectContaining(expected)]);
      const fixed = evaluateCompleteDeclarationWith((d) => {
        arrange(d);
        fix(d);
      });
      expect(findingsWithRule(fixed, expected.ruleId)).toEqual([]);
    },
  );

  it('given a "Smelter not yet identified" row with name "Unknown", when evaluated, then it is a red flag but not a placeholder warning', () => {
    const findings = evaluateCompleteDeclarationWith((d) =>
      d.smelters.push({ row: 8, metal: 'tungsten', lookupName: 'Smelter not yet identified', name: 'Unknown', country: 'Unknown' }),
    );
    expect(findings.map((f) => [f.ruleId, f.severity])).toEqual([['review.smelter-not-yet-identified', 'red-flag']]);
  });

  it('given a not-listed row whose name is the literal "0", when evaluated, then it counts as blank (Checker error, no placeholder warning)', () => {
    const findings = evaluateCompleteDeclarationWith((d) => (row(d, 7).name = '0'));
    expect(findings.map((f) => f.ruleId)).toEqual(['checker.smelter-not-listed-details']);
  });

  it('given rows that are entirely blank or hold only "0", when evaluated, then they are ignored', () => {
    const findings = evaluateCompleteDeclarationWith((d) => d.smelters.push({ row: 8 }, { row: 9, street: '0', city: ' ' }));
    expect(findings).toEqual([]);
  });

  it("given several findings on one row, when evaluated, then they carry the row's metal and smelter id", () => {
    const findings = evaluateCompleteDeclarationWith((d) => d.smelters.push({ row: 8, metal: 'gold', smelterId: 'CID12', name: 'N/A' }));
    expect(findings.map((f) => [f.ruleId, f.cell, f.metal, f.smelterId])).toEqual([
      ['review.smelter-metal-out-of-scope', 'Smelter List!B8', 'gold', 'CID12'],
      ['review.smelter-lookup-missing', 'Smelter List!C8', 'gold', 'CID12'],
      ['review.smelter-id-format', 'Smelter List!F8', 'gold', 'CID12'],
      ['review.smelter-name-placeholder', 'Smelter List!D8', 'gold', 'CID12'],
    ]);
  });
});
