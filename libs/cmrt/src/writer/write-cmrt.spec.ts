import { unzipSync, strFromU8 } from 'fflate';
import { Declaration, evaluateDeclaration, sampleDeclaration, type Declaration as DeclarationValue } from '@dd/domain';
import { readTemplate } from '../read-template';
import { cmrtFiles } from '../test-support/cmrt-files';
import { CMRT_6_6_FIXTURE, EMRT_2_1_FIXTURE, readFixture } from '../test-support/template-fixtures';
import { CmrtTemplateProblem, isoDateToExcelSerial, writeCmrt } from './write-cmrt';

/** Our own CMRT: a declaration written into the RMI blank reads back through our reader unchanged. */
const files = cmrtFiles();
const describeWithFiles = files ? describe : describe.skip;

/** The sample answer, as we would state it: smelters by metal and RMI id, one of them newer than any template's list. */
function ourDeclaration(): DeclarationValue {
  const sample = sampleDeclaration();
  return Declaration.parse({
    company: { ...sample.company, scope: 'product', effectiveDate: '2027-02-15' },
    minerals: sample.minerals,
    companyQuestions: sample.companyQuestions,
    smelters: [
      { metal: 'tungsten', smelterId: 'CID002082', name: 'Xiamen Tungsten Co., Ltd.', country: 'CHINA' },
      { metal: 'tungsten', smelterId: 'CID002494', name: 'Ganzhou Seadragon W & Mo Co., Ltd.', country: 'CHINA' },
      { metal: 'tungsten', smelterId: 'CID009001', name: 'Demo Tungsten Works & Co. <Ltd>', country: 'JAPAN' },
    ],
    products: [
      { number: 'P-100', name: 'Sensor housing' },
      { number: 'P-200', name: 'Connector' },
    ],
  });
}

/** What the reader returns, less what the blank decides (version, language) and rows: the answers themselves. */
function answersOf(declaration: DeclarationValue) {
  const { templateVersion: _version, language: _language, ...answers } = declaration;
  return answers;
}

