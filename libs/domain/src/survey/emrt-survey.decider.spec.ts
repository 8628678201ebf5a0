import { completeEmrtDeclaration } from '../declaration/checker/emrt-declaration.fixture';
import { EmrtDeclaration } from '../declaration/emrt-declaration.schema';
import { DeciderSpecification } from '../shared/decider-specification';
import { streams } from '../shared/streams';
import type { SupplierState } from '../supplier/supplier.decider';
import { surveyCommandRows, surveyDecider, type SurveyCommand, type SurveyContext } from './survey.decider';
import type { SurveyEvent } from './survey.events';

/**
 * The EMRT survey: the same decider and the same review as the CMRT's, on a stream of its own. Given
 * the events of a supplier's EMRT survey, when a command, then the events (each naming the family).
 */
const spec = DeciderSpecification.for(surveyDecider);
const cobaltCo: SupplierState = { status: 'registered', supplierId: 'cobalt-co', name: 'Cobalt Components GmbH', tier: 'direct' };
const context: SurveyContext = { supplier: cobaltCo, now: '2025-02-01T09:00:00.000Z' };
const survey = { supplierId: 'cobalt-co', period: 2024 };
const emrtSent: SurveyEvent = {
  type: 'CMRTSent',
  data: { ...survey, family: 'emrt', dueDate: '2025-03-31', requestNumber: 1, sentOn: '2025-01-10' },
};
const file = (sha: string) =>
  ({
    kind: 'cmrt-file',
    fileName: 'cobalt-co.xlsx',
    sha256: sha.repeat(64),
    size: 1000,
    templateVersion: '2.1',
    language: 'English',
  }) as const;
const recordEmrt = (declaration: EmrtDeclaration, sha?: string): SurveyCommand => ({
  type: 'RecordEmrtResponse',
  data: { ...survey, receivedAt: '2025-01-20T08:00:00Z', declaration },
  ...(sha ? { source: file(sha) } : {}),
});

function decided(history: SurveyEvent[], command: SurveyCommand): SurveyEvent[] {
  let events: SurveyEvent[] = [];
  spec
    .given(history)
    .when(command, context)
    .then((produced) => void (events = produced));
  return events;
}

describe('SendCMRT with family emrt', () => {
  it('given no survey, when the EMRT is asked for, then CMRTSent names the family emrt', () => {
    spec
      .given([])
      .when({ type: 'SendCMRT', data: { ...survey, family: 'emrt', dueDate: '2025-03-31', templateVersion: '2.1' } }, context)
      .then([
        {
          type: 'CMRTSent',
          data: { ...survey, family: 'emrt', dueDate: '2025-03-31', templateVersion: '2.1', requestNumber: 1, sentOn: '2025-02-01' },
        },
      ]);
  });

  it('given no survey, when the CMRT is asked for (family cmrt or none), then CMRTSent is as it always was: no family field', () => {
    for (const family of [{}, { family: 'cmrt' as const }]) {
      spec
        .given([])
        .when({ type: 'SendCMRT', data: { ...survey, ...family, dueDate: '2025-03-31' } }, context)
        .then([{ type: 'CMRTSent', data: { ...survey, dueDate: '2025-03-31', requestNumber: 1, sentOn: '2025-02-01' } }]);
    }
  });

  it('given an open EMRT request, when the EMRT is asked for again, then refused naming the EMRT', () => {
    spec
      .given([emrtSent])
      .when({ type: 'SendCMRT', data: { ...survey, family: 'emrt', dueDate: '2025-03-31' } }, context)
      .thenRefused('survey-request-open');
  });

  it('routes each family to its own stream, the CMRT keeping its name', () => {
    expect(surveyCommandRows.SendCMRT.streamId({ ...survey, dueDate: '2025-03-31' })).toBe('survey-2024-cobalt-co');
    expect(surveyCommandRows.SendCMRT.streamId({ ...survey, family: 'emrt', dueDate: '2025-03-31' })).toBe('survey-2024-cobalt-co:emrt');
    expect(surveyCommandRows.RecordEmrtResponse.streamId({ ...survey, declaration: completeEmrtDeclaration() })).toBe(
      streams.survey(2024, 'cobalt-co', 'emrt'),
    );
    expect(surveyCommandRows.AcceptResponse.streamId({ ...survey, family: 'emrt' })).toBe('survey-2024-cobalt-co:emrt');
  });
});

