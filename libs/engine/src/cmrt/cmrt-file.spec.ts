import { CmrtRejected } from '@dd/cmrt';
import { writeCells } from '@dd/cmrt/testing';
import { CMRT_6_6_FIXTURE, EMRT_2_1_FIXTURE, readFixture } from '@dd/cmrt/testing';
import { readCmrtFile } from './cmrt-file';

/**
 * The reader reads EMRT and AMRT workbooks too, but surveys ask for the CMRT only so far: the
 * engine refuses the other families with a code of their own, before anything is recorded.
 */
describe('readCmrtFile', () => {
  it('takes a CMRT 6.6 and keeps its version in the response source', () => {
    const file = readCmrtFile(readFixture(CMRT_6_6_FIXTURE), 'CMRT_6.6.xlsx');
    expect(file.read).toMatchObject({ family: 'CMRT', templateVersion: '6.6', language: 'Chinese' });
    expect(file.source).toMatchObject({ kind: 'cmrt-file', fileName: 'CMRT_6.6.xlsx', templateVersion: '6.6', language: 'Chinese' });
  });

  it('refuses an EMRT as "template-family-not-enabled", naming it for the supplier', () => {
    const emrt = writeCells(readFixture(EMRT_2_1_FIXTURE), { Declaration: { D8: 'Cobalt Components GmbH' } });
    let error: unknown;
    try {
      readCmrtFile(emrt, 'emrt.xlsx');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CmrtRejected);
    expect(error).toMatchObject({
      code: 'template-family-not-enabled',
      message: expect.stringMatching(
        /^This is an EMRT 2\.1 \(Extended Minerals Reporting Template\)\. Responses on the EMRT are not accepted here yet: we asked for the Conflict Minerals Reporting Template \(CMRT\)/,
      ),
      details: { family: 'EMRT', version: '2.1', fileName: 'emrt.xlsx' },
    });
  });
});
