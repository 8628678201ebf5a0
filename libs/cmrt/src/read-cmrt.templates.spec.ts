import { evaluateDeclaration } from '@dd/domain';
import { Declaration } from '@dd/domain';
import { CmrtRejected } from './cmrt-rejected';
import { readCmrt } from './read-cmrt';
import { cmrtFiles } from './test-support/cmrt-files';

/** The blank RMI templates: recognised, and read as the empty responses they are. */
const files = cmrtFiles();
const describeWithFiles = files ? describe : describe.skip;

const TEMPLATES = [
  { version: '6.01', language: 'Chinese' },
  { version: '6.1', language: 'Chinese' },
  { version: '6.22', language: 'Chinese' },
  { version: '6.31', language: 'Chinese' },
  { version: '6.4', language: 'English' },
  { version: '6.5', language: 'Chinese' },
];

describeWithFiles('readCmrt on the blank templates', () => {
  it.each(TEMPLATES)('recognises CMRT $version with display language $language as a blank response', ({ version, language }) => {
    const result = readCmrt(files!.template(version));
    expect(result.family).toBe('CMRT');
    expect(result.templateVersion).toBe(version);
    expect(result.language).toBe(language);
    const { declaration } = result;
    expect(() => Declaration.parse(declaration)).not.toThrow();
    // Blank: no company information and no Q1 (the 6.31 file carries leftovers, see below).
    const { scope, ...rest } = declaration.company;
    expect(rest).toEqual({});
    for (const metal of ['tantalum', 'tin', 'gold', 'tungsten'] as const) expect(declaration.minerals[metal].q1).toBeUndefined();
    if (version !== '6.31') {
      expect(scope).toBeUndefined();
      for (const metal of ['tantalum', 'tin', 'gold', 'tungsten'] as const) expect(declaration.minerals[metal]).toEqual({});
      expect(declaration.companyQuestions).toEqual({});
    }
    expect(declaration.smelters).toEqual([]);
    expect(declaration.products).toEqual([]);
    expect(result.readerFindings).toEqual([]);
  });

  it.each(TEMPLATES)('reports CMRT $version as missing the company block and Q1 of every metal', ({ version }) => {
    const findings = evaluateDeclaration(readCmrt(files!.template(version)).declaration, { receivedAt: '2025-06-01T00:00:00Z' });
    const errors = findings.filter((f) => f.severity === 'error').map((f) => `${f.ruleId} ${f.cell}`);
    expect(errors).toEqual(
      expect.arrayContaining([
        'checker.company-name Declaration!D8',
        'checker.contact-name Declaration!D15',
        'checker.contact-email Declaration!D16',
        'checker.authorizer Declaration!D18',
        'checker.effective-date Declaration!D22',
        'checker.q1-required Declaration!D26',
        'checker.q1-required Declaration!D27',
        'checker.q1-required Declaration!D28',
        'checker.q1-required Declaration!D29',
      ]),
    );
  });

  it('reports the leftovers in the 6.31 "blank" template as they are in the file', () => {
    // RMI's 6.31 file was saved with D9, tantalum Q2-Q8 and A filled in (Q1 blank): the workbook wins.
    const { company, minerals, companyQuestions } = readCmrt(files!.template('6.31')).declaration;
    expect(company).toEqual({ scope: 'company' });
    expect(minerals.tantalum).toEqual({
      q2: { answer: 'Yes' },
      q3: { answer: 'Yes' },
      q4: { answer: 'Unknown' },
      q5: { answer: 'Yes' },
      q6: { answer: '100%' },
      q7: { answer: 'No' },
      q8: { answer: 'No' },
    });
    expect(minerals.tin).toEqual({});
    expect(companyQuestions).toEqual({ A: { answer: 'Yes' } });
  });

  it('rejects the EMRT 2.1 template as "an EMRT 2.1, not a CMRT"', () => {
    let error: unknown;
    try {
      readCmrt(files!.template('EMRT 2.1'), { fileName: 'survey.xlsx' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CmrtRejected);
    const rejected = error as CmrtRejected;
    expect(rejected.code).toBe('wrong-template');
    expect(rejected.message).toMatch(/this is an EMRT 2\.1 .*not a CMRT/i);
    expect(rejected.details).toMatchObject({ family: 'EMRT', version: '2.1', fileName: 'survey.xlsx' });
  });
});