describe('RecordEmrtResponse', () => {
  it('given an EMRT request, when a complete EMRT answer arrives, then it is recorded usable with its in-scope minerals and no follow-up', () => {
    const [response, ...rest] = decided([emrtSent], recordEmrt(completeEmrtDeclaration(), 'a'));
    expect(response).toEqual({
      type: 'EmrtResponseRecorded',
      data: expect.objectContaining({
        ...survey,
        family: 'emrt',
        requestNumber: 1,
        responseNumber: 1,
        receivedAt: '2025-01-20T08:00:00.000Z',
        inScopeMinerals: ['cobalt', 'mica'],
        findings: [],
        followUpKinds: [],
        usability: 'usable',
        source: file('a'),
      }),
    });
    expect(rest).toEqual([]);
  });

  it('given an EMRT request, when an incomplete answer arrives, then the EMRT Checker findings carry their cells and open a follow-up on the EMRT survey', () => {
    const declaration = completeEmrtDeclaration();
    declaration.company.contactName = undefined;
    const [response, followUp] = decided([emrtSent], recordEmrt(declaration));
    expect(response.type === 'EmrtResponseRecorded' && response.data.findings).toEqual([
      expect.objectContaining({ ruleId: 'emrt.checker.contact-name', cell: 'Declaration!D19', severity: 'error', kind: 'incomplete' }),
    ]);
    expect(followUp).toEqual({
      type: 'FollowUpRequested',
      data: expect.objectContaining({
        family: 'emrt',
        followUpId: '2024-cobalt-co:emrt-1-incomplete',
        kind: 'incomplete',
        origin: 'checker',
      }),
    });
  });

  it('given an EMRT request, when the blank template comes back, then it is received but not usable, and one follow-up asks for a proper answer', () => {
    const blank = EmrtDeclaration.parse({
      templateVersion: '2.1',
      minerals: ['cobalt', 'copper', 'graphite', 'lithium', 'mica', 'nickel'].map((mineral, slot) => ({ mineral, slot })),
    });
    const [response, ...followUps] = decided([emrtSent], recordEmrt(blank));
    expect(response).toMatchObject({ type: 'EmrtResponseRecorded', data: { usability: 'blank', followUpKinds: ['unusable'] } });
    expect(followUps.map((event) => event.type === 'FollowUpRequested' && event.data.kind)).toEqual(['unusable']);
  });

  it("given an EMRT request, when a workbook naming another company arrives, then it is received as another company's, not usable", () => {
    const [response] = decided([emrtSent], recordEmrt(completeEmrtDeclaration('Central Glass Co., Ltd.')));
    expect(response).toMatchObject({ type: 'EmrtResponseRecorded', data: { usability: 'another-company' } });
  });

  it('given the same file already recorded, when it is sent again, then nothing new', () => {
    const [first] = decided([emrtSent], recordEmrt(completeEmrtDeclaration(), 'b'));
    spec.given([emrtSent, first]).when(recordEmrt(completeEmrtDeclaration(), 'b'), context).then([]);
  });

  it('given no EMRT request, when an EMRT answer arrives, then refused: no EMRT was sent', () => {
    spec.given([]).when(recordEmrt(completeEmrtDeclaration()), context).thenRefused('survey-not-sent');
  });

  it('given a CMRT request on the stream, when an EMRT answer is decided on it, then refused as the other family', () => {
    const cmrtSent: SurveyEvent = { type: 'CMRTSent', data: { ...survey, dueDate: '2025-03-31', requestNumber: 1 } };
    spec.given([cmrtSent]).when(recordEmrt(completeEmrtDeclaration()), context).thenRefused('template-family-mismatch');
  });
});

describe('the rest of an EMRT survey', () => {
  it('given an answered EMRT survey, when accepted, reminded or followed up, then every event names the family emrt', () => {
    const [response] = decided([emrtSent], recordEmrt(completeEmrtDeclaration()));
    spec
      .given([emrtSent, response])
      .when({ type: 'AcceptResponse', data: { ...survey, family: 'emrt' } }, context)
      .then([{ type: 'ResponseAccepted', data: { ...survey, family: 'emrt', responseNumber: 1 } }]);
    spec
      .given([emrtSent])
      .when({ type: 'SendReminder', data: { ...survey, family: 'emrt' } }, context)
      .then([{ type: 'ReminderSent', data: { ...survey, family: 'emrt', requestNumber: 1, reminderNumber: 1, overdue: false } }]);
    const [followUp] = decided([emrtSent, response], {
      type: 'RequestFollowUp',
      data: { ...survey, family: 'emrt', kind: 'inaccurate', findings: ['the cobalt refiner is named twice'] },
    });
    expect(followUp).toMatchObject({ type: 'FollowUpRequested', data: { family: 'emrt', followUpId: '2024-cobalt-co:emrt-1-inaccurate' } });
  });
});

describe('an outdated EMRT', () => {
  it('given an EMRT request of January 2025 for 2024, when the answer is dated 2023, then an outdated finding at D26 and an outdated follow-up', () => {
    const declaration = completeEmrtDeclaration();
    declaration.company.effectiveDate = '2023-03-15';
    const [response, followUp] = decided([emrtSent], recordEmrt(declaration));
    expect(response).toMatchObject({
      type: 'EmrtResponseRecorded',
      data: {
        usability: 'usable',
        followUpKinds: ['outdated'],
        findings: [
          expect.objectContaining({
            ruleId: 'review.effective-date-outdated',
            kind: 'outdated',
            cell: 'Declaration!D26',
            message: expect.stringContaining('before the reporting period 2024'),
          }),
        ],
      },
    });
    expect(followUp).toMatchObject({ type: 'FollowUpRequested', data: { family: 'emrt', kind: 'outdated' } });
  });

  it('given a current EMRT (dated in the period), then no outdated finding', () => {
    const declaration = completeEmrtDeclaration();
    declaration.company.effectiveDate = '2024-12-20';
    const [response] = decided([emrtSent], recordEmrt(declaration));
    expect(response).toMatchObject({ type: 'EmrtResponseRecorded', data: { findings: [], followUpKinds: [] } });
  });
});
