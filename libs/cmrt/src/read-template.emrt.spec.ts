import { evaluateEmrtDeclaration } from '@dd/domain';
import { EmrtDeclaration } from '@dd/domain';
import { CmrtRejected } from './cmrt-rejected';
import { readCmrt } from './read-cmrt';
import { readTemplate, type EmrtTemplateRead, type TemplateReadResult } from './read-template';
import { readEmrtSmelterLookup } from './smelter-lookup';
import { writeCells } from './test-support/template-cells';
import { EMRT_2_1_FIXTURE, readFixture } from './test-support/template-fixtures';
import { XlsxWorkbook } from './xlsx/xlsx-workbook';

/**
 * EMRT 2.1 as a second template family, on the official blank (trimmed, committed) and on a
 * response filled in from it cell by cell.
 */
const blank = readFixture(EMRT_2_1_FIXTURE);

function emrt(result: TemplateReadResult): EmrtTemplateRead {
  expect(result.family).toBe('emrt');
  return result as EmrtTemplateRead;
}

describe('readTemplate on the EMRT 2.1 blank', () => {
  const read = emrt(readTemplate(blank));

  it('recognises the family, version and display language, and the six preset minerals in template order', () => {
    expect(read).toMatchObject({ templateVersion: '2.1', layoutVersion: '2.1', language: 'Chinese', readerFindings: [] });
    expect(read.declaration.minerals).toEqual(
      ['cobalt', 'copper', 'graphite', 'lithium', 'mica', 'nickel'].map((mineral, slot) => ({ mineral, slot })),
    );
    expect(read.declaration).toMatchObject({ company: {}, companyQuestions: {}, smelters: [], mines: [], products: [] });
    expect(() => EmrtDeclaration.parse(read.declaration)).not.toThrow();
  });

  it("reports the same open items as the template's own Checker (Checker!H125)", () => {
    const checker = XlsxWorkbook.open(blank)
      .readSheets([{ name: 'Checker' }])
      .get('Checker')!;
    const findings = evaluateEmrtDeclaration(read.declaration);
    expect(findings.every((finding) => finding.severity === 'error')).toBe(true);
    expect(findings).toHaveLength(checker.at('H125') as number);
    expect(findings.map((finding) => `${finding.ruleId} ${finding.cell}`)).toEqual(
      expect.arrayContaining([
        'emrt.checker.company-name Declaration!D8',
        'emrt.checker.contact-name Declaration!D19',
        'emrt.checker.contact-email Declaration!D20',
        'emrt.checker.authorizer-email Declaration!D24',
        'emrt.checker.effective-date Declaration!D26',
        'emrt.checker.q1-required Declaration!D30',
        'emrt.checker.q1-required Declaration!D35',
        'emrt.checker.q7-required Declaration!D107',
        'emrt.checker.company-c-required Declaration!D125',
        'emrt.checker.company-g-required Declaration!D137',
        'emrt.checker.smelters-for-mineral Smelter List!B5',
      ]),
    );
  });

  it('is refused by the CMRT-only reader as the wrong template', () => {
    expect(() => readCmrt(blank, { fileName: 'emrt.xlsx' })).toThrow(
      expect.objectContaining({
        code: 'wrong-template',
        message: expect.stringMatching(/^This is an EMRT 2\.1 \(Extended Minerals Reporting Template\), not a CMRT/),
      }),
    );
  });

  it("reads the EMRT's own Smelter Look-up as a reference list (491 rows, 305 smelters)", () => {
    const rows = readEmrtSmelterLookup(blank);
    expect(rows).toHaveLength(491);
    expect(new Set(rows.flatMap((row) => (row.smelterId ? [row.smelterId] : []))).size).toBe(305);
    const perMineral = Object.fromEntries(
      ['cobalt', 'copper', 'lithium', 'nickel', 'mica', 'graphite'].map((mineral) => [
        mineral,
        rows.filter((row) => row.mineral === mineral).length,
      ]),
    );
    expect(perMineral).toEqual({ cobalt: 175, copper: 136, lithium: 77, nickel: 65, mica: 36, graphite: 2 });
    expect(rows[0]).toEqual({
      row: 5,
      mineral: 'cobalt',
      lookupName: 'Advanced Materials Production Plant (Qingyuan Industrial Park)',
      standardName: 'Advanced Materials Production Plant (Qingyuan Industrial Park)',
      country: 'CHINA',
      smelterId: 'CID003875',
      idSource: 'RMI',
      city: 'Qingyuan City',
      stateProvince: 'Guangdong Sheng',
    });
  });
});

