import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Declaration, sampleDeclaration } from '@dd/domain';
import { cmrtFiles } from '../test-support/cmrt-files';
import { CMRT_6_6_FIXTURE, readFixture } from '../test-support/template-fixtures';
import { writeCmrt } from './write-cmrt';

/**
 * Our CMRT opens in LibreOffice headless (what CI installs: Debian's libreoffice-calc-nogui) and
 * LibreOffice computes RMI's own Checker over it: nothing left to complete.
 */
function soffice(): string | undefined {
  for (const candidate of ['soffice', 'libreoffice']) {
    try {
      execFileSync(candidate, ['--version'], { stdio: 'ignore', timeout: 60_000 });
      return candidate;
    } catch {
      // not installed under this name
    }
  }
  return undefined;
}

const office = soffice();
const files = cmrtFiles();
if (!office) console.warn('[libs/cmrt] Skipping the LibreOffice round trip of our CMRT: neither soffice nor libreoffice is installed.');
const describeWithOffice = office ? describe : describe.skip;
/** RMI's 6.5 blank when ../shared/cmrt is there, else the committed 6.6 fixture built from it. */
const blank = () => (files ? files.template('6.5') : readFixture(CMRT_6_6_FIXTURE));

/** Every sheet converted to CSV (LibreOffice 7.2+: sheet number -1 writes <name>-<sheet>.csv per sheet). */
function convertToCsv(xlsx: Uint8Array): Map<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'dd-cmrt-lo-'));
  try {
    const input = join(dir, 'our-cmrt.xlsx');
    writeFileSync(input, xlsx);
    execFileSync(
      office!,
      [
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--headless',
        '--convert-to',
        'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
        '--outdir',
        join(dir, 'out'),
        input,
      ],
      { stdio: 'pipe', timeout: 180_000 },
    );
    const sheets = new Map<string, string>();
    for (const name of readdirSync(join(dir, 'out'))) {
      const sheet = /^our-cmrt-(.+)\.csv$/.exec(name)?.[1];
      if (sheet) sheets.set(sheet, readFileSync(join(dir, 'out', name), 'utf8'));
    }
    return sheets;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

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

    const sheets = convertToCsv(bytes);
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
