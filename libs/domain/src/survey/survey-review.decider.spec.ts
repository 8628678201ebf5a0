import { completeDeclaration } from '../declaration/checker/declaration.fixture';
import { Declaration } from '../declaration/declaration.schema';
import { DeciderSpecification } from '../shared/decider-specification';
import { ReferenceIndex } from '../smelter/reference-index';
import type { SupplierState } from '../supplier/supplier.decider';
import { surveyDecider, type SurveyCommand, type SurveyContext } from './survey.decider';
import type { SurveyEvent } from './survey.events';

/** Follow-ups, acceptance, resubmission and smelter-match confirmation on one survey stream. */
const spec = DeciderSpecification.for(surveyDecider);
const acme: SupplierState = { status: 'registered', supplierId: 'acme', name: 'Acme', tier: 'direct' };
const reference = new ReferenceIndex(
  [
    { metal: 'tin', lookupName: 'Fenix Metals', standardName: 'Fenix Metals', country: 'POLAND', smelterId: 'CID002309' },
    {
      metal: 'tin',
      lookupName: 'Thaisarco',
      standardName: 'Thailand Smelting & Refining Co., Ltd.',
      country: 'THAILAND',
      smelterId: 'CID001898',
    },
    { metal: 'gold', lookupName: 'Dowa', standardName: 'DOWA Metals & Mining Co., Ltd.', country: 'JAPAN', smelterId: 'CID000401' },
  ],
  '2025-03-05',
);
const context: SurveyContext = { supplier: acme, now: '2025-02-01T09:00:00.000Z', reference };
const sent: SurveyEvent = { type: 'CMRTSent', data: { supplierId: 'acme', period: 2024, dueDate: '2025-03-31', requestNumber: 1 } };

const file = (sha: string) =>
  ({ kind: 'cmrt-file', fileName: 'acme.xlsx', sha256: sha.repeat(64), size: 1000, templateVersion: '6.5', language: 'English' }) as const;
const record = (declaration: Declaration, sha?: string): SurveyCommand => ({
  type: 'RecordResponse',
  data: { supplierId: 'acme', period: 2024, receivedAt: '2025-01-20T08:00:00Z', declaration },
  ...(sha ? { source: file(sha) } : {}),
});

/** The events a command produces on top of the given history (the spec helper asserts on them). */
function decided(history: SurveyEvent[], command: SurveyCommand): SurveyEvent[] {
  let events: SurveyEvent[] = [];
  spec
    .given(history)
    .when(command, context)
    .then((produced) => void (events = produced));
  return events;
}

const incomplete = () => {
  const declaration = completeDeclaration();
  declaration.company.contactName = undefined;
  return declaration;
};

describe('follow-ups opened by the Checker', () => {
  it('given an incomplete response, then one checker follow-up per kind, carrying the error findings', () => {
    const [response, ...followUps] = decided([sent], record(incomplete()));
    expect(response.type).toBe('ResponseRecorded');
    expect(followUps).toEqual([
      {
        type: 'FollowUpRequested',
        data: expect.objectContaining({
          followUpId: '2024-acme-1-incomplete',
          kind: 'incomplete',
          origin: 'checker',
          responseNumber: 1,
          findings: [expect.objectContaining({ ruleId: 'checker.contact-name', cell: 'Declaration!D15' })],
        }),
      },
    ]);
  });

  it('given an open follow-up, when the supplier resubmits a complete answer, then it is resolved and the new response supersedes the old', () => {
    const history = [sent, ...decided([sent], record(incomplete()))];
    const events = decided(history, record(completeDeclaration()));
    expect(events.map((e) => e.type)).toEqual(['ResponseRecorded', 'FollowUpResolved']);
    expect(events[0].data).toMatchObject({ responseNumber: 2, supersedesResponse: 1 });
    expect(events[1].data).toEqual({
      supplierId: 'acme',
      period: 2024,
      followUpId: '2024-acme-1-incomplete',
      resolution: 'resubmitted',
      responseNumber: 2,
    });
  });

  it('given a resubmission that is still incomplete, then the old follow-up is resolved and a new one opened', () => {
    const history = [sent, ...decided([sent], record(incomplete()))];
    expect(decided(history, record(incomplete())).map((e) => [e.type, 'followUpId' in e.data ? e.data.followUpId : ''])).toEqual([
      ['ResponseRecorded', ''],
      ['FollowUpResolved', '2024-acme-1-incomplete'],
      ['FollowUpRequested', '2024-acme-2-incomplete'],
    ]);
  });

  it('given the same file sent twice for the same request, then nothing new is recorded', () => {
    const history = [sent, ...decided([sent], record(completeDeclaration(), 'a'))];
    spec.given(history).when(record(completeDeclaration(), 'a'), context).thenNothing();
    expect(decided(history, record(completeDeclaration(), 'b')).map((e) => e.type)).toEqual(['ResponseRecorded']);
  });
});

