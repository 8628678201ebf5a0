import { completeDeclaration } from '../declaration/checker/declaration.fixture';
import { evaluateDeclaration, summariseFindings } from '../declaration/checker';
import { Declaration } from '../declaration/declaration.schema';
import { inScopeMetals } from '../declaration/metal-scope';
import { usabilityOf } from '../declaration/response-usability';
import { DeciderSpecification } from '../shared/decider-specification';
import { ReferenceIndex } from '../smelter/reference-index';
import { matchSmelterRows } from '../smelter/smelter-match';
import type { SupplierState } from '../supplier/supplier.decider';
import type { SendCMRT } from './send-cmrt.command';
import { surveyDecider, type SurveyContext } from './survey.decider';
import type { ResponseRecorded, SurveyEvent } from './survey.events';

const spec = DeciderSpecification.for(surveyDecider);

const acme: SupplierState = { status: 'registered', supplierId: 'acme', name: 'Acme', tier: 'direct' };
/** Decided on 1 Feb 2025, before the 31 March due date. */
const now = '2025-02-01T09:00:00.000Z';
const context: SurveyContext = { supplier: acme, now };
const at = (instant: string): SurveyContext => ({ supplier: acme, now: instant });

const send: SendCMRT = { supplierId: 'acme', period: 2024, dueDate: '2025-03-31', templateVersion: '6.5' };
const sendCmrt = { type: 'SendCMRT', data: send } as const;
const sendReminder = { type: 'SendReminder', data: { supplierId: 'acme', period: 2024 } } as const;
const recordResponse = (declaration: Declaration, receivedAt?: string) =>
  ({ type: 'RecordResponse', data: { supplierId: 'acme', period: 2024, receivedAt, declaration } }) as const;

/** Sent on the day of `now`. */
const cmrtSent = (requestNumber: number): SurveyEvent => ({ type: 'CMRTSent', data: { ...send, requestNumber, sentOn: '2025-02-01' } });
const reminderSent = (reminderNumber: number, requestNumber = 1, overdue = false): SurveyEvent => ({
  type: 'ReminderSent',
  data: { supplierId: 'acme', period: 2024, requestNumber, reminderNumber, overdue },
});

/** What the decider must record for a declaration: the Checker's findings, whatever its rules say. */
function recorded(declaration: Declaration, receivedAt: string, numbers: { requestNumber: number; responseNumber: number }): SurveyEvent {
  const findings = evaluateDeclaration(declaration, { receivedAt, period: 2024, requestedOn: '2025-02-01' });
  const data: ResponseRecorded = {
    supplierId: 'acme',
    period: 2024,
    ...numbers,
    receivedAt,
    declaration,
    source: { kind: 'json' },
    inScopeMetals: inScopeMetals(declaration),
    findings,
    followUpKinds: summariseFindings(findings).followUpKinds,
    smelterMatches: matchSmelterRows(declaration.smelters, ReferenceIndex.empty()),
    referenceListAsOf: null,
    ...(numbers.responseNumber > 1 ? { supersedesResponse: numbers.responseNumber - 1 } : {}),
    usability: usabilityOf(findings),
  };
  return { type: 'ResponseRecorded', data };
}
const answered = (requestNumber = 1, responseNumber = 1) =>
  recorded(completeDeclaration(), '2025-01-20T08:00:00.000Z', { requestNumber, responseNumber });

describe('SendCMRT', () => {
  it('sends request 1 for the period', () => {
    spec
      .given([])
      .when(sendCmrt, context)
      .then([cmrtSent(1)]);
  });

  it('is refused for a supplier that is not registered', () => {
    spec
      .given([])
      .when(sendCmrt, { supplier: { status: 'unknown' }, now })
      .thenRefused('supplier-unknown', 'acme');
  });

  it('is refused while a request for the same supplier and period is open', () => {
    spec
      .given([cmrtSent(1)])
      .when(sendCmrt, context)
      .thenRefused('survey-request-open', /send a reminder instead/);
    spec
      .given([cmrtSent(1), reminderSent(1)])
      .when(sendCmrt, context)
      .thenRefused('survey-request-open');
  });

  it('is allowed again after a response, as request 2 (a re-survey)', () => {
    spec
      .given([cmrtSent(1), answered()])
      .when(sendCmrt, context)
      .then([cmrtSent(2)]);
  });

  it('is refused when the due date is already past', () => {
    spec
      .given([])
      .when({ type: 'SendCMRT', data: { ...send, dueDate: '2025-01-31' } }, context)
      .thenRefused('due-date-in-past', '2025-01-31');
  });

  it('accepts a due date of today', () => {
    spec
      .given([])
      .when({ type: 'SendCMRT', data: { ...send, dueDate: '2025-02-01' } }, context)
      .then([{ type: 'CMRTSent', data: { ...send, dueDate: '2025-02-01', requestNumber: 1, sentOn: '2025-02-01' } }]);
  });
});

