import type { RmapStatus } from '../smelter/rmap-status';
import { concludeProduct, type SupplierAnswer } from './product-conclusion.policy';

const answer = (response: Partial<NonNullable<SupplierAnswer['response']>>, supplierId = 'cm-1'): SupplierAnswer => ({
  supplierId,
  response: {
    eventId: `ev-${supplierId}`,
    scope: 'product',
    inScopeMetals: ['tin'],
    coveredCountrySourcing: { tin: 'yes' },
    smelters: [],
    ...response,
  },
});
const tinRow = (smelterId: string, rmapStatus: RmapStatus | null, match: 'matched' | 'unresolved' = 'matched') => ({
  metal: 'tin' as const,
  row: 5,
  match,
  smelterId,
  rmapStatus,
});

describe('product conclusions', () => {
  it('given product-level answers whose smelters are all conformant, then DRC conflict free', () => {
    const result = concludeProduct(['tin'], [answer({ smelters: [tinRow('CID000001', 'conformant')] })]);
    expect(result.conclusion).toBe('DRC conflict free');
    expect(result.reasons).toEqual([expect.objectContaining({ code: 'all-smelters-conformant', eventIds: ['ev-cm-1'] })]);
  });

  it('given a non-conformant smelter with covered-country sourcing, then not found to be DRC conflict free', () => {
    const result = concludeProduct(
      ['tin'],
      [answer({ smelters: [tinRow('CID000002', 'non-conformant')] }), answer({ scope: 'company' }, 'cm-2')],
    );
    expect(result.conclusion).toBe('not found to be DRC conflict free');
    expect(result.reasons.map((r) => r.code)).toEqual(['non-conformant-smelter-covered-countries', 'company-level-declaration']);
  });

  it('given company-level declarations only (the seed report), then DRC conflict undeterminable', () => {
    const result = concludeProduct(['tin'], [answer({ scope: 'company', smelters: [tinRow('CID000001', 'conformant')] })]);
    expect(result).toEqual({
      conclusion: 'DRC conflict undeterminable',
      reasons: [expect.objectContaining({ code: 'company-level-declaration', supplierId: 'cm-1' })],
    });
  });

  it('given an unanswered survey or unidentified smelters, then undeterminable', () => {
    expect(concludeProduct(['tin'], [{ supplierId: 'cm-9', response: null }]).reasons[0].code).toBe('supplier-not-responded');
    expect(
      concludeProduct(['tin'], [answer({ smelters: [tinRow('CID000001', 'conformant'), tinRow('', null, 'unresolved')] })]).reasons[0].code,
    ).toBe('unidentified-smelters');
    expect(concludeProduct(['tin'], []).reasons[0].code).toBe('no-suppliers-linked');
  });

  it('given smelters not audited, then free only when the supplier reports no covered-country sourcing', () => {
    expect(concludeProduct(['tin'], [answer({ smelters: [tinRow('CID000003', 'active')] })]).conclusion).toBe(
      'DRC conflict undeterminable',
    );
    expect(
      concludeProduct(['tin'], [answer({ coveredCountrySourcing: { tin: 'no' }, smelters: [tinRow('CID000003', 'active')] })]).conclusion,
    ).toBe('DRC conflict free');
  });

  it('given no 3TG necessary, or a metal the supplier does not use, then those are said so', () => {
    expect(concludeProduct([], []).conclusion).toBe('no 3TG necessary');
    expect(concludeProduct(['gold'], [answer({})]).reasons[0].code).toBe('metal-not-used-by-suppliers');
  });
});
