import { Declaration } from '@dd/domain';
import { readCmrt, type CmrtReadResult } from './read-cmrt';
import { cmrtFiles } from './test-support/cmrt-files';

/** The two real filled CMRT 6.4 responses, against the facts in ../shared/cmrt/README.md. */
const files = cmrtFiles();
const describeWithFiles = files ? describe : describe.skip;

describeWithFiles('readCmrt on the JX Advanced Metals sample', () => {
  let result: CmrtReadResult;
  beforeAll(() => {
    result = readCmrt(files!.sample('JX'));
  });

  it('identifies a CMRT 6.4 in English and produces a valid Declaration', () => {
    expect(result.family).toBe('CMRT');
    expect(result.templateVersion).toBe('6.4');
    expect(result.language).toBe('English');
    expect(result.declaration.templateVersion).toBe('6.4');
    expect(result.declaration.language).toBe('English');
    expect(() => Declaration.parse(result.declaration)).not.toThrow();
  });

  it('reads the company block', () => {
    const { company } = result.declaration;
    expect(company.name).toBe('JX Advanced Metals Corporation');
    expect(company.scope).toBe('product');
    expect(company.effectiveDate).toBe('2024-05-30');
    expect(company.contactEmail).toBe('contact.a@example.com');
  });

  it('reads questions 1-8 per metal', () => {
    const { tantalum, tin, gold, tungsten } = result.declaration.minerals;
    expect([tantalum.q1?.answer, tin.q1?.answer, gold.q1?.answer, tungsten.q1?.answer]).toEqual(['Yes', 'No', 'No', 'Yes']);
    expect([tantalum.q2?.answer, tin.q2?.answer, gold.q2?.answer, tungsten.q2?.answer]).toEqual(['Yes', undefined, undefined, 'Yes']);
    expect(tantalum.q3?.answer).toBe('Yes');
    expect(tungsten.q3?.answer).toBe('Yes');
    expect(tantalum.q3?.comment).toMatch(/conflict free material/);
    expect(tungsten.q3?.comment).toMatch(/CID002082, CID002320$/);
    expect(tantalum.q6?.answer).toBe('100%');
    expect(tungsten.q6?.answer).toBe('100%');
    expect(tin).toEqual({ q1: { answer: 'No' } });
  });

  it('reads the company questions A-H', () => {
    const questions = result.declaration.companyQuestions;
    for (const letter of ['A', 'B', 'C', 'D', 'F', 'G'] as const) expect(questions[letter]?.answer).toBe('Yes');
    expect(questions.E?.answer).toBe('Yes, in conformance with IPC1755 (e.g., CMRT)');
    expect(questions.H?.answer).toBe('No');
    expect(questions.B?.comment).toMatch(/^https?:\/\/\S+$/);
  });

  it('reads 27 smelter rows (16 Ta, 11 W), all with RMI CIDs, without "0" residue', () => {
    const { smelters } = result.declaration;
    expect(smelters).toHaveLength(27);
    expect(smelters.filter((s) => s.metal === 'tantalum')).toHaveLength(16);
    expect(smelters.filter((s) => s.metal === 'tungsten')).toHaveLength(11);
    for (const smelter of smelters) expect(smelter.smelterId).toMatch(/^CID\d{6}$/);
    expect(smelters.map((s) => s.row)).toEqual(Array.from({ length: 27 }, (_, i) => i + 5));
    // Column H of rows 5-10 holds the number 0 (pasted formula results): no street at all.
    expect(smelters[0]).not.toHaveProperty('street');
    for (const smelter of smelters) for (const value of Object.values(smelter)) expect(value).not.toBe('0');
    expect(smelters[0]).toMatchObject({
      row: 5,
      metal: 'tantalum',
      lookupName: 'TANIOBIS Co., Ltd.',
      country: 'THAILAND',
      smelterId: 'CID002544',
      smelterIdInput: 'CID002544',
      idSource: 'RMI',
      city: 'Map Ta Phut',
    });
    // Trailing spaces are trimmed ("East Kazakhstan " in the file).
    expect(smelters[4].stateProvince).toBe('East Kazakhstan');
  });

  it('reads the 3 products with their numbers and names', () => {
    expect(result.declaration.products).toEqual([
      { row: 6, number: 'Sputtering Target', name: 'Ta/ Ta alloy Target' },
      { row: 7, number: 'Sputtering Target', name: 'W/ W alloy Target' },
      { row: 8, number: 'Tantalum parts', name: 'Other Tantalum parts' },
    ]);
  });

  it('notices nothing worth reporting', () => {
    expect(result.readerFindings).toEqual([]);
  });
});

describeWithFiles('readCmrt on the Central Glass sample', () => {
  let result: CmrtReadResult;
  beforeAll(() => {
    result = readCmrt(files!.sample('Central Glass'));
  });

  it('reads the company block as written (the e-mail is kept even though it is not an address)', () => {
    expect(result.templateVersion).toBe('6.4');
    expect(result.language).toBe('English');
    expect(result.declaration.company).toMatchObject({
      name: 'Central Glass Co., Ltd.',
      scope: 'company',
      effectiveDate: '2024-05-10',
      contactEmail: 'contact,c@example.com',
    });
    expect(() => Declaration.parse(result.declaration)).not.toThrow();
  });

  it('reads only tungsten in scope, with its answers', () => {
    const { tantalum, tin, gold, tungsten } = result.declaration.minerals;
    expect([tantalum.q1?.answer, tin.q1?.answer, gold.q1?.answer, tungsten.q1?.answer]).toEqual(['No', 'No', 'No', 'Yes']);
    expect(tungsten).toMatchObject({
      q2: { answer: 'Yes' },
      q3: { answer: 'No' },
      q4: { answer: 'No' },
      q5: { answer: 'No' },
      q6: { answer: '100%' },
      q7: { answer: 'Yes' },
      q8: { answer: 'Yes' },
    });
  });

  it('reads the company questions A-H', () => {
    const questions = result.declaration.companyQuestions;
    for (const letter of ['A', 'B', 'C', 'D', 'F', 'G'] as const) expect(questions[letter]?.answer).toBe('Yes');
    expect(questions.E?.answer).toBe('Yes, in conformance with IPC1755 (e.g., CMRT)');
    expect(questions.H?.answer).toBe('No');
  });

  it('reads the 4 tungsten smelters and no products', () => {
    const { smelters, products } = result.declaration;
    expect(smelters.map((s) => [s.metal, s.smelterId])).toEqual([
      ['tungsten', 'CID002494'],
      ['tungsten', 'CID002551'],
      ['tungsten', 'CID002513'],
      ['tungsten', 'CID002082'],
    ]);
    expect(products).toEqual([]);
  });
});