describe('SendReminder', () => {
  it('numbers the reminders of an open request', () => {
    spec
      .given([cmrtSent(1)])
      .when(sendReminder, context)
      .then([reminderSent(1)]);
    spec
      .given([cmrtSent(1), reminderSent(1), reminderSent(2)])
      .when(sendReminder, context)
      .then([reminderSent(3)]);
  });

  it('starts numbering again for a re-survey', () => {
    spec
      .given([cmrtSent(1), reminderSent(1), answered(), cmrtSent(2)])
      .when(sendReminder, context)
      .then([reminderSent(1, 2)]);
  });

  it('is overdue only after the due date', () => {
    spec
      .given([cmrtSent(1)])
      .when(sendReminder, at('2025-03-31T23:59:59.000Z'))
      .then([reminderSent(1)]);
    spec
      .given([cmrtSent(1)])
      .when(sendReminder, at('2025-04-01T00:00:00.000Z'))
      .then([reminderSent(1, 1, true)]);
  });

  it('is refused when no CMRT was sent', () => {
    spec.given([]).when(sendReminder, context).thenRefused('survey-not-sent');
  });

  it('is refused once the supplier has answered', () => {
    spec
      .given([cmrtSent(1), answered()])
      .when(sendReminder, context)
      .thenRefused('survey-already-answered');
  });

  it('is refused for a supplier that is not registered', () => {
    spec
      .given([cmrtSent(1)])
      .when(sendReminder, { supplier: { status: 'unknown' }, now })
      .thenRefused('supplier-unknown');
  });
});