describeWithFiles('writeCmrt into the RMI blanks', () => {
  it.each(['6.4', '6.5'])(
    'given our declaration, when written into the CMRT %s blank, then our reader reads the same answers back',
    (version) => {
      const declaration = ourDeclaration();
      const { bytes, written, templateVersion } = writeCmrt(files!.template(version), declaration);

      const read = readTemplate(bytes);
      expect(read.family).toBe('cmrt');
      expect(templateVersion).toBe(version);
      expect(read.templateVersion).toBe(version);
      expect(read.language).toBe('English');
      expect(read.readerFindings).toEqual([]);
      expect(read.declaration).toEqual(written);
      // The answers are ours; only the Smelter List rows gain what the template fills in.
      const { smelters: _readSmelters, products, ...rest } = answersOf(read.declaration as DeclarationValue);
      const { smelters: _ourSmelters, products: ourProducts, ...ours } = answersOf(declaration);
      expect(rest).toEqual(ours);
      expect(products.map(({ row: _row, ...product }) => product)).toEqual(ourProducts);
      expect(read.declaration.smelters.map((row) => [row.metal, row.smelterId])).toEqual(
        declaration.smelters.map((row) => [row.metal, row.smelterId]),
      );
    },
  );

  it('fills a smelter on the template look-up by its id (formulas kept) and a newer one as "Smelter not listed"', () => {
    const { written, bytes } = writeCmrt(files!.template('6.5'), ourDeclaration());
    expect(written.smelters[0]).toMatchObject({
      row: 5,
      metal: 'tungsten',
      lookupName: 'Xiamen Tungsten Co., Ltd.',
      smelterIdInput: 'CID002082',
      smelterId: 'CID002082',
      idSource: 'RMI',
    });
    expect(written.smelters[2]).toEqual({
      row: 7,
      metal: 'tungsten',
      lookupName: 'Smelter not listed',
      name: 'Demo Tungsten Works & Co. <Ltd>',
      country: 'JAPAN',
      smelterId: 'CID009001',
      idSource: 'RMI',
    });
    const parts = unzipSync(bytes);
    const smelterSheet = strFromU8(parts['xl/worksheets/sheet5.xml']);
    // Row 5 keeps the template's auto-fill formula in B with the value it computes.
    expect(smelterSheet).toMatch(/<c r="B5" s="148" t="str"><f ca="1">IF\(LEN\(A5\)=0[^<]*<\/f><v>Tungsten<\/v><\/c>/);
    expect(strFromU8(parts['xl/workbook.xml'])).toContain('<calcPr fullCalcOnLoad="1" calcId="191029" concurrentCalc="0"/>');
  });

  it('given our declaration, when checked after the round trip, then the Checker finds nothing our data does not explain', () => {
    const { bytes } = writeCmrt(files!.template('6.5'), ourDeclaration());
    const read = readTemplate(bytes);
    const findings = evaluateDeclaration(read.declaration as DeclarationValue, { receivedAt: '2027-02-16T00:00:00.000Z' });
    expect(findings).toEqual([]);
  });

  it('keeps every part of the blank but the sheets written, the Checker (left to recalculate) and the workbook', () => {
    const blank = unzipSync(files!.template('6.5'));
    const written = unzipSync(writeCmrt(files!.template('6.5'), ourDeclaration()).bytes);
    expect(Object.keys(written)).toEqual(Object.keys(blank));
    const changed = Object.keys(blank).filter((name) => Buffer.compare(Buffer.from(blank[name]), Buffer.from(written[name])) !== 0);
    expect(changed.sort()).toEqual([
      'xl/workbook.xml',
      'xl/worksheets/sheet4.xml', // Declaration
      'xl/worksheets/sheet5.xml', // Smelter List
      'xl/worksheets/sheet6.xml', // Checker
      'xl/worksheets/sheet7.xml', // Product List
    ]);
  });

  it('refuses a filled workbook as a template', () => {
    const filled = writeCmrt(files!.template('6.5'), ourDeclaration()).bytes;
    expect(() => writeCmrt(filled, ourDeclaration(), { templateName: 'our-cmrt.xlsx' })).toThrow(
      expect.objectContaining({ code: 'template-not-blank', message: expect.stringContaining('our-cmrt.xlsx is not a blank template') }),
    );
  });
});

describe('writeCmrt on the committed fixtures', () => {
  it('writes the 6.6 Product List with its requester columns', () => {
    const declaration = ourDeclaration();
    declaration.products = [
      { number: 'P-100', name: 'Sensor housing', requesterNumber: 'C-7', requesterName: 'Customer part', comments: 'lot 3' },
    ];
    declaration.smelters = declaration.smelters.slice(2);
    const { bytes, written } = writeCmrt(readFixture(CMRT_6_6_FIXTURE), declaration);
    const read = readTemplate(bytes);
    expect(read.declaration).toEqual(written);
    expect(read.declaration.products).toEqual([{ row: 6, ...declaration.products[0] }]);
  });

  it('refuses more products than the Product List has rows above its footer', () => {
    const declaration = ourDeclaration();
    declaration.products = Array.from({ length: 2001 }, (_, index) => ({ number: `P-${index}` }));
    expect(() => writeCmrt(readFixture(CMRT_6_6_FIXTURE), declaration)).toThrow(
      "the template's Product List holds 2000 products (rows 6-2005); 2001 were given",
    );
  });

  it('refuses an EMRT as the CMRT template', () => {
    expect(() => writeCmrt(readFixture(EMRT_2_1_FIXTURE), ourDeclaration())).toThrow(CmrtTemplateProblem);
    expect(() => writeCmrt(readFixture(EMRT_2_1_FIXTURE), ourDeclaration())).toThrow(
      expect.objectContaining({ code: 'template-not-cmrt' }),
    );
  });

  it('refuses bytes that are not a workbook', () => {
    expect(() => writeCmrt(new TextEncoder().encode('not a workbook'), ourDeclaration())).toThrow(
      expect.objectContaining({ code: 'template-unreadable' }),
    );
  });

  it('turns an ISO date into the serial Excel stores', () => {
    expect(isoDateToExcelSerial('2024-05-30')).toBe(45442);
    expect(isoDateToExcelSerial('2024-02-30')).toBeUndefined();
  });
});
