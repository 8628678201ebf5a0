import { riskIdFor } from '../risk/risk-id';
import { undoWithdrawnStatusList, type ListWithdrawal, type StatusListEffects } from './list-withdrawal.policy';
import type { RmapStatus } from './rmap-status';
import type { RmapStatusLookup } from './smelter-risk.policy';
import type { SmelterSighting } from './smelter-sighting';
import { sightingOf } from './smelter-sighting.fixture';

const row = (smelterId: string, supplierId = 'acme'): SmelterSighting => sightingOf({ smelterId, supplierId });
const restored = (byId: Record<string, RmapStatus>, asOf: string | null = '2025-03-05'): RmapStatusLookup => ({
  asOf,
  statusOf: (_metal, id) => byId[id] ?? null,
});
const failing = (smelterId: string, supplierId = 'acme') =>
  riskIdFor({ period: 2025, supplierId, category: 'non-conformant-smelter', metal: 'tin', smelterId });
const notAudited = (smelterId: string, supplierId = 'acme') =>
  riskIdFor({ period: 2025, supplierId, category: 'smelter-not-audited', metal: 'tin', smelterId });
const effects = (of: Partial<Record<keyof StatusListEffects, string[]>>): StatusListEffects => ({
  raised: new Set(of.raised ?? []),
  warranted: new Set(of.warranted ?? []),
  closed: new Set(of.closed ?? []),
});

/** Given what the withdrawn list did and the list restored, when it is withdrawn, then... */
const withdraw = (given: Pick<ListWithdrawal, 'restored' | 'effects'> & Partial<ListWithdrawal>) =>
  undoWithdrawnStatusList({
    eventId: 'evt-withdrawal',
    asOf: '2099-01-01',
    reason: 'dated 2099 by mistake',
    judgedUnderWithdrawn: [],
    current: [],
    ...given,
  });

describe('withdrawing a status list imported by mistake', () => {
  it('closes the risks the mistaken list raised, saying why and which list is in force again', () => {
    // Alpha was conformant on the real list; the mistaken one said non-conformant and raised a risk.
    const outcome = withdraw({
      restored: restored({ CID000001: 'conformant' }),
      current: [row('CID000001')],
      effects: effects({ raised: [failing('CID000001')] }),
    });
    expect(outcome).toEqual({
      close: [
        {
          riskId: failing('CID000001'),
          reason:
            'Raised on the RMAP status list as of 2099-01-01, which was withdrawn (dated 2099 by mistake); the RMAP status list as of 2025-03-05 is in force again',
        },
      ],
      raise: [],
      kept: [],
    });
  });

  it('reopens the risks the mistaken list closed when the restored list still warrants them, and only those', () => {
    const outcome = withdraw({
      restored: restored({ CID000001: 'non-conformant', CID000002: 'conformant' }),
      current: [row('CID000001'), row('CID000002'), row('CID000003')],
      effects: effects({ closed: [failing('CID000001'), notAudited('CID000002')] }),
    });
    expect(outcome.close).toEqual([]);
    expect(outcome.raise.map((risk) => [risk.category, risk.smelterId, riskIdFor(risk)])).toEqual([
      ['non-conformant-smelter', 'CID000001', failing('CID000001')],
    ]);
    expect(outcome.raise[0].source).toMatchObject({ kind: 'smelter-status', eventId: 'evt-withdrawal', statusListAsOf: '2025-03-05' });
  });

  it('judges rows recorded while the mistaken list was in force against the restored one: keeps what both warrant, closes what only it did, raises what only the restored one does', () => {
    const outcome = withdraw({
      restored: restored({ CID000001: 'non-conformant', CID000002: 'suspended', CID000005: 'conformant' }),
      judgedUnderWithdrawn: [row('CID000001', 'bolt'), row('CID000002', 'bolt'), row('CID000004', 'bolt'), row('CID000005', 'bolt')],
      // Under the mistaken list: Alpha non-conformant too, CID000004 unlisted on both, CID000005 non-conformant (raised); Beta conformant (nothing).
      effects: effects({ raised: [failing('CID000001', 'bolt'), notAudited('CID000004', 'bolt'), failing('CID000005', 'bolt')] }),
    });
    expect(outcome.kept).toEqual([failing('CID000001', 'bolt'), notAudited('CID000004', 'bolt')].sort());
    expect(outcome.close.map((close) => close.riskId)).toEqual([failing('CID000005', 'bolt')]);
    expect(outcome.raise.map((risk) => riskIdFor(risk))).toEqual([failing('CID000002', 'bolt')]);
  });

  it('leaves a risk alone that was open when the mistaken list judged it and that a person closed since', () => {
    const outcome = withdraw({
      restored: restored({ CID000001: 'non-conformant' }),
      judgedUnderWithdrawn: [row('CID000001')],
      effects: effects({ warranted: [failing('CID000001')] }),
    });
    expect(outcome).toEqual({ close: [], raise: [], kept: [] });
  });

  it('given the only list withdrawn, then nothing is judged by status: every risk it raised closes, none is raised', () => {
    const outcome = withdraw({
      restored: restored({}, null),
      current: [row('CID000001')],
      judgedUnderWithdrawn: [row('CID000002')],
      effects: effects({ raised: [failing('CID000001'), notAudited('CID000002')], closed: [notAudited('CID000003')] }),
    });
    expect(outcome.raise).toEqual([]);
    expect(outcome.close.map((close) => close.riskId).sort()).toEqual([failing('CID000001'), notAudited('CID000002')].sort());
    expect(outcome.close[0].reason).toMatch(/no RMAP status list is in force any more$/);
  });
});
