import { riskIdFor } from './risk-id';

describe('risk ids', () => {
  const cmrtUnanswered = {
    period: 2024,
    supplierId: 'bolt',
    category: 'non-response' as const,
    source: { kind: 'non-response' as const, eventId: 'e-1', dueDate: '2025-02-28' },
  };

  it('given a supplier leaves its CMRT unanswered, then the non-response risk keeps the id it always had', () => {
    // The id computed before the EMRT was surveyed (a change here would split every recorded CMRT non-response risk).
    expect(riskIdFor(cmrtUnanswered)).toBe('2024-a397d09e6a475176');
  });

  it('given the same supplier leaves its EMRT unanswered too, then that is another risk, the same for every EMRT request', () => {
    const emrt = riskIdFor({ ...cmrtUnanswered, source: { ...cmrtUnanswered.source, family: 'emrt' } });
    expect(emrt).not.toBe(riskIdFor(cmrtUnanswered));
    expect(riskIdFor({ ...cmrtUnanswered, source: { kind: 'non-response', eventId: 'e-9', family: 'emrt' } })).toBe(emrt);
  });
});