describe('readTemplate on an EMRT 2.1 filled in from the blank', () => {
  // Cobalt, Copper and Mica kept, Graphite, Lithium and Nickel deleted: the template sorts the
  // selection, so cobalt answers on the first row of each question, copper on the second, mica on the third.
  const filled = writeCells(blank, {
    Declaration: {
      D8: 'Cobalt Components GmbH\t',
      D9: 'B. Product (or List of Products)',
      D16: 'DE123456789',
      D17: 'VAT',
      D18: 'Hauptstr. 1, Berlin',
      D19: 'Jane Roe',
      D20: 'jane.roe@example.com',
      D21: '+49 30 1234',
      D22: 'John Doe',
      D23: 'Managing Director',
      D24: 'john.doe@example.com',
      D26: 45778,
      G12: '(Delete Graphite)',
      D13: '(Delete Lithium)',
      G13: '(Delete Nickel)',
      D30: 'Yes',
      D31: 'Yes',
      D32: 'No',
      D42: 'Yes',
      D43: 'Unknown',
      D54: 'Yes',
      G54: 'One refiner sources from the DRC; see the Smelter List',
      D66: 'No',
      D78: 1,
      D90: 'yes',
      D102: 'Yes',
      D120: 'Yes, when more processors are validated',
      D115: 'Yes',
      D117: 'Yes',
      G117: 'https://example.com/responsible-sourcing',
      D131: 'Yes',
      D133: 'Yes, in conformance with IPC1755 (e.g. EMRT)',
      D135: 'Yes',
    },
    'Smelter List': {
      A5: 'CID003927',
      B5: 'Cobalt',
      C5: 'Anhui Hanrui New Material Co., Ltd.',
      E5: 'CHINA',
      F5: 'CID003927',
      G5: 'RMI',
      I5: 'Chuzhou',
      J5: 'Anhui Sheng',
      P5: 'No',
      B6: 'Mica',
      C6: 'Smelter not listed',
      D6: 'Mica Processing Ltd',
    },
    'Mine List': {
      A5: 'Cobalt',
      B5: 'Anhui Hanrui New Material Co., Ltd.',
      C5: 'Kamoto',
      F5: 'CONGO, DEMOCRATIC REPUBLIC OF THE',
      H5: 'Kolwezi',
      M5: 'Copper-cobalt mine',
    },
    'Product List': { B6: 'P-100', C6: 'Battery pack', D6: 'REQ-9', E6: 'Pack A', F6: 'Line 3 only' },
  });
  let read: EmrtTemplateRead;
  beforeAll(() => {
    read = emrt(readTemplate(filled, { fileName: 'emrt-filled.xlsx' }));
  });

  it('reads the company block from its EMRT cells (D8-D26)', () => {
    expect(read.readerFindings).toEqual([]);
    expect(read.declaration.company).toEqual({
      name: 'Cobalt Components GmbH',
      scope: 'product',
      uniqueId: 'DE123456789',
      uniqueIdAuthority: 'VAT',
      address: 'Hauptstr. 1, Berlin',
      contactName: 'Jane Roe',
      contactEmail: 'jane.roe@example.com',
      contactPhone: '+49 30 1234',
      authorizer: 'John Doe',
      authorizerTitle: 'Managing Director',
      authorizerEmail: 'john.doe@example.com',
      effectiveDate: '2025-05-01',
    });
  });

  it('reads the selected minerals with their answers from the rows the template gives them', () => {
    expect(read.declaration.minerals).toEqual([
      {
        mineral: 'cobalt',
        slot: 0,
        q1: { answer: 'Yes' },
        q2: { answer: 'Yes' },
        q3: { answer: 'Yes', comment: 'One refiner sources from the DRC; see the Smelter List' },
        q4: { answer: 'No' },
        q5: { answer: '100%' },
        q6: { answer: 'Yes' },
        q7: { answer: 'Yes' },
        C: { answer: 'Yes, when more processors are validated' },
      },
      { mineral: 'copper', slot: 1, q1: { answer: 'Yes' }, q2: { answer: 'Unknown' } },
      { mineral: 'mica', slot: 2, q1: { answer: 'No' } },
    ]);
    expect(read.declaration.companyQuestions).toEqual({
      A: { answer: 'Yes' },
      B: { answer: 'Yes', comment: 'https://example.com/responsible-sourcing' },
      D: { answer: 'Yes' },
      E: { answer: 'Yes, in conformance with IPC1755 (e.g. EMRT)' },
      F: { answer: 'Yes' },
    });
  });

  it('reads the Smelter List, Mine List and the Product List with its requester columns', () => {
    expect(read.declaration.smelters).toEqual([
      {
        row: 5,
        metal: 'cobalt',
        lookupName: 'Anhui Hanrui New Material Co., Ltd.',
        country: 'CHINA',
        smelterId: 'CID003927',
        smelterIdInput: 'CID003927',
        idSource: 'RMI',
        city: 'Chuzhou',
        stateProvince: 'Anhui Sheng',
        recycledOrScrap: 'No',
      },
      { row: 6, metal: 'mica', lookupName: 'Smelter not listed', name: 'Mica Processing Ltd' },
    ]);
    expect(read.declaration.mines).toEqual([
      {
        row: 5,
        metal: 'cobalt',
        smelterName: 'Anhui Hanrui New Material Co., Ltd.',
        mineName: 'Kamoto',
        country: 'CONGO, DEMOCRATIC REPUBLIC OF THE',
        city: 'Kolwezi',
        comments: 'Copper-cobalt mine',
      },
    ]);
    expect(read.declaration.products).toEqual([
      { row: 6, number: 'P-100', name: 'Battery pack', requesterNumber: 'REQ-9', requesterName: 'Pack A', comments: 'Line 3 only' },
    ]);
    expect(() => EmrtDeclaration.parse(read.declaration)).not.toThrow();
  });

  it('leaves the Checker only what is still open: G unanswered, a "Smelter not listed" row without its country', () => {
    expect(evaluateEmrtDeclaration(read.declaration).map((finding) => `${finding.ruleId} ${finding.cell}`)).toEqual([
      'emrt.checker.company-g-required Declaration!D137',
      'emrt.checker.smelter-not-listed-details Smelter List!E6',
    ]);
  });

  it('notes answers left on rows no selected mineral labels, and a selector value that is not a mineral', () => {
    const odd = emrt(readTemplate(writeCells(filled, { Declaration: { H12: 'Tin', D34: 'Yes' } })));
    // "Tin" sorts after Mica: a fourth slot whose answers are not read, and D34 (fifth row) labels nothing.
    expect(odd.declaration.minerals.map((entry) => entry.mineral)).toEqual(['cobalt', 'copper', 'mica']);
    expect(odd.readerFindings.map((finding) => `${finding.ruleId} ${finding.cell}`)).toEqual([
      'reader.mineral-unknown Declaration!H12',
      'reader.answers-without-mineral Declaration!D34',
    ]);
  });

  it('is refused by the CMRT-only reader before its lists are read', () => {
    let error: unknown;
    try {
      readCmrt(filled);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CmrtRejected);
    expect((error as CmrtRejected).details).toMatchObject({ family: 'EMRT', version: '2.1' });
  });
});
