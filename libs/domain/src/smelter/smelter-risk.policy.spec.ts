import { riskIdFor } from '../risk/risk-id';
import type { RmapStatus } from './rmap-status';
import { judgeSighting, smelterRisks, statusResolvesSmelterRisks, type RmapStatusLookup } from './smelter-risk.policy';
import type { SmelterSighting } from './smelter-sighting';
import { sightingOf } from './smelter-sighting.fixture';

const sighting = (overrides: Partial<SmelterSighting> = {}): SmelterSighting =>
  sightingOf({ standardName: 'Alpha Tin Smelting', name: 'Alpha Tin Smelting', ...overrides });

const statuses = (byId: Record<string, RmapStatus>, asOf: string | null = '2025-03-05'): RmapStatusLookup => ({
  asOf,
  statusOf: (_metal, smelterId) => byId[smelterId] ?? null,
});

describe('whether a named smelter is a risk', () => {
  it.each<[RmapStatus | null, string | null, string]>([
    ['non-conformant', 'non-conformant-smelter', 'high'],
    ['suspended', 'non-conformant-smelter', 'high'],
    [null, 'smelter-not-audited', 'medium'],
    ['eligible', 'smelter-not-audited', 'medium'],
    ['in-communication', 'smelter-not-audited', 'medium'],
    ['outreach-required', 'smelter-not-audited', 'medium'],
    ['conformant', null, ''],
    ['cross-recognized', null, ''],
    ['active', null, ''],
  ])('a matched smelter with RMAP status %s: %s %s', (status, risk, severity) => {
    const verdict = judgeSighting(sighting(), statuses(status ? { CID000001: status } : {}));
    expect(verdict.risk).toBe(risk);
    if (verdict.risk) expect(verdict.severity).toBe(severity);
  });

  it('judges no status before any RMAP status list is imported', () => {
    expect(judgeSighting(sighting(), statuses({}, null))).toEqual({ risk: null, why: 'no RMAP status list imported yet' });
  });

  it('raises unknown-smelter (medium) for rows not on the reference list, once a reference list was used', () => {
    expect(judgeSighting(sighting({ status: 'unresolved', smelterId: undefined, name: 'Mystery Tin' }), statuses({}))).toMatchObject({
      risk: 'unknown-smelter',
      severity: 'medium',
    });
    expect(judgeSighting(sighting({ status: 'needs-confirmation', smelterId: undefined, name: 'Metallo' }), statuses({}))).toMatchObject({
      risk: 'unknown-smelter',
    });
    expect(judgeSighting(sighting({ status: 'unresolved', smelterId: undefined, referenceListAsOf: null }), statuses({})).risk).toBeNull();
    expect(judgeSighting(sighting({ status: 'unresolved', smelterId: undefined, name: undefined }), statuses({})).risk).toBeNull();
  });

  it('leaves "not yet identified" to the findings (one unidentified-smelter risk per metal) and ignores metals out of scope', () => {
    expect(judgeSighting(sighting({ status: 'unidentified', smelterId: undefined }), statuses({})).why).toMatch(/unidentified-smelter/);
    expect(judgeSighting(sighting({ inScope: false }), statuses({ CID000001: 'non-conformant' })).risk).toBeNull();
    expect(judgeSighting(sighting({ metal: undefined, inScope: false }), statuses({})).risk).toBeNull();
  });

  it('closes status risks by itself only on an audit result (conformant, cross-recognized)', () => {
    expect(
      ['conformant', 'cross-recognized', 'active', 'eligible', 'non-conformant', null].map((s) =>
        statusResolvesSmelterRisks(s as RmapStatus | null),
      ),
    ).toEqual([true, true, false, false, false, false]);
  });
});

describe('the risks a set of sightings raises', () => {
  const rows = [
    sighting({ index: 0, row: 5 }),
    sighting({ index: 1, row: 6 }),
    sighting({ index: 2, row: 7, smelterId: 'CID000002', standardName: 'Beta Metals Ltd.' }),
    sighting({ index: 3, row: 8, status: 'unresolved', smelterId: undefined, standardName: undefined, name: 'Mystery Tin Works' }),
    sighting({ index: 4, row: 9, status: 'needs-confirmation', smelterId: undefined, standardName: undefined, name: 'Metallo Belgum' }),
    sighting({ index: 5, row: 10, smelterId: 'CID000003', standardName: 'Gamma', metal: 'gold', inScope: false }),
  ];

  it('one per smelter (rows naming it twice raise it once), one per metal for the rows we cannot place', () => {
    const risks = smelterRisks(rows, statuses({ CID000001: 'non-conformant', CID000002: 'conformant' }), 'evt-7');
    expect(risks).toEqual([
      {
        supplierId: 'acme',
        period: 2025,
        metal: 'tin',
        smelterId: 'CID000001',
        category: 'non-conformant-smelter',
        severity: 'high',
        reason:
          'Tin smelter CID000001 (Alpha Tin Smelting) is non-conformant on the RMAP status list as of 2025-03-05; named by acme in response 1, Smelter List rows 5, 6.',
        source: {
          kind: 'smelter-status',
          eventId: 'evt-7',
          rmapStatus: 'non-conformant',
          statusListAsOf: '2025-03-05',
          referenceListAsOf: '2025-03-05',
        },
      },
      {
        supplierId: 'acme',
        period: 2025,
        metal: 'tin',
        category: 'unknown-smelter',
        severity: 'medium',
        reason:
          'Tin smelters named by acme in response 1 are not on the reference list as of 2025-03-05: row 8 "Mystery Tin Works" (unresolved); row 9 "Metallo Belgum" (needs confirmation).',
        source: { kind: 'smelter-status', eventId: 'evt-7', statusListAsOf: '2025-03-05', referenceListAsOf: '2025-03-05' },
      },
    ]);
  });

  it('lands on deterministic register entries, so a repeat raises nothing new', () => {
    const risks = smelterRisks(rows, statuses({ CID000001: 'non-conformant' }), 'evt-1');
    expect(risks.map((risk) => risk.category)).toEqual(['non-conformant-smelter', 'smelter-not-audited', 'unknown-smelter']);
    const [nonConformant, , unknown] = risks;
    expect(riskIdFor(nonConformant)).toBe(
      riskIdFor({ period: 2025, supplierId: 'acme', category: 'non-conformant-smelter', metal: 'tin', smelterId: 'CID000001' }),
    );
    expect(riskIdFor(unknown)).toBe(riskIdFor({ period: 2025, supplierId: 'acme', category: 'unknown-smelter', metal: 'tin' }));
  });

  it('names the status of a smelter that is not audited', () => {
    const [notListed] = smelterRisks([sighting({ smelterId: 'CID000002', standardName: 'Beta' })], statuses({}), 'e');
    expect(notListed.reason).toBe(
      'Tin smelter CID000002 (Beta) is not on the RMAP status list as of 2025-03-05, so not independently audited; named by acme in response 1, Smelter List row 5.',
    );
    const [eligible] = smelterRisks([sighting({ smelterId: 'CID000002', standardName: 'Beta' })], statuses({ CID000002: 'eligible' }), 'e');
    expect(eligible).toMatchObject({ category: 'smelter-not-audited', source: { rmapStatus: 'eligible' } });
    expect(eligible.reason).toMatch(/is "eligible" on the RMAP status list as of 2025-03-05, not independently audited/);
  });
});
