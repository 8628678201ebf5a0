import { evaluateDeclaration } from '@dd/domain';
import { Declaration } from '@dd/domain';
import { CmrtRejected } from './cmrt-rejected';
import { readCmrt } from './read-cmrt';
import { readTemplate, UNKNOWN_TEMPLATE_VERSION, type CmrtTemplateRead, type TemplateReadResult } from './read-template';
import { writeCells } from './test-support/template-cells';
import { CMRT_6_6_FIXTURE, readFixture } from './test-support/template-fixtures';

/**
 * CMRT 6.6 / 6.6.1 and the versions after them, on the committed 6.6 fixture (the 6.5 blank with
 * the 6.6 version stamp and Product List header; its Revision sheet still ends at 6.5).
 */
const fixture = readFixture(CMRT_6_6_FIXTURE);

function cmrt(result: TemplateReadResult): CmrtTemplateRead {
  expect(result.family).toBe('cmrt');
  return result as CmrtTemplateRead;
}

function withStamp(
  j3: string | null,
  q3: string | null = j3,
  extra: Record<string, Record<string, string | number | null>> = {},
): Uint8Array {
  return writeCells(fixture, { ...extra, Declaration: { J3: j3, ...(extra.Declaration ?? {}) }, 'Smelter List': { Q3: q3 } });
}

const ids = (read: { readerFindings: { ruleId: string; severity: string; cell?: string }[] }) =>
  read.readerFindings.map((finding) => `${finding.severity} ${finding.ruleId} ${finding.cell}`);

describe('CMRT 6.6 (fixture built from the 6.5 blank)', () => {
  it('reads as a blank CMRT 6.6 with the 6.x Declaration layout', () => {
    const read = cmrt(readTemplate(fixture));
    expect(read).toMatchObject({ templateVersion: '6.6', layoutVersion: '6.6', language: 'Chinese', readerFindings: [] });
    expect(read.declaration).toMatchObject({ templateVersion: '6.6', company: {}, companyQuestions: {}, smelters: [], products: [] });
    expect(() => Declaration.parse(read.declaration)).not.toThrow();
    const errors = evaluateDeclaration(read.declaration, { receivedAt: '2026-06-01T00:00:00Z' }).map(
      (finding) => `${finding.ruleId} ${finding.cell}`,
    );
    expect(errors).toEqual(
      expect.arrayContaining([
        'checker.company-name Declaration!D8',
        'checker.effective-date Declaration!D22',
        'checker.q1-required Declaration!D26',
        'checker.q1-required Declaration!D29',
      ]),
    );
  });

  it('reads the Product List with the requester columns: D number, E name, F comments', () => {
    const filled = writeCells(fixture, {
      Declaration: { D8: 'ACME', D9: 'B. Product (or List of Products)', D26: 'Yes', D32: 'No' },
      'Product List': { B6: 'A-1', C6: 'Gear', D6: 'REQ-1', E6: 'Customer gear', F6: 'since 2026', B7: 'A-2', F7: 'no requester number' },
    });
    const read = cmrt(readTemplate(filled));
    expect(read.declaration.products).toEqual([
      { row: 6, number: 'A-1', name: 'Gear', requesterNumber: 'REQ-1', requesterName: 'Customer gear', comments: 'since 2026' },
      { row: 7, number: 'A-2', comments: 'no requester number' },
    ]);
    expect(read.declaration.minerals.tantalum).toEqual({ q1: { answer: 'Yes' }, q2: { answer: 'No' } });
    // The CMRT-only reader gives the same declaration to its callers.
    expect(readCmrt(filled)).toEqual({
      declaration: read.declaration,
      templateVersion: '6.6',
      language: 'Chinese',
      family: 'CMRT',
      readerFindings: [],
    });
  });

  it('reads "Revision 6.6.1" in the version cell as 6.6.1, not as the Revision sheet\'s last entry (6.5)', () => {
    const read = cmrt(readTemplate(withStamp('Revision 6.6.1\nApril 17, 2026')));
    expect(read).toMatchObject({ templateVersion: '6.6.1', layoutVersion: '6.6.1', readerFindings: [] });
    expect(readCmrt(withStamp('Revision 6.6.1\nApril 17, 2026')).templateVersion).toBe('6.6.1');
  });

  it('reads a later CMRT (6.7) with the newest layout and a warning, not a refusal', () => {
    const read = cmrt(
      readTemplate(
        withStamp('Revision 6.7\nApril 15, 2027', 'Revision 6.7\nApril 15, 2027', {
          'Product List': { B6: 'A-1', D6: 'REQ-1', F6: 'note' },
        }),
      ),
    );
    expect(read).toMatchObject({ templateVersion: '6.7', layoutVersion: '6.6.1' });
    expect(read.readerFindings).toEqual([
      expect.objectContaining({
        ruleId: 'reader.template-version-unknown',
        severity: 'warning',
        cell: 'Declaration!J3',
        message: expect.stringMatching(
          /^CMRT 6\.7 is not a release known here \(the newest known is 6\.6\.1\); it was read with the layout of CMRT 6\.6\.1\./,
        ),
      }),
    ]);
    expect(read.declaration.products).toEqual([{ row: 6, number: 'A-1', requesterNumber: 'REQ-1', comments: 'note' }]);
  });

  it('refuses a new major version (7.0): its questions may have moved', () => {
    expect(() => readTemplate(withStamp('Revision 7.0\nApril 1, 2028'))).toThrow(
      expect.objectContaining({
        code: 'unsupported-version',
        message: expect.stringMatching(/^Unsupported CMRT version 7\.0: we can read CMRT 5\.1 to 5\.12 and 6\.0 to 6\.6\.1/),
      }),
    );
  });
});

