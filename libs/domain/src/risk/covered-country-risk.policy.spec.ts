import { evaluateDeclaration } from '../declaration/checker';
import { FIXTURE_RECEIVED_AT } from '../declaration/checker/declaration.fixture';
import type { RmapStatusLookup } from '../smelter/smelter-risk.policy';
import type { ResponseRecorded } from '../survey/survey.events';
import { riseOfMonitoredRisk } from './covered-country-risk.policy';
import { SEADRAGON, statusList, tungstenYes, XIAMEN } from './covered-country.fixture';
import { proportionedRisksFromResponse } from './risks-from-findings.policy';

/**
 * A covered-country "Yes" (Q3) in proportion: low and monitored while every identified smelter of the
 * metal is RMAP conformant or cross-recognised; high otherwise; rising when a status list takes that away.
 */
const coveredCountryRisk = (response: ResponseRecorded, statuses?: RmapStatusLookup) =>
  proportionedRisksFromResponse(response, 'response-1', statuses).risks.find((risk) => risk.category === 'covered-country-sourcing');

describe('a covered-country "Yes" in proportion to the smelters behind it', () => {
  it('given every identified tungsten smelter conformant or cross-recognised, then a low risk, monitored, saying why', () => {
    const response = tungstenYes();
    const { risks, monitored } = proportionedRisksFromResponse(
      response,
      'response-1',
      statusList({ [SEADRAGON]: 'conformant', [XIAMEN]: 'cross-recognized' }),
    );
    const risk = risks.find((r) => r.category === 'covered-country-sourcing');
    expect(risk).toMatchObject({ supplierId: 'acme', period: 2024, metal: 'tungsten', severity: 'low' });
    expect(risk!.reason).toMatch(
      /^Low, monitored: every identified Tungsten smelter is RMAP conformant or cross-recognised on the status list as of 2025-01-02 \(CID002494 conformant, CID002082 cross-recognized\); it rises when one of them loses that status or an unidentified smelter appears\.\nDeclaration!D41: /,
    );
    expect(risk!.source).toEqual({ kind: 'response-finding', eventId: 'response-1', ruleIds: ['review.covered-countries-sourcing'] });
    expect(monitored).toEqual([
      expect.objectContaining({ supplierId: 'acme', period: 2024, metal: 'tungsten', sightings: [expect.anything(), expect.anything()] }),
    ]);
  });

  it('given one of them only active, not on the list or non-conformant, then high, as before', () => {
    for (const status of ['active', 'non-conformant'] as const) {
      expect(coveredCountryRisk(tungstenYes(), statusList({ [SEADRAGON]: 'conformant', [XIAMEN]: status }))?.severity).toBe('high');
    }
    expect(coveredCountryRisk(tungstenYes(), statusList({ [SEADRAGON]: 'conformant' }))?.severity).toBe('high');
  });

  it('given an unidentified tungsten row beside the conformant ones, then high', () => {
    const response = tungstenYes({ unidentifiedRow: true });
    expect(coveredCountryRisk(response, statusList({ [SEADRAGON]: 'conformant', [XIAMEN]: 'conformant' }))?.severity).toBe('high');
  });

  it('given no status list imported, or none passed, then high: there is nothing to rely on', () => {
    expect(coveredCountryRisk(tungstenYes(), statusList(null))?.severity).toBe('high');
    expect(coveredCountryRisk(tungstenYes())?.severity).toBe('high');
  });

  it('given Q3 = Unknown, then high whatever the smelters: not knowing is not in proportion', () => {
    const response = tungstenYes();
    response.declaration.minerals.tungsten.q3 = { answer: 'Unknown' };
    response.findings = evaluateDeclaration(response.declaration, { receivedAt: FIXTURE_RECEIVED_AT });
    expect(coveredCountryRisk(response, statusList({ [SEADRAGON]: 'conformant', [XIAMEN]: 'conformant' }))?.severity).toBe('high');
  });
});

describe('a monitored covered-country risk when a new status list arrives', () => {
  const monitoredRisk = () =>
    proportionedRisksFromResponse(tungstenYes(), 'response-1', statusList({ [SEADRAGON]: 'conformant', [XIAMEN]: 'conformant' }))
      .monitored[0];

  it('given its smelters still conformant or cross-recognised, then nothing', () => {
    expect(
      riseOfMonitoredRisk(monitoredRisk(), statusList({ [SEADRAGON]: 'cross-recognized', [XIAMEN]: 'conformant' }), 'list-2'),
    ).toBeNull();
  });

  it('given one of them non-conformant, then it is raised high, saying which and on which list', () => {
    const rise = riseOfMonitoredRisk(
      monitoredRisk(),
      statusList({ [SEADRAGON]: 'conformant', [XIAMEN]: 'non-conformant' }, '2025-04-01'),
      'list-2',
    );
    expect(rise).toEqual({
      supplierId: 'acme',
      period: 2024,
      metal: 'tungsten',
      category: 'covered-country-sourcing',
      severity: 'high',
      reason:
        'acme answered Yes to covered-country sourcing of Tungsten (Q3) and not every Tungsten smelter is RMAP conformant or cross-recognised on the status list as of 2025-04-01 (CID002082 non-conformant).',
      source: {
        kind: 'smelter-status',
        eventId: 'list-2',
        rmapStatus: 'non-conformant',
        statusListAsOf: '2025-04-01',
        referenceListAsOf: '2024-12-31',
      },
    });
  });

  it('given one of them dropped from the list, then it is raised high too', () => {
    expect(riseOfMonitoredRisk(monitoredRisk(), statusList({ [SEADRAGON]: 'conformant' }), 'list-2')).toMatchObject({
      severity: 'high',
      source: { rmapStatus: null },
    });
  });
});
