import { EmrtDeclaration } from '@dd/domain';
import { convertToCsv, soffice } from '../test-support/libreoffice';
import { EMRT_2_1_FIXTURE, readFixture } from '../test-support/template-fixtures';
import { writeEmrt } from './write-emrt';

/**
 * Our EMRT opens in LibreOffice headless (Debian's libreoffice-calc-nogui, as in CI) like our CMRT:
 * LibreOffice recomputes the selector's sorted list and RMI's Checker over our answers.
 */
const office = soffice();
if (!office) console.warn('[libs/cmrt] Skipping the LibreOffice round trip of our EMRT: neither soffice nor libreoffice is installed.');

(office ? describe : describe.skip)('our EMRT in LibreOffice', () => {
  jest.setTimeout(240_000);

  it('given our cobalt-only EMRT in the 2.1 blank, when LibreOffice converts it to CSV, then it labels the questions for cobalt alone and the RMI Checker has nothing left open', () => {
    const declaration = EmrtDeclaration.parse({
      company: {
        name: 'Our Company & Söhne GmbH',
        scope: 'company',
        contactName: 'Maria Keller',
        contactEmail: 'maria.keller@acme.example',
        contactPhone: '+49 711 000000',
        authorizer: 'Jonas Weber',
        authorizerEmail: 'jonas.weber@acme.example',
        effectiveDate: '2026-03-15',
      },
      minerals: [
        {
          mineral: 'cobalt',
          q1: { answer: 'Yes' },
          q2: { answer: 'Yes' },
          q3: { answer: 'No' },
          q4: { answer: 'No' },
          q5: { answer: '100%' },
          q6: { answer: 'Yes' },
          q7: { answer: 'Yes' },
          C: { answer: 'Yes' },
        },
      ],
      companyQuestions: {
        A: { answer: 'Yes' },
        B: { answer: 'No' },
        D: { answer: 'Yes' },
        E: { answer: 'Yes, in conformance with IPC1755 (e.g. EMRT)' },
        F: { answer: 'Yes' },
        G: { answer: 'Yes' },
      },
      smelters: [{ metal: 'cobalt', smelterId: 'CID003927' }],
      mines: [{ metal: 'cobalt', mineName: 'Kamoto', country: 'CONGO, DEMOCRATIC REPUBLIC OF THE' }],
    });
    const sheets = convertToCsv(office!, writeEmrt(readFixture(EMRT_2_1_FIXTURE), declaration).bytes);

    expect([...sheets.keys()]).toEqual(expect.arrayContaining(['Declaration', 'Smelter List', 'Mine List', 'Checker']));
    const declarationSheet = sheets.get('Declaration')!;
    expect(declarationSheet.split('\n')).toContainEqual(expect.stringMatching(/^,Company Name \(\*\):,,Our Company & Söhne GmbH,/));
    // Question rows are labelled from the recomputed selection: cobalt, and no longer the blank's copper.
    expect(declarationSheet).toContain('\n,Cobalt(*),,Yes,');
    expect(declarationSheet).not.toContain('\n,Copper(*),');
    expect(sheets.get('Smelter List')).toContain('CID003927,Cobalt,"Anhui Hanrui New Material Co., Ltd.",,CHINA,CID003927,RMI,');
    expect(sheets.get('Mine List')).toContain('Cobalt,,Kamoto,,,"CONGO, DEMOCRATIC REPUBLIC OF THE"');
    // Checker!D2: "Required fields remaining to be completed", computed by LibreOffice from our answers.
    const checkerRow2 = sheets
      .get('Checker')!
      .split('\n')
      .find((line) => line.startsWith('Click here to return to Declaration tab'));
    expect(checkerRow2?.split(',')[3]).toBe('0');
  });
});
