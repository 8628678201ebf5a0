import { Declaration, sampleDeclaration } from '@dd/domain';
import { cmrtFiles } from '../test-support/cmrt-files';
import { convertToCsv, soffice } from '../test-support/libreoffice';
import { CMRT_6_6_FIXTURE, readFixture } from '../test-support/template-fixtures';
import { writeCmrt } from './write-cmrt';

/**
 * Our CMRT opens in LibreOffice headless (what CI installs: Debian's libreoffice-calc-nogui) and
 * LibreOffice computes RMI's own Checker over it: nothing left to complete.
 */
const office = soffice();
const files = cmrtFiles();
if (!office) console.warn('[libs/cmrt] Skipping the LibreOffice round trip of our CMRT: neither soffice nor libreoffice is installed.');
const describeWithOffice = office ? describe : describe.skip;
/** RMI's 6.5 blank when ../shared/cmrt is there, else the committed 6.6 fixture built from it. */
const blank = () => (files ? files.template('6.5') : readFixture(CMRT_6_6_FIXTURE));

describeWithOffice('our CMRT in LibreOffice', () => {
  jest.setTimeout(240_000);

  it('given our declaration in the blank, when LibreOffice converts it to CSV, then it shows our company and the RMI Checker has nothing left open', () => {
    const sample = sampleDeclaration();
    const declaration = Declaration.parse({
      company: { ...sample.company, name: 'Our Company & Söhne GmbH', scope: 'company', effectiveDate: '2027-02-15' },
      minerals: sample.minerals,
      companyQuestions: sample.companyQuestions,
      smelters: [
        { metal: 'tungsten', smelterId: 'CID002082' },
        { metal: 'tungsten', smelterId: 'CID009001', name: 'Demo Tungsten Works', country: 'JAPAN' },
      ],
    });
    const { bytes } = writeCmrt(blank(), declaration);

    const sheets = convertToCsv(office!, bytes);
    expect([...sheets.keys()]).toEqual(expect.arrayContaining(['Declaration', 'Smelter List', 'Checker', 'Product List']));
    const declarationRows = sheets.get('Declaration')!.split('\n');
    expect(declarationRows).toContainEqual(expect.stringMatching(/^,Company Name \(\*\):,,Our Company & Söhne GmbH,/));
    expect(sheets.get('Smelter List')).toContain('CID002082,Tungsten,"Xiamen Tungsten Co., Ltd.",,CHINA,CID002082,RMI,');
    expect(sheets.get('Smelter List')).toContain(',Tungsten,Smelter not listed,Demo Tungsten Works,JAPAN,CID009001,RMI,');
    // Checker!D2: "Required fields remaining to be completed", computed by LibreOffice from our answers.
    const checkerRow2 = sheets
      .get('Checker')!
      .split('\n')
      .find((line) => line.startsWith('Click here to return to Declaration tab'));
    expect(checkerRow2?.split(',')[3]).toBe('0');
  });
});