describe("the period policy's oldest accepted CMRT revision", () => {
  it('given an answer on an older revision, then the response records the error and an inaccurate follow-up asks for a current template', () => {
    const old = { ...completeDeclaration(), templateVersion: '6.22' };
    let events: SurveyEvent[] = [];
    spec
      .given([sent])
      .when(record(old), { ...context, oldestAcceptedTemplateVersion: '6.31' })
      .then((produced) => void (events = produced));
    expect(events.map((e) => e.type)).toEqual(['ResponseRecorded', 'FollowUpRequested']);
    expect(events[1].data).toMatchObject({
      kind: 'inaccurate',
      findings: [expect.objectContaining({ ruleId: 'review.template-version-too-old', cell: 'Declaration!J3' })],
    });
    expect(decided([sent], record(old)).map((e) => e.type)).toEqual(['ResponseRecorded']);
  });
});

describe('review by a person', () => {
  const answered = [sent, ...decided([sent], record(completeDeclaration()))];

  it('accepts a response without open follow-ups, once', () => {
    const accept: SurveyCommand = { type: 'AcceptResponse', data: { supplierId: 'acme', period: 2024 } };
    spec
      .given(answered)
      .when(accept, context)
      .then([{ type: 'ResponseAccepted', data: { supplierId: 'acme', period: 2024, responseNumber: 1 } }]);
    spec
      .given([...answered, { type: 'ResponseAccepted', data: { supplierId: 'acme', period: 2024, responseNumber: 1 } }])
      .when(accept, context)
      .thenRefused('already-accepted');
    spec.given([sent]).when(accept, context).thenRefused('no-response');
    const withFollowUp = [sent, ...decided([sent], record(incomplete()))];
    spec
      .given(withFollowUp)
      .when(accept, context)
      .thenRefused('follow-ups-open', /2024-acme-1-incomplete/);
  });

  it("requests a follow-up in the reviewer's words, and resolves it with a note", () => {
    const request: SurveyCommand = {
      type: 'RequestFollowUp',
      data: { supplierId: 'acme', period: 2024, kind: 'inconsistent', findings: ['Q3 tin No, yet a Congolese smelter is listed'] },
    };
    const [requested] = decided(answered, request);
    expect(requested).toEqual({
      type: 'FollowUpRequested',
      data: expect.objectContaining({
        followUpId: '2024-acme-1-inconsistent',
        origin: 'reviewer',
        kind: 'inconsistent',
        responseNumber: 1,
      }),
    });
    const resolve: SurveyCommand = {
      type: 'ResolveFollowUp',
      data: { supplierId: 'acme', period: 2024, followUpId: '2024-acme-1-inconsistent', note: 'explained by phone' },
    };
    expect(decided([...answered, requested], resolve)).toEqual([
      {
        type: 'FollowUpResolved',
        data: {
          supplierId: 'acme',
          period: 2024,
          followUpId: '2024-acme-1-inconsistent',
          resolution: 'reviewer',
          note: 'explained by phone',
        },
      },
    ]);
    spec.given(answered).when(resolve, context).thenRefused('follow-up-not-open');
  });

  it("chases the supplier about an open follow-up in the reviewer's words, and keeps it open; a resolved one is not chased", () => {
    const request: SurveyCommand = {
      type: 'RequestFollowUp',
      data: { supplierId: 'acme', period: 2024, kind: 'incomplete', findings: ['D15 is blank'] },
    };
    const [requested] = decided(answered, request);
    const chase: SurveyCommand = {
      type: 'ChaseFollowUp',
      data: { supplierId: 'acme', period: 2024, followUpId: '2024-acme-1-incomplete', note: 'D15 is still blank' },
    };
    const chased: SurveyEvent = {
      type: 'FollowUpChased',
      data: { supplierId: 'acme', period: 2024, followUpId: '2024-acme-1-incomplete', kind: 'incomplete', note: 'D15 is still blank' },
    };
    spec
      .given([...answered, requested])
      .when(chase, context)
      .then([chased]);
    spec
      .given([...answered, requested, chased])
      .when({ type: 'AcceptResponse', data: { supplierId: 'acme', period: 2024 } }, context)
      .thenRefused('follow-ups-open');
    const resolved: SurveyEvent = {
      type: 'FollowUpResolved',
      data: { supplierId: 'acme', period: 2024, followUpId: '2024-acme-1-incomplete', resolution: 'reviewer', note: 'fixed' },
    };
    spec
      .given([...answered, requested, resolved])
      .when(chase, context)
      .thenRefused('follow-up-not-open');
  });
});

