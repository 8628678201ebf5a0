import type { Finding, ResponseRecorded } from '@dd/domain';
import type { RecordedEvent } from '@dd/event-store';
import { cmrtResponseCommandId } from './cmrt-response-intake';
import { cmrtResponseOutcome, SAME_FILE_REASON } from './cmrt-response-outcome';

const sha = (c: string) => c.repeat(64);
let position = 0;
function event(type: string, data: unknown): RecordedEvent {
  position++;
  return {
    type,
    data,
    streamId: 'survey-2024-s1',
    streamVersion: position - 1,
    globalPosition: position,
    metadata: {
      eventId: `e${position}`,
      commandId: 'c',
      correlationId: 'c',
      causationId: null,
      actor: 'a',
      occurredAt: '',
      recordedAt: '',
      schemaVersion: 1,
      prevHash: '',
      hash: '',
    },
  };
}

const error: Finding = {
  ruleId: 'checker.company-name',
  severity: 'error',
  field: 'company.name',
  cell: 'Declaration!D8',
  kind: 'incomplete',
  message: 'Provide your company name',
};

function response(responseNumber: number, fileSha: string, findings: Finding[]): ResponseRecorded {
  return {
    supplierId: 's1',
    period: 2024,
    requestNumber: 1,
    responseNumber,
    receivedAt: '2024-06-01T00:00:00.000Z',
    declaration: {
      company: { name: 'S One', scope: 'company' },
      minerals: { tantalum: {}, tin: {}, gold: {}, tungsten: {} },
      companyQuestions: {},
      smelters: [{ row: 5, metal: 'tin' }],
      products: [],
    },
    source: {
      kind: 'cmrt-file',
      fileName: `${responseNumber}.xlsx`,
      sha256: fileSha,
      size: 10,
      templateVersion: '6.5',
      language: 'English',
    },
    inScopeMetals: [],
    findings,
    followUpKinds: findings.length ? ['incomplete'] : [],
    smelterMatches: [{ index: 0, row: 5, metal: 'tin', status: 'unresolved', candidates: [], problems: [] }],
    referenceListAsOf: null,
    ...(responseNumber > 1 ? { supersedesResponse: responseNumber - 1 } : {}),
  };
}

describe('cmrtResponseOutcome', () => {
  const events = [
    event('CMRTSent', {}),
    event('ResponseRecorded', response(1, sha('a'), [error])),
    event('FollowUpRequested', {
      supplierId: 's1',
      period: 2024,
      followUpId: 'f1',
      kind: 'incomplete',
      responseNumber: 1,
      origin: 'checker',
      findings: [error],
    }),
    event('ResponseRecorded', response(2, sha('b'), [])),
    event('FollowUpResolved', { supplierId: 's1', period: 2024, followUpId: 'f1', resolution: 'resubmitted', responseNumber: 2 }),
  ];
  const result = (eventIds: string[], duplicate = false) => ({
    streamId: 'survey-2024-s1',
    streamVersion: 4,
    globalPosition: 5,
    eventIds,
    duplicate,
  });

  it('summarises the response a command appended, with the follow-ups it resolved', () => {
    const outcome = cmrtResponseOutcome(events, result(['e4', 'e5']), sha('b'))!;
    expect(outcome).toMatchObject({
      recorded: true,
      responseNumber: 2,
      latestResponseNumber: 2,
      supersedesResponse: 1,
      file: { fileName: '2.xlsx', sha256: sha('b'), size: 10 },
      company: { name: 'S One', scope: 'company' },
      findingCounts: { error: 0, warning: 0, 'red-flag': 0, info: 0 },
      followUps: { opened: [], resolved: ['f1'] },
      smelters: { total: 1, matched: 0, unresolved: 1, referenceListAsOf: null },
    });
    expect(outcome.reason).toBeUndefined();
  });

  it('finds the earlier response of the same file when nothing was appended, and says it was already recorded', () => {
    const outcome = cmrtResponseOutcome(events, result([]), sha('a'))!;
    expect(outcome).toMatchObject({
      recorded: false,
      reason: SAME_FILE_REASON,
      command: { duplicate: true, eventIds: [] },
      responseNumber: 1,
      latestResponseNumber: 2,
      followUps: { opened: [{ followUpId: 'f1', kind: 'incomplete', findings: 1 }], resolved: [] },
    });
  });

  it('reports a repeated command (duplicate) as not recorded, and nothing for an unknown file', () => {
    expect(cmrtResponseOutcome(events, result(['e2', 'e3'], true), sha('a'))).toMatchObject({ recorded: false, responseNumber: 1 });
    expect(cmrtResponseOutcome(events, result([]), sha('c'))).toBeNull();
  });
});

describe('cmrtResponseCommandId', () => {
  it('is the same for the same file, supplier, period, number of responses before it and receivedAt', () => {
    expect(cmrtResponseCommandId(2024, 's1', sha('a'), 0)).toBe(cmrtResponseCommandId(2024, 's1', sha('a'), 0));
    expect(cmrtResponseCommandId(2024, 's1', sha('a'), 0, '2024-06-14T09:00:00Z')).toBe(
      cmrtResponseCommandId(2024, 's1', sha('a'), 0, '2024-06-14T09:00:00Z'),
    );
    expect(
      new Set([
        cmrtResponseCommandId(2024, 's1', sha('a'), 0),
        cmrtResponseCommandId(2024, 's1', sha('a'), 1),
        cmrtResponseCommandId(2025, 's1', sha('a'), 0),
        cmrtResponseCommandId(2024, 's2', sha('a'), 0),
        cmrtResponseCommandId(2024, 's1', sha('a'), 0, '2024-06-14T09:00:00Z'),
        cmrtResponseCommandId(2024, 's1', sha('a'), 0, '2024-06-15T09:00:00Z'),
      ]).size,
    ).toBe(6);
  });
});
