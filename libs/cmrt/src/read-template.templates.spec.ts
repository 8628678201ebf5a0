import { evaluateAmrtDeclaration, evaluateEmrtDeclaration } from '@dd/domain';
import { AmrtDeclaration } from '@dd/domain';
import { EmrtDeclaration } from '@dd/domain';
import { readCmrt } from './read-cmrt';
import { readTemplate, type AmrtTemplateRead, type EmrtTemplateRead } from './read-template';
import { readEmrtSmelterLookup } from './smelter-lookup';
import { cmrtFiles } from './test-support/cmrt-files';
import { writeCells } from './test-support/template-cells';
import { XlsxWorkbook } from './xlsx/xlsx-workbook';

/**
 * readTemplate on every real RMI workbook in ../shared/cmrt: each is told by its family and version,
 * and the blanks report as many open items as the template's own Checker sheet counts (Checker!D2).
 */
const files = cmrtFiles();
const describeWithFiles = files ? describe : describe.skip;

function checkerCount(bytes: Uint8Array): number {
  return Number(
    XlsxWorkbook.open(bytes)
      .readSheets([{ name: 'Checker', range: { lastRow: 2, lastColumn: 4 } }])
      .get('Checker')!
      .at('D2'),
  );
}

describeWithFiles('readTemplate on the real CMRT workbooks', () => {
  it.each(['6.01', '6.1', '6.22', '6.31', '6.4', '6.5'])('the CMRT %s blank reads as that version, as readCmrt reads it', (version) => {
    const bytes = files!.template(version);
    const read = readTemplate(bytes);
    expect(read).toMatchObject({ family: 'cmrt', templateVersion: version, layoutVersion: version, readerFindings: [] });
    expect(read.declaration).toEqual(readCmrt(bytes).declaration);
  });

  it.each(['JX', 'Central Glass'] as const)('the real %s response is a CMRT 6.4', (sample) => {
    const bytes = files!.sample(sample);
    const read = readTemplate(bytes);
    expect(read).toMatchObject({ family: 'cmrt', templateVersion: '6.4', language: 'English' });
    expect(read.declaration).toEqual(readCmrt(bytes).declaration);
  });
});