describe('smelter rows matched against the reference list', () => {
  const declaration = () => {
    const d = completeDeclaration();
    d.smelters = [
      { row: 5, metal: 'tin', lookupName: 'Fenix Metals', country: 'POLAND', smelterId: 'CID002309' },
      { row: 6, metal: 'tin', lookupName: 'Smelter not listed', name: 'Thai Sarco smelting', country: 'THAILAND' },
      { row: 7, metal: 'gold', lookupName: 'DOWA ', country: 'JAPAN' },
    ];
    return d;
  };

  it('records how each row resolved, and lets a person confirm a candidate', () => {
    const [response] = decided([sent], record(declaration()));
    if (response.type !== 'ResponseRecorded') throw new Error('expected a response');
    expect(response.data.referenceListAsOf).toBe('2025-03-05');
    expect(response.data.smelterMatches.map((m) => [m.row, m.status, m.method, m.smelterId])).toEqual([
      [5, 'matched', 'cid', 'CID002309'],
      [6, 'unresolved', undefined, undefined],
      [7, 'matched', 'alias', 'CID000401'],
    ]);
    const confirm: SurveyCommand = {
      type: 'ConfirmSmelterMatch',
      data: { supplierId: 'acme', period: 2024, row: 6, smelterId: 'CID001898' },
    };
    expect(decided([sent, response], confirm)).toEqual([
      {
        type: 'SmelterMatchConfirmed',
        data: {
          supplierId: 'acme',
          period: 2024,
          responseNumber: 1,
          index: 1,
          row: 6,
          metal: 'tin',
          smelterId: 'CID001898',
          standardName: 'Thailand Smelting & Refining Co., Ltd.',
          previousStatus: 'unresolved',
        },
      },
    ]);
    spec
      .given([sent, response])
      .when({ ...confirm, data: { ...confirm.data, smelterId: 'CID000401' } }, context)
      .thenRefused('smelter-metal-mismatch');
    spec
      .given([sent, response])
      .when({ ...confirm, data: { ...confirm.data, row: 99 } }, context)
      .thenRefused('smelter-row-unknown');
    spec
      .given([sent, response])
      .when({ ...confirm, data: { ...confirm.data, smelterId: 'CID999999' } }, context)
      .thenRefused('smelter-unknown');
  });
});

describe("control and direction characters in a supplier's declaration", () => {
  it('given a company name with ESC and a right-to-left override and a smelter name with NUL, then the response is recorded with U+FFFD in their place and a warning naming each cell', () => {
    const declaration = completeDeclaration();
    declaration.company.name = 'Acme\u001b[2J \u202Eftw GmbH';
    declaration.company.address = 'Hauptstr. 1\r\n10115 Berlin';
    declaration.smelters = [{ row: 7, metal: 'tin', lookupName: 'Fenix Metals', name: 'Fenix\u0000 Metals', smelterId: 'CID002309' }];
    const [response] = decided([sent], record(declaration));
    const recorded = response.data as Extract<SurveyEvent, { type: 'ResponseRecorded' }>['data'];
    expect(recorded.declaration.company.name).toBe('Acme\uFFFD[2J \uFFFDftw GmbH');
    expect(recorded.declaration.company.address).toBe('Hauptstr. 1\r\n10115 Berlin');
    expect(recorded.declaration.smelters[0].name).toBe('Fenix\uFFFD Metals');
    expect(recorded.findings.filter((finding) => finding.ruleId === 'review.text-control-characters')).toEqual([
      {
        ruleId: 'review.text-control-characters',
        severity: 'warning',
        kind: 'inaccurate',
        field: 'company.name',
        cell: 'Declaration!D8',
        message: expect.stringMatching(
          /^The value contains a control character \(U\+001B\) at position 5; it was recorded as "Acme\uFFFD\[2J \uFFFDftw GmbH"/,
        ),
      },
      expect.objectContaining({ field: 'smelters[0].name', cell: 'Smelter List!D7', message: expect.stringMatching(/U\+0000/) }),
    ]);
  });
});
