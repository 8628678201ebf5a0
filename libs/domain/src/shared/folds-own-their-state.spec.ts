import { productDecider } from '../product/product.decider';
import { riskDecider } from '../risk/risk.decider';
import { supplierDecider } from '../supplier/supplier.decider';
import { surveyDecider } from '../survey/survey.decider';
import { foldState, type Decider, type DomainEvent } from './decider';

/** Freezes the events as a store hands them out, so a fold that wrote into one would throw. */
function frozen<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) frozen(inner);
    Object.freeze(value);
  }
  return value;
}

/**
 * Folds add to the collections of the state they build instead of copying them per event
 * (decider.ts). That is safe only if each fold starts from collections of its own and never writes
 * into an event: folding the same frozen events twice must give the same, complete state.
 */
function foldTwice<Event extends DomainEvent, State>(
  decider: Pick<Decider<unknown, Event, State, unknown>, 'initialState' | 'evolve'>,
  events: unknown[],
) {
  const log = frozen(events) as Event[];
  const once = foldState(decider, log);
  const twice = foldState(decider, log);
  expect(twice).toEqual(once);
  return once;
}

describe('folds own the state they build', () => {
  it("a supplier's contacts", () => {
    const state = foldTwice(supplierDecider, [
      { type: 'SupplierRegistered', data: { supplierId: 'acme', name: 'Acme', tier: 'direct' } },
      ...Array.from({ length: 300 }, (_, index) => ({
        type: 'SupplierContactAdded',
        data: { supplierId: 'acme', name: `C ${index}`, email: `C${index}@acme.example` },
      })),
    ]);
    expect(state.status === 'registered' && state.contactEmails).toEqual(
      Array.from({ length: 300 }, (_, index) => `c${index}@acme.example`),
    );
  });

  it("a product's suppliers", () => {
    const state = foldTwice(productDecider, [
      { type: 'ProductRegistered', data: { productId: 'p-1', name: 'Board' } },
      ...Array.from({ length: 300 }, (_, index) => ({
        type: 'ProductSupplierLinked',
        data: { productId: 'p-1', supplierId: `s-${index % 200}` },
      })),
    ]);
    expect(state.status === 'registered' && state.suppliers.size).toBe(200);
  });

  it("a survey's follow-ups and confirmed smelter matches, never the recorded response's own", () => {
    const matches = [
      { index: 0, row: 5, status: 'unmatched' },
      { index: 1, row: 6, status: 'unmatched' },
    ];
    const state = foldTwice(surveyDecider, [
      { type: 'CMRTSent', data: { requestNumber: 1, dueDate: '2025-05-31' } },
      { type: 'ResponseRecorded', data: { responseNumber: 1, source: { kind: 'json' }, smelterMatches: matches } },
      { type: 'SmelterMatchConfirmed', data: { index: 1, smelterId: 'CID000002', standardName: 'Beta' } },
      { type: 'FollowUpRequested', data: { followUpId: 'f-1', kind: 'missing-smelter-id' } },
      { type: 'FollowUpRequested', data: { followUpId: 'f-2', kind: 'missing-smelter-id' } },
      { type: 'FollowUpResolved', data: { followUpId: 'f-1' } },
    ]);
    expect([...state.openFollowUps.keys()]).toEqual(['f-2']);
    expect(state.followUpsRequested).toBe(2);
    expect(state.latestMatches.map((match) => match.status)).toEqual(['unmatched', 'matched']);
    expect(matches[1]).toEqual({ index: 1, row: 6, status: 'unmatched' });
  });

  it("a risk's escalations", () => {
    const state = foldTwice(riskDecider, [
      { type: 'RiskRaised', data: { riskId: 'r-1', period: 2025, category: 'grievance', severity: 'high' } },
      ...Array.from({ length: 50 }, (_, index) => ({
        type: 'RiskEscalated',
        data: { riskId: 'r-1', revision: 1 + (index % 5), actionIndex: index % 10 },
      })),
    ]);
    expect(state.escalated.size).toBe(10);
  });
});