describe('RecordResponse', () => {
  it('is refused when no CMRT was sent', () => {
    spec.given([]).when(recordResponse(completeDeclaration()), context).thenRefused('survey-not-sent');
  });

  it('records the declaration with its findings, in-scope metals and follow-up kinds as response 1', () => {
    const declaration = completeDeclaration();
    const receivedAt = '2025-01-20T08:00:00.000Z';
    spec
      .given([cmrtSent(1)])
      .when(recordResponse(declaration, receivedAt), context)
      .then([recorded(declaration, receivedAt, { requestNumber: 1, responseNumber: 1 })]);
  });

  it('records the metals the supplier declared in scope (Q1 and Q2 = Yes)', () => {
    const declaration = completeDeclaration();
    spec
      .given([cmrtSent(1)])
      .when(recordResponse(declaration), context)
      .then(([event]) => {
        expect(event?.type).toBe('ResponseRecorded');
        const { inScopeMetals: metals } = (event as Extract<SurveyEvent, { type: 'ResponseRecorded' }>).data;
        expect(metals.length).toBeGreaterThan(0);
        expect(metals).toEqual(inScopeMetals(declaration));
      });
  });

  it('records a blank template as received but not usable, with one follow-up asking for a proper answer that lists every missing answer', () => {
    const blank = Declaration.parse({});
    spec
      .given([cmrtSent(1)])
      .when(recordResponse(blank, '2025-01-20T08:00:00Z'), context)
      .then(([event, ...followUps]) => {
        const data = (event as Extract<SurveyEvent, { type: 'ResponseRecorded' }>).data;
        expect(data).toMatchObject({ responseNumber: 1, usability: 'blank', inScopeMetals: [], followUpKinds: ['unusable'] });
        expect(data.findings.map((finding) => [finding.ruleId, finding.severity, finding.kind])).toEqual(
          expect.arrayContaining([
            ['review.declaration-blank', 'error', 'unusable'],
            ['checker.company-name', 'error', 'incomplete'],
          ]),
        );
        const errors = data.findings.filter((finding) => finding.severity === 'error');
        expect(followUps).toEqual([
          expect.objectContaining({
            type: 'FollowUpRequested',
            data: expect.objectContaining({ kind: 'unusable', origin: 'checker', findings: errors }),
          }),
        ]);
      });
  });

  it("records another company's declaration as received but not usable, with a follow-up asking for the supplier's own", () => {
    const declaration = completeDeclaration();
    declaration.company.name = 'Central Glass Co., Ltd.';
    spec
      .given([cmrtSent(1)])
      .when(recordResponse(declaration, '2025-01-20T08:00:00Z'), context)
      .then(([event, ...followUps]) => {
        const data = (event as Extract<SurveyEvent, { type: 'ResponseRecorded' }>).data;
        expect(data).toMatchObject({ usability: 'another-company', followUpKinds: ['unusable'] });
        expect(followUps).toEqual([
          expect.objectContaining({ type: 'FollowUpRequested', data: expect.objectContaining({ kind: 'unusable' }) }),
        ]);
      });
  });

  it('records a declaration dated before the reporting period with an outdated finding and follow-up; still usable', () => {
    const declaration = completeDeclaration();
    declaration.company.effectiveDate = '2023-11-30';
    spec
      .given([cmrtSent(1)])
      .when(recordResponse(declaration, '2025-01-20T08:00:00Z'), context)
      .then(([event, ...followUps]) => {
        const data = (event as Extract<SurveyEvent, { type: 'ResponseRecorded' }>).data;
        expect(data.usability).toBe('usable');
        expect(data.findings.filter((finding) => finding.kind === 'outdated')).toEqual([
          expect.objectContaining({ ruleId: 'review.effective-date-outdated', severity: 'error', cell: 'Declaration!D22' }),
        ]);
        expect(followUps).toEqual([expect.objectContaining({ data: expect.objectContaining({ kind: 'outdated', origin: 'checker' }) })]);
      });
  });

  it('numbers a second response 2: it supersedes the first', () => {
    const declaration = completeDeclaration();
    spec
      .given([cmrtSent(1), answered()])
      .when(recordResponse(declaration, '2025-01-25T08:00:00.000Z'), context)
      .then([recorded(declaration, '2025-01-25T08:00:00.000Z', { requestNumber: 1, responseNumber: 2 })]);
  });

  it('numbers the answer to a re-survey after the earlier responses', () => {
    const declaration = completeDeclaration();
    spec
      .given([cmrtSent(1), answered(), cmrtSent(2)])
      .when(recordResponse(declaration, '2025-01-30T08:00:00.000Z'), context)
      .then([recorded(declaration, '2025-01-30T08:00:00.000Z', { requestNumber: 2, responseNumber: 2 })]);
  });

  it('normalises receivedAt given with an offset to UTC', () => {
    const declaration = completeDeclaration();
    spec
      .given([cmrtSent(1)])
      .when(recordResponse(declaration, '2025-01-20T10:00:00+02:00'), context)
      .then([recorded(declaration, '2025-01-20T08:00:00.000Z', { requestNumber: 1, responseNumber: 1 })]);
  });

  it('takes the time of recording when receivedAt is omitted', () => {
    const declaration = completeDeclaration();
    spec
      .given([cmrtSent(1)])
      .when(recordResponse(declaration), context)
      .then([recorded(declaration, now, { requestNumber: 1, responseNumber: 1 })]);
  });

  it('is refused when receivedAt lies in the future', () => {
    spec
      .given([cmrtSent(1)])
      .when(recordResponse(completeDeclaration(), '2025-02-01T09:00:01Z'), context)
      .thenRefused('received-in-future', '2025-02-01T09:00:01.000Z');
    // 11:00:01 at +02:00 is 09:00:01 UTC: one second after now, however it is written.
    spec
      .given([cmrtSent(1)])
      .when(recordResponse(completeDeclaration(), '2025-02-01T11:00:01+02:00'), context)
      .thenRefused('received-in-future');
  });

  it('compares receivedAt with the clock as instants, whatever offset the clock is given in', () => {
    // now = 09:00 UTC written at +02:00; 10:00 UTC is an hour in the future.
    spec
      .given([cmrtSent(1)])
      .when(recordResponse(completeDeclaration(), '2025-02-01T10:00:00Z'), at('2025-02-01T11:00:00+02:00'))
      .thenRefused('received-in-future');
    // now without milliseconds; receivedAt half a second later.
    spec
      .given([cmrtSent(1)])
      .when(recordResponse(completeDeclaration(), '2025-02-01T09:00:00.500Z'), at('2025-02-01T09:00:00Z'))
      .thenRefused('received-in-future');
    spec
      .given([cmrtSent(1)])
      .when(recordResponse(completeDeclaration(), '2025-02-01T08:59:59Z'), at('2025-02-01T11:00:00+02:00'))
      .then(([event]) => expect(event?.type).toBe('ResponseRecorded'));
  });
});
