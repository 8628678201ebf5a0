import { DeciderSpecification } from '../shared/decider-specification';
import type { SupplierState } from '../supplier/supplier.decider';
import type { FlagNonConflictFree } from './flag-non-conflict-free.command';
import type { RaiseRisk } from './raise-risk.command';
import { riskIdFor } from './risk-id';
import { riskDecider, type RiskContext } from './risk.decider';
import type { RiskEvent } from './risk.events';

const spec = DeciderSpecification.for(riskDecider);

const acme: SupplierState = { status: 'registered', supplierId: 'acme', name: 'Acme', tier: 'direct' };
const known: RiskContext = { supplier: acme };
const unknown: RiskContext = { supplier: { status: 'unknown' } };

const flag: FlagNonConflictFree = {
  supplierId: 'acme',
  period: 2024,
  metal: 'tin',
  smelterId: 'CID001105',
  reason: 'RMI lists the smelter as non-conformant',
  evidence: 'RMI notice 2024-07',
};
const flagRiskId = riskIdFor({ period: 2024, supplierId: 'acme', category: 'non-conflict-free-smelter', metal: 'tin', smelterId: 'CID001105' });
const flagged: RiskEvent = {
  type: 'RiskRaised',
  data: {
    riskId: flagRiskId,
    supplierId: 'acme',
    period: 2024,
    metal: 'tin',
    smelterId: 'CID001105',
    category: 'non-conflict-free-smelter',
    severity: 'high',
    reason: 'RMI lists the smelter as non-conformant',
    evidence: 'RMI notice 2024-07',
    source: { kind: 'flag' },
  },
};

const raise: RaiseRisk = {
  supplierId: 'acme',
  period: 2024,
  metal: 'gold',
  category: 'covered-country-sourcing',
  severity: 'high',
  reason: 'gold sourced from CD',
  source: { kind: 'response-finding', eventId: 'evt-1', ruleIds: ['review.covered-country-sourcing'] },
};
const raised: RiskEvent = {
  type: 'RiskRaised',
  data: { riskId: riskIdFor({ period: 2024, supplierId: 'acme', category: 'covered-country-sourcing', metal: 'gold' }), ...raise },
};

describe('FlagNonConflictFree', () => {
  it('raises a high-severity non-conflict-free-smelter risk identified by what it is about', () => {
    spec.given([]).when({ type: 'FlagNonConflictFree', data: flag }, known).then([flagged]);
  });

  it('raises a risk for a smelter the supplier could not name', () => {
    const { smelterId: _omitted, ...withoutSmelter } = flag;
    spec
      .given([])
      .when({ type: 'FlagNonConflictFree', data: withoutSmelter }, known)
      .then(([event, ...rest]) => {
        expect(rest).toEqual([]);
        expect(event?.data).toMatchObject({ category: 'non-conflict-free-smelter', severity: 'high', smelterId: undefined });
        expect(event?.data.riskId).toBe(
          riskIdFor({ period: 2024, supplierId: 'acme', category: 'non-conflict-free-smelter', metal: 'tin' }),
        );
      });
  });

  it('is refused for an unknown supplier', () => {
    spec.given([]).when({ type: 'FlagNonConflictFree', data: flag }, unknown).thenRefused('supplier-unknown', 'acme');
  });

  it('is refused while the same risk is open', () => {
    spec
      .given([flagged])
      .when({ type: 'FlagNonConflictFree', data: flag }, known)
      .thenRefused('risk-already-open', flagRiskId);
  });
});

describe('RaiseRisk', () => {
  it('raises the risk once', () => {
    spec.given([]).when({ type: 'RaiseRisk', data: raise }, known).then([raised]);
  });

  it('is a no-op when the risk is already open (a resubmission with the same red flag)', () => {
    spec.given([raised]).when({ type: 'RaiseRisk', data: raise }, known).thenNothing();
  });

  it('is refused for an unknown supplier', () => {
    spec.given([]).when({ type: 'RaiseRisk', data: raise }, unknown).thenRefused('supplier-unknown');
  });
});

describe('riskIdFor', () => {
  const key = { period: 2024, supplierId: 'acme', category: 'non-conflict-free-smelter', metal: 'tin', smelterId: 'CID001105' } as const;

  it('is stable for the same red flag and scoped by period', () => {
    expect(riskIdFor(key)).toBe(riskIdFor({ ...key }));
    expect(riskIdFor(key)).toMatch(/^2024-[0-9a-f]{16}$/);
  });

  it('differs by smelter, metal, category, supplier and period', () => {
    const ids = [
      riskIdFor(key),
      riskIdFor({ ...key, smelterId: 'CID002494' }),
      riskIdFor({ ...key, smelterId: undefined }),
      riskIdFor({ ...key, metal: 'gold' }),
      riskIdFor({ ...key, metal: undefined }),
      riskIdFor({ ...key, category: 'covered-country-sourcing' }),
      riskIdFor({ ...key, supplierId: 'globex' }),
      riskIdFor({ ...key, period: 2025 }),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });
});