describeWithFiles('readTemplate on the real EMRT and AMRT blanks', () => {
  it.each([
    ['EMRT 2.0', '2.0', 'Chinese'],
    ['EMRT 2.1', '2.1', 'Chinese'],
  ])("the %s blank: family, version, the six preset minerals and the Checker's open items", (name, version, language) => {
    const bytes = files!.template(name);
    const read = readTemplate(bytes) as EmrtTemplateRead;
    expect(read).toMatchObject({ family: 'emrt', templateVersion: version, language, readerFindings: [] });
    expect(read.declaration.minerals.map((entry) => entry.mineral)).toEqual(['cobalt', 'copper', 'graphite', 'lithium', 'mica', 'nickel']);
    expect(() => EmrtDeclaration.parse(read.declaration)).not.toThrow();
    const findings = evaluateEmrtDeclaration(read.declaration);
    expect(findings).toHaveLength(checkerCount(bytes));
    expect(findings.map((finding) => `${finding.ruleId} ${finding.cell}`)).toEqual(
      expect.arrayContaining([
        'emrt.checker.company-name Declaration!D8',
        'emrt.checker.q1-required Declaration!D30',
        'emrt.checker.effective-date Declaration!D26',
      ]),
    );
  });

  it('the EMRT 2.0 Smelter Look-up: 432 rows, 290 smelters', () => {
    const rows = readEmrtSmelterLookup(files!.template('EMRT 2.0'));
    expect(rows).toHaveLength(432);
    expect(new Set(rows.flatMap((row) => (row.smelterId ? [row.smelterId] : []))).size).toBe(290);
  });

  it("the AMRT 1.3 blank: no mineral selected, and the Checker's nine open items", () => {
    const bytes = files!.template('AMRT 1.3');
    const read = readTemplate(bytes) as AmrtTemplateRead;
    expect(read).toMatchObject({ family: 'amrt', templateVersion: '1.3', layoutVersion: '1.3', language: 'Chinese', readerFindings: [] });
    expect(read.declaration).toMatchObject({ company: {}, minerals: [], mineralReasons: [], smelters: [], mines: [], products: [] });
    const findings = evaluateAmrtDeclaration(read.declaration);
    expect(findings).toHaveLength(checkerCount(bytes));
    expect(findings.map((finding) => `${finding.ruleId} ${finding.cell}`)).toEqual([
      'amrt.checker.company-name Declaration!D8',
      'amrt.checker.declaration-scope Declaration!D9',
      'amrt.checker.minerals-selected Declaration!D12',
      'amrt.checker.contact-name Declaration!D20',
      'amrt.checker.contact-email Declaration!D21',
      'amrt.checker.contact-phone Declaration!D22',
      'amrt.checker.authorizer Declaration!D23',
      'amrt.checker.authorizer-email Declaration!D25',
      'amrt.checker.effective-date Declaration!D27',
    ]);
  });

  it('an AMRT 1.3 filled in from the blank: listed and "Other" minerals, questions 1-2, smelters, Minerals Scope', () => {
    const filled = writeCells(files!.template('AMRT 1.3'), {
      Declaration: {
        D8: 'Alu Parts SA',
        D9: 'A. Company',
        D20: 'Ana Lima',
        D21: 'ana@example.com',
        D22: '+351 21 000',
        D23: 'Rui Costa',
        D25: 'rui@example.com',
        D27: '15-Jun-2025',
        D12: 'Silver',
        E12: 'Other [specify below]',
        E15: 'Cadmium',
        G12: 'Aluminum',
        H12: 'Other [specify below]',
        D31: 'Yes',
        D32: 'Yes',
        D33: 'Not declaring',
        D43: 1,
        D44: 'Did not survey',
      },
      'Minerals Scope': { B8: 'Cadmium', C8: 'Customer request' },
      'Smelter List': { B5: 'Aluminum', C5: 'Aluminerie Alouette Inc.', E5: 'CANADA', F5: 'CID004629', G5: 'RMI' },
    });
    const read = readTemplate(filled) as AmrtTemplateRead;
    expect(read.family).toBe('amrt');
    expect(read.readerFindings).toEqual([]);
    expect(read.declaration.company).toMatchObject({ name: 'Alu Parts SA', scope: 'company', effectiveDate: '2025-06-15' });
    // Sorted as the template sorts them: Aluminum, Cadmium, Silver; the unnamed "Other" last.
    expect(read.declaration.minerals).toEqual([
      { mineral: 'Aluminum', selector: 'G12', slot: 0, q1: { answer: 'Yes' }, q2: { answer: '100%' } },
      { mineral: 'Cadmium', other: true, selector: 'E12', slot: 1, q1: { answer: 'Yes' }, q2: { answer: 'Did not survey' } },
      { mineral: 'Silver', selector: 'D12', slot: 2, q1: { answer: 'Not declaring' } },
      { other: true, selector: 'H12' },
    ]);
    expect(read.declaration.mineralReasons).toEqual([{ row: 8, mineral: 'Cadmium', reason: 'Customer request' }]);
    expect(read.declaration.smelters).toEqual([
      { row: 5, metal: 'Aluminum', lookupName: 'Aluminerie Alouette Inc.', country: 'CANADA', smelterId: 'CID004629', idSource: 'RMI' },
    ]);
    expect(() => AmrtDeclaration.parse(read.declaration)).not.toThrow();
    expect(evaluateAmrtDeclaration(read.declaration).map((finding) => `${finding.ruleId} ${finding.cell}`)).toEqual([
      'amrt.checker.other-mineral-name Declaration!H15',
      'amrt.checker.smelters-for-mineral Smelter List!B6',
    ]);
  });
});