describe('a version that cannot be read with certainty is a finding, never a guess', () => {
  it('an unreadable J3 with a readable stamp on the Smelter List: read as that stamp, with a warning', () => {
    const read = cmrt(readTemplate(withStamp('Revision 6.6-beta', 'Revision 6.6\nApril 17, 2026')));
    expect(read.templateVersion).toBe('6.6');
    expect(read.readerFindings).toEqual([
      expect.objectContaining({
        ruleId: 'reader.template-version-unreadable',
        severity: 'warning',
        cell: 'Declaration!J3',
        message: expect.stringMatching(
          /^Declaration!J3 holds "Revision 6\.6-beta", in which no revision number can be read; the workbook was read as revision 6\.6, the stamp in Smelter List!Q3\./,
        ),
      }),
    ]);
  });

  it('no readable version anywhere but the Revision sheet: the version is unknown, the layout the newest, the Product List told by its header', () => {
    const bytes = withStamp('Revision six point six', null, { 'Product List': { B6: 'A-1', D6: 'REQ-1', F6: 'note' } });
    const read = cmrt(readTemplate(bytes));
    expect(read).toMatchObject({ templateVersion: UNKNOWN_TEMPLATE_VERSION, layoutVersion: '6.6.1' });
    expect(read.declaration.templateVersion).toBeUndefined();
    expect(ids(read)).toEqual(['warning reader.template-version-unreadable Declaration!J3']);
    expect(read.readerFindings[0].message).toMatch(/the workbook was read with the layout of the newest CMRT known here \(6\.6\.1\)/);
    expect(read.declaration.products).toEqual([{ row: 6, number: 'A-1', requesterNumber: 'REQ-1', comments: 'note' }]);
    // The Revision sheet's last entry (6.5) is not taken for the version.
    expect(readCmrt(bytes).templateVersion).toBe('unknown');
  });

  it('J3 and the Smelter List stamp disagree: read as J3, with a warning', () => {
    const read = cmrt(readTemplate(withStamp('Revision 6.6\nApril 17, 2026', 'Revision 6.5\nApril 25, 2025')));
    expect(read.templateVersion).toBe('6.6');
    expect(ids(read)).toEqual(['warning reader.template-version-conflict Declaration!J3']);
  });

  it('a blank J3: the version comes from the Revision sheet, and the finding says so', () => {
    const read = cmrt(readTemplate(withStamp(null)));
    expect(read.templateVersion).toBe('6.5');
    expect(read.readerFindings).toEqual([
      expect.objectContaining({
        ruleId: 'reader.template-version-not-on-declaration',
        severity: 'info',
        message: expect.stringMatching(/taken from Revision!B\d+\.$/),
      }),
    ]);
  });
});

describe('families the reader recognises but does not read', () => {
  it('a CRT is "not supported yet" rather than the wrong template', () => {
    let error: unknown;
    try {
      readTemplate(writeCells(fixture, { Declaration: { D2: 'Cobalt Reporting Template (CRT)', J3: 'Revision 2.21' } }), {
        fileName: 'crt.xlsx',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CmrtRejected);
    expect(error).toMatchObject({
      code: 'template-not-supported',
      message: expect.stringMatching(
        /^This is a CRT 2\.21 \(Cobalt Reporting Template\), which cannot be read here yet \(readable: CMRT, EMRT and AMRT\)\. The CRT was retired/,
      ),
      details: { family: 'CRT', version: '2.21', fileName: 'crt.xlsx' },
    });
  });
});
