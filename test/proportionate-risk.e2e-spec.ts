import { SettableClock } from '@dd/engine';
import { RunningApi } from './support/running-api';

/**
 * Risks in proportion, over HTTP: a supplier answers Yes to covered-country sourcing of tin (Q3), as the
 * CMRT asks even when its smelters are audited. Both tin smelters it names are RMAP conformant or
 * cross-recognised, so the covered-country risk is low and monitored, saying why. A later status list
 * on which one of them is non-conformant makes it rise to high by itself, and the register shows why.
 */
describe('a covered-country Yes in proportion to the smelters behind it', () => {
  const period = 2024;
  const clock = new SettableClock('2025-02-01T09:00:00.000Z');
  let api: RunningApi;

  const sha = (char: string) => char.repeat(64);
  const smelters = [
    { metal: 'tin', name: 'Alpha Tin Smelting', country: 'INDONESIA', smelterId: 'CID000001' },
    { metal: 'tin', name: 'Beta Metals Ltd.', country: 'MALAYSIA', smelterId: 'CID000002' },
  ];
  const statusList = (asOf: string, file: string, beta: string) => ({
    asOf,
    source: { kind: 'csv', fileName: `rmap-${asOf}.csv`, sha256: sha(file) },
    entries: [
      { metal: 'tin', smelterId: 'CID000001', name: 'Alpha Tin Smelting', status: 'conformant' },
      { metal: 'tin', smelterId: 'CID000002', name: 'Beta Metals Ltd.', status: beta },
    ],
  });
  const declaration = {
    templateVersion: '6.5',
    company: {
      name: 'Acme Components GmbH',
      scope: 'company',
      contactName: 'Maria Keller',
      contactEmail: 'maria.keller@acme.example',
      contactPhone: '+49 711 000000',
      authorizer: 'Jonas Weber',
      authorizerEmail: 'jonas.weber@acme.example',
      effectiveDate: '2025-01-15',
    },
    minerals: {
      tantalum: { q1: { answer: 'No' } },
      tin: {
        q1: { answer: 'Yes' },
        q2: { answer: 'Yes' },
        q3: { answer: 'Yes', comment: 'Alpha Tin Smelting sources cassiterite from Rwanda (RMAP conformant)' },
        q4: { answer: 'No' },
        q5: { answer: 'No' },
        q6: { answer: '100%' },
        q7: { answer: 'Yes' },
        q8: { answer: 'Yes' },
      },
      gold: { q1: { answer: 'No' } },
      tungsten: { q1: { answer: 'No' } },
    },
    companyQuestions: {
      A: { answer: 'Yes' },
      B: { answer: 'Yes', comment: 'https://acme.example/policy' },
      C: { answer: 'Yes' },
      D: { answer: 'Yes' },
      E: { answer: 'Yes, in conformance with IPC1755 (e.g., CMRT)' },
      F: { answer: 'Yes' },
      G: { answer: 'Yes' },
      H: { answer: 'Yes, with the SEC' },
    },
    smelters: smelters.map((smelter, index) => ({
      row: 5 + index,
      metal: smelter.metal,
      lookupName: smelter.name,
      name: smelter.name,
      country: smelter.country,
      smelterId: smelter.smelterId,
      idSource: 'RMI',
    })),
  };

  const ok = async (command: string, body: unknown) => {
    const response = await api.post(command, body);
    if (response.status !== 201) throw new Error(`${command}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as { eventIds: string[] };
  };
  const register = async () => (await api.get(`/risk-register?period=${period}`)).body as Array<Record<string, any>>;

  beforeAll(async () => {
    api = await RunningApi.start({ engine: { clock } });
  });

  afterAll(async () => {
    await api.stop();
    api.removeData();
  });

  it('records a low monitored risk that rises to high when one of the smelters loses its status', async () => {
    // Given the reference list and a status list on which both tin smelters are audited,
    await ok('ImportReferenceList', {
      asOf: '2025-01-02',
      source: { kind: 'csv', fileName: 'rmi-reference.csv', sha256: sha('a') },
      rows: smelters.map(({ metal, name, country, smelterId }) => ({ metal, lookupName: name, standardName: name, country, smelterId })),
    });
    await ok('ImportRmapStatusList', statusList('2025-01-02', 'b', 'cross-recognized'));
    await ok('RegisterSupplier', { supplierId: 'acme', name: 'Acme Components GmbH', tier: 'direct', country: 'DE' });
    await ok('SendCMRT', { supplierId: 'acme', period, dueDate: '2025-03-31' });

    // When the supplier answers Yes to covered-country sourcing of tin,
    await ok('RecordResponse', { supplierId: 'acme', period, declaration });

    // Then the covered-country risk is low, monitored, with that reason; no other risk.
    const [monitored, ...others] = await register();
    expect(others).toEqual([]);
    expect(monitored).toMatchObject({ category: 'covered-country-sourcing', metal: 'tin', severity: 'low', status: 'open' });
    expect(monitored.reason).toMatch(
      /^Low, monitored: every identified Tin smelter is RMAP conformant or cross-recognised on the status list as of 2025-01-02 \(CID000001 conformant, CID000002 cross-recognized\)/,
    );

    // When, in April, a status list says one of them is non-conformant,
    clock.set('2025-04-02T09:00:00.000Z');
    const laterList = await ok('ImportRmapStatusList', statusList('2025-04-01', 'c', 'non-conformant'));

    // Then the same risk has risen to high by itself, citing the list; the smelter is a risk of its own.
    const risks = await register();
    const risen = risks.find((risk) => risk.riskId === monitored.riskId)!;
    expect(risen).toMatchObject({ category: 'covered-country-sourcing', severity: 'high', status: 'open' });
    expect(risen.sourceEventIds).toContain(laterList.eventIds[0]);
    const history = (await api.get(`/risk-register/${monitored.riskId}`)).body;
    expect(JSON.stringify(history)).toContain(
      'Rose from low to high: acme answered Yes to covered-country sourcing of Tin (Q3) and not every Tin smelter is RMAP conformant or cross-recognised on the status list as of 2025-04-01 (CID000002 non-conformant).',
    );
    expect(risks.map((risk) => [risk.category, risk.smelterId, risk.severity]).sort()).toEqual([
      ['covered-country-sourcing', null, 'high'],
      ['non-conformant-smelter', 'CID000002', 'high'],
    ]);
  });
});
