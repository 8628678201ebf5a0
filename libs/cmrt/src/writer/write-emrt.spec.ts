import { strFromU8, unzipSync } from 'fflate';
import { EmrtDeclaration, evaluateEmrtDeclaration, type EmrtDeclarationInput } from '@dd/domain';
import { readTemplate, type EmrtTemplateRead } from '../read-template';
import { cmrtFiles } from '../test-support/cmrt-files';
import { CMRT_6_6_FIXTURE, EMRT_2_1_FIXTURE, readFixture } from '../test-support/template-fixtures';
import { writeEmrt } from './write-emrt';

/** Our own EMRT: a declaration written into RMI's EMRT 2.1 blank reads back through our reader unchanged. */
const blank = readFixture(EMRT_2_1_FIXTURE);
const files = cmrtFiles();

/** Cobalt and mica declared (copper, graphite, lithium and nickel deleted from the selector). */
function ourEmrt(): EmrtDeclarationInput {
  const detailed = {
    q1: { answer: 'Yes' },
    q2: { answer: 'Yes' },
    q3: { answer: 'No', comment: '2 of 2 relevant suppliers answered usably' },
    q4: { answer: 'No' },
    q5: { answer: '100%' },
    q6: { answer: 'Yes' },
    q7: { answer: 'Yes' },
    C: { answer: 'Yes', comment: 'Sourcing clause in 2 supplier contract(s)' },
  };
  return {
    company: {
      name: 'Acme Components GmbH',
      scope: 'company',
      uniqueId: '123456789',
      uniqueIdAuthority: 'DUNS',
      contactName: 'Maria Keller',
      contactEmail: 'maria.keller@acme.example',
      contactPhone: '+49 711 000000',
      authorizer: 'Jonas Weber',
      authorizerTitle: 'Head of Procurement',
      authorizerEmail: 'jonas.weber@acme.example',
      effectiveDate: '2026-03-15',
    },
    minerals: [
      { mineral: 'mica', ...detailed },
      { mineral: 'cobalt', ...detailed, q3: { answer: 'Yes', comment: 'Declared by 1 supplier(s): s1' } },
    ],
    companyQuestions: {
      A: { answer: 'Yes' },
      B: { answer: 'Yes', comment: 'https://acme.example/policy' },
      D: { answer: 'Yes' },
      E: { answer: 'Yes, in conformance with IPC1755 (e.g. EMRT)' },
      F: { answer: 'Yes' },
      G: { answer: 'Yes' },
    },
    smelters: [
      { metal: 'cobalt', smelterId: 'CID003927', name: 'Anhui Hanrui New Material Co., Ltd.', country: 'CHINA' },
      { metal: 'mica', smelterId: 'CID009901', name: 'Demo Mica Works & Co. <Ltd>', country: 'INDIA' },
    ],
    mines: [
      {
        metal: 'cobalt',
        smelterName: 'Anhui Hanrui New Material Co., Ltd.',
        mineName: 'Kamoto',
        country: 'CONGO, DEMOCRATIC REPUBLIC OF THE',
      },
    ],
  };
}

function emrt(bytes: Uint8Array): EmrtTemplateRead {
  const read = readTemplate(bytes);
  expect(read.family).toBe('emrt');
  return read as EmrtTemplateRead;
}

