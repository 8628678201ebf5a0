import { DeciderSpecification } from '../shared/decider-specification';
import type { SupplierState } from '../supplier/supplier.decider';
import { surveyDecider, type SurveyContext } from './survey.decider';
import type { SurveyEvent } from './survey.events';

const spec = DeciderSpecification.for(surveyDecider);

const acme: SupplierState = { status: 'registered', supplierId: 'acme', name: 'Acme', tier: 'direct' };
const context: SurveyContext = { supplier: acme, now: '2025-02-01T08:00:00.000Z' };
const revoke = (data: { requestNumber?: number; reason?: string } = {}) =>
  ({ type: 'RevokeSupplierLink', data: { supplierId: 'acme', period: 2024, ...data } }) as const;
const cmrtSent = (requestNumber = 1): SurveyEvent => ({
  type: 'CMRTSent',
  data: { supplierId: 'acme', period: 2024, dueDate: '2025-03-31', requestNumber },
});
const revoked = (requestNumber: number, reason?: string): SurveyEvent => ({
  type: 'SupplierLinkRevoked',
  data: { supplierId: 'acme', period: 2024, requestNumber, ...(reason ? { reason } : {}) },
});

describe('RevokeSupplierLink', () => {
  it("revokes the current request's link, with the reason given", () => {
    spec
      .given([cmrtSent()])
      .when(revoke({ reason: 'the contact left' }), context)
      .then([revoked(1, 'the contact left')]);
  });

  it('revokes an earlier request by its number', () => {
    spec
      .given([cmrtSent(1), cmrtSent(2)])
      .when(revoke({ requestNumber: 1 }), context)
      .then([revoked(1)]);
  });

  it('records nothing more for a link already revoked (a retry, or two people at once)', () => {
    spec
      .given([cmrtSent(), revoked(1)])
      .when(revoke(), context)
      .thenNothing();
  });

  it('is refused before any request was sent, and for a request that does not exist', () => {
    spec.given([]).when(revoke(), context).thenRefused('survey-not-sent', 'no CMRT was sent to acme for 2024');
    spec
      .given([cmrtSent()])
      .when(revoke({ requestNumber: 2 }), context)
      .thenRefused('request-unknown', /not a request 2/);
  });
});
