import { CmrtRejected } from '@dd/cmrt';
import { cmrtFiles, writeCells } from '@dd/cmrt/testing';
import { CMRT_6_6_FIXTURE, EMRT_2_1_FIXTURE, readFixture } from '@dd/cmrt/testing';
import { readCmrtFile, readResponseFile } from './cmrt-file';

function refusal(read: () => unknown): unknown {
  try {
    read();
  } catch (caught) {
    return caught;
  }
  throw new Error('expected a refusal');
}

/**
 * Surveys ask for the CMRT and the EMRT: the workbook says which it is. The reader reads AMRT
 * workbooks too, but no survey asks for one yet: refused with a code of its own, before anything is recorded.
 */
describe('readResponseFile', () => {
  it('takes a CMRT 6.6 and keeps its version in the response source', () => {
    const file = readResponseFile(readFixture(CMRT_6_6_FIXTURE), 'CMRT_6.6.xlsx');
    expect(file.read).toMatchObject({ family: 'CMRT', templateVersion: '6.6', language: 'Chinese' });
    expect(file.source).toMatchObject({ kind: 'cmrt-file', fileName: 'CMRT_6.6.xlsx', templateVersion: '6.6', language: 'Chinese' });
  });

  it('takes an EMRT 2.1 as an EMRT, with its minerals and fingerprint', () => {
    const emrt = writeCells(readFixture(EMRT_2_1_FIXTURE), { Declaration: { D8: 'Cobalt Components GmbH', D30: 'Yes', D42: 'Yes' } });
    const file = readResponseFile(emrt, 'emrt.xlsx');
    expect(file.read).toMatchObject({ family: 'emrt', templateVersion: '2.1' });
    expect(file.read.declaration.company.name).toBe('Cobalt Components GmbH');
    expect(file.source).toMatchObject({ kind: 'cmrt-file', fileName: 'emrt.xlsx', templateVersion: '2.1', size: emrt.byteLength });
  });

  it('refuses an EMRT in `cmrt inspect` (readCmrtFile) as "template-family-not-supported-yet"', () => {
    const error = refusal(() => readCmrtFile(readFixture(EMRT_2_1_FIXTURE), 'emrt.xlsx'));
    expect(error).toBeInstanceOf(CmrtRejected);
    expect(error).toMatchObject({ code: 'template-family-not-supported-yet', details: { family: 'EMRT', version: '2.1' } });
  });

  const files = cmrtFiles();
  (files ? it : it.skip)('refuses an AMRT 1.3 as "template-family-not-supported-yet", naming it for the supplier', () => {
    const error = refusal(() => readResponseFile(files!.template('RMI_AMRT_1.3_blank.xlsx'), 'amrt.xlsx'));
    expect(error).toBeInstanceOf(CmrtRejected);
    expect(error).toMatchObject({
      code: 'template-family-not-supported-yet',
      message: expect.stringMatching(
        /^This is an AMRT 1\.3 \(Additional Minerals Reporting Template\)\. Responses on the AMRT are not supported here yet: we take the Conflict Minerals Reporting Template \(CMRT\) and the Extended Minerals Reporting Template \(EMRT\)/,
      ),
      details: { family: 'AMRT', version: '1.3', fileName: 'amrt.xlsx' },
    });
  });
});
