import { completeDeclaration } from '../declaration/checker/declaration.fixture';
import { DeciderSpecification } from '../shared/decider-specification';
import type { SupplierState } from '../supplier/supplier.decider';
import { surveyDecider, type SurveyContext } from './survey.decider';
import type { SurveyEvent } from './survey.events';

const spec = DeciderSpecification.for(surveyDecider);

const acme: SupplierState = { status: 'registered', supplierId: 'acme', name: 'Acme', tier: 'direct', owner: 'buyer-1' };
/** The day after the 31 March due date. */
const pastDue: SurveyContext = { supplier: acme, now: '2025-04-01T08:00:00.000Z' };
const escalate = { type: 'EscalateNonResponse', data: { supplierId: 'acme', period: 2024 } } as const;

const cmrtSent = (requestNumber = 1, dueDate = '2025-03-31'): SurveyEvent => ({
  type: 'CMRTSent',
  data: { supplierId: 'acme', period: 2024, dueDate, requestNumber },
});
const reminderSent = (reminderNumber: number, requestNumber = 1): SurveyEvent => ({
  type: 'ReminderSent',
  data: { supplierId: 'acme', period: 2024, requestNumber, reminderNumber, overdue: false },
});
const escalated = (data: Partial<Extract<SurveyEvent, { type: 'NonResponseEscalated' }>['data']> = {}): SurveyEvent => ({
  type: 'NonResponseEscalated',
  data: { supplierId: 'acme', period: 2024, requestNumber: 1, owner: 'buyer-1', reminders: 2, dueDate: '2025-03-31', ...data },
});
const answered: SurveyEvent = {
  type: 'ResponseRecorded',
  data: {
    supplierId: 'acme',
    period: 2024,
    requestNumber: 1,
    responseNumber: 1,
    receivedAt: '2025-03-01T08:00:00.000Z',
    declaration: completeDeclaration(),
    source: { kind: 'json' },
    inScopeMetals: ['tungsten'],
    findings: [],
    followUpKinds: [],
    smelterMatches: [],
    referenceListAsOf: null,
  },
};

describe('EscalateNonResponse', () => {
  it("escalates an unanswered request past its due date to the supplier's owner, with the reminders sent", () => {
    spec
      .given([cmrtSent(), reminderSent(1), reminderSent(2)])
      .when(escalate, pastDue)
      .then([escalated()]);
  });

  it("goes to 'unassigned' when nobody owns the supplier", () => {
    const unowned: SupplierState = { status: 'registered', supplierId: 'acme', name: 'Acme', tier: 'direct' };
    spec
      .given([cmrtSent()])
      .when(escalate, { ...pastDue, supplier: unowned })
      .then([escalated({ owner: 'unassigned', reminders: 0 })]);
  });

  it('escalates once per request: a repeat is already true', () => {
    spec
      .given([cmrtSent(), reminderSent(1), reminderSent(2), escalated()])
      .when(escalate, pastDue)
      .thenNothing();
  });

  it('escalates a re-survey on its own, after the earlier request was escalated and then answered', () => {
    spec
      .given([cmrtSent(), escalated({ reminders: 0 }), answered, cmrtSent(2, '2025-03-20'), reminderSent(1, 2)])
      .when(escalate, pastDue)
      .then([escalated({ requestNumber: 2, reminders: 1, dueDate: '2025-03-20' })]);
  });

  it('is refused unless the request awaits a response', () => {
    spec.given([]).when(escalate, pastDue).thenRefused('survey-not-sent');
    spec.given([cmrtSent(), answered]).when(escalate, pastDue).thenRefused('survey-already-answered');
  });

  it('is refused on or before the due date', () => {
    spec
      .given([cmrtSent()])
      .when(escalate, { ...pastDue, now: '2025-03-31T23:59:59.000Z' })
      .thenRefused('not-overdue', /due 2025-03-31/);
  });

  it('is refused for a supplier that is not registered', () => {
    spec
      .given([cmrtSent()])
      .when(escalate, { ...pastDue, supplier: { status: 'unknown' } })
      .thenRefused('supplier-unknown');
  });
});

describe('SendCMRT from a campaign', () => {
  it('records the campaign on the request', () => {
    const send = { supplierId: 'acme', period: 2024, dueDate: '2025-03-31' };
    spec
      .given([])
      .when({ type: 'SendCMRT', data: send, campaignId: 'cmrt-2024' }, { supplier: acme, now: '2025-01-10T09:00:00.000Z' })
      .then([{ type: 'CMRTSent', data: { ...send, requestNumber: 1, campaignId: 'cmrt-2024', sentOn: '2025-01-10' } }]);
  });
});