describe('writeEmrt into the EMRT 2.1 blank', () => {
  const { bytes, written, templateVersion } = writeEmrt(blank, ourEmrt());
  const read = emrt(bytes);

  it('given our EMRT, when read back by our reader, then it holds the same answers, smelters and mines, and no reader finding', () => {
    expect(templateVersion).toBe('2.1');
    expect(read).toMatchObject({ templateVersion: '2.1', language: 'English', readerFindings: [] });
    expect(read.declaration).toEqual(written);
    const ours = EmrtDeclaration.parse(ourEmrt());
    expect(read.declaration.company).toEqual(ours.company);
    expect(read.declaration.companyQuestions).toEqual(ours.companyQuestions);
    // The template sorts the selection: cobalt answers on each question's first row, mica on the second.
    expect(read.declaration.minerals).toEqual([
      { ...ours.minerals[1], slot: 0 },
      { ...ours.minerals[0], slot: 1 },
    ]);
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
      },
      {
        row: 6,
        metal: 'mica',
        lookupName: 'Smelter not listed',
        name: 'Demo Mica Works & Co. <Ltd>',
        country: 'INDIA',
        smelterId: 'CID009901',
        idSource: 'RMI',
      },
    ]);
    expect(read.declaration.mines).toEqual([{ row: 5, ...ours.mines[0] }]);
  });

  it("given our EMRT, when checked after the round trip, then RMI's EMRT Checker rules find nothing open", () => {
    expect(evaluateEmrtDeclaration(read.declaration)).toEqual([]);
  });

  it('sets the minerals we do not declare to "(Delete X)" in their preset selector cells', () => {
    const sheet = strFromU8(unzipSync(bytes)['xl/worksheets/sheet4.xml']);
    for (const [cell, text] of [
      ['E12', '(Delete Copper)'],
      ['G12', '(Delete Graphite)'],
      ['D13', '(Delete Lithium)'],
      ['G13', '(Delete Nickel)'],
      ['D12', 'Cobalt'],
      ['E13', 'Mica'],
    ]) {
      expect(sheet).toMatch(
        new RegExp(`<c r="${cell}" s="\\d+" t="inlineStr"><is><t xml:space="preserve">${text.replace(/[()]/g, '\\$&')}</t>`),
      );
    }
    // The sorted list the question labels come from is left to recalculate (no stale "Copper" on row 2).
    expect(sheet).toMatch(/<c r="AA13" s="359" cm="1"><f t="array" ref="AA13">[^<]*<\/f><\/c>/);
  });

  it('keeps every part of the blank but the sheets written, the Checker and the workbook', () => {
    const before = unzipSync(blank);
    const after = unzipSync(bytes);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    const changed = Object.keys(before).filter((name) => Buffer.compare(Buffer.from(before[name]), Buffer.from(after[name])) !== 0);
    expect(changed.sort()).toEqual([
      'xl/workbook.xml',
      'xl/worksheets/sheet4.xml', // Declaration
      'xl/worksheets/sheet5.xml', // Smelter List
      'xl/worksheets/sheet6.xml', // Checker
      'xl/worksheets/sheet7.xml', // Mine List
    ]);
  });

  it('writes the Product List of a product-level EMRT with its requester columns', () => {
    const declaration = ourEmrt();
    declaration.company = { ...declaration.company, scope: 'product' };
    declaration.products = [{ number: 'P-100', name: 'Battery pack', requesterNumber: 'C-7' }];
    const result = writeEmrt(blank, declaration);
    const back = emrt(result.bytes);
    expect(back.declaration).toEqual(result.written);
    expect(back.declaration.products).toEqual([{ row: 6, number: 'P-100', name: 'Battery pack', requesterNumber: 'C-7' }]);
    expect(evaluateEmrtDeclaration(back.declaration)).toEqual([]);
  });

  it('refuses a filled EMRT and a CMRT as the template', () => {
    expect(() => writeEmrt(bytes, ourEmrt(), { templateName: 'our-emrt.xlsx' })).toThrow(
      expect.objectContaining({ code: 'template-not-blank', message: expect.stringContaining('our-emrt.xlsx is not a blank template') }),
    );
    expect(() => writeEmrt(readFixture(CMRT_6_6_FIXTURE), ourEmrt())).toThrow(expect.objectContaining({ code: 'template-not-emrt' }));
  });
});

(files ? describe : describe.skip)('writeEmrt into the full RMI blanks', () => {
  it.each(['EMRT 2.1', 'EMRT 2.0'])('given our EMRT, when written into the %s blank, then it reads back the same', (name) => {
    const { bytes, written } = writeEmrt(files!.template(name), ourEmrt());
    const read = emrt(bytes);
    expect(read.readerFindings).toEqual([]);
    expect(read.declaration).toEqual(written);
    expect(evaluateEmrtDeclaration(read.declaration)).toEqual([]);
  });
});
