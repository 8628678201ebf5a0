import { DeciderSpecification } from '../shared/decider-specification';
import { logSealDecider } from './log-seal.decider';
import type { RecordLogSeal } from './log-seal.events';

const spec = DeciderSpecification.for(logSealDecider);
const seal = (position: number): RecordLogSeal => ({
  position,
  hash: 'a'.repeat(64),
  logDigest: 'b'.repeat(64),
  events: position,
  sealedAt: '2030-01-01T00:00:00.000Z',
  keyFingerprint: `SHA256:${'K'.repeat(43)}`,
  file: `log-seal-${position}.json`,
});

describe('RecordLogSeal', () => {
  it('records the first seal, and each later head', () => {
    spec
      .given([])
      .when({ type: 'RecordLogSeal', data: seal(0) }, undefined)
      .then([{ type: 'LogSealed', data: seal(0) }]);
    spec
      .given([{ type: 'LogSealed', data: seal(10) }])
      .when({ type: 'RecordLogSeal', data: seal(12) }, undefined)
      .then([{ type: 'LogSealed', data: seal(12) }]);
  });

  it('adds nothing for a head at or before one already sealed', () => {
    spec
      .given([{ type: 'LogSealed', data: seal(10) }])
      .when({ type: 'RecordLogSeal', data: seal(10) }, undefined)
      .thenNothing();
    spec
      .given([{ type: 'LogSealed', data: seal(10) }])
      .when({ type: 'RecordLogSeal', data: seal(7) }, undefined)
      .thenNothing();
  });
});
