import type { RmapStatus } from '../smelter/rmap-status';
import type { WorkflowEvent } from '../shared/workflow';
import type { MonitoredCoveredCountryRisk } from './covered-country-risk.policy';
import { SEADRAGON, statusList, tungstenYes, XIAMEN } from './covered-country.fixture';
import { proportionedRisksFromResponse } from './risks-from-findings.policy';
import { riskFromFindingsWorkflow, type RiskFromFindingsView } from './risk-from-findings.workflow';

/**
 * The risk-from-findings workflow over a view given as plain data (the engine keeps it in tables):
 * given what it has kept, when an event comes, then the commands it sends and the changes it keeps.
 */
const conformant = { [SEADRAGON]: 'conformant', [XIAMEN]: 'conformant' } as const;

const viewOf = (kept: {
  statuses?: Record<string, RmapStatus> | null;
  monitored?: MonitoredCoveredCountryRisk[];
}): RiskFromFindingsView => ({
  statuses: () => statusList(kept.statuses ?? null),
  monitored: () => kept.monitored ?? [],
});

const responseRecorded = (eventId: string) =>
  ({ type: 'ResponseRecorded', metadata: { eventId }, data: tungstenYes() }) satisfies WorkflowEvent<'ResponseRecorded'>;

const statusListImported = (eventId: string, asOf: string, statuses: Record<string, RmapStatus>) =>
  ({
    type: 'RmapStatusListImported',
    metadata: { eventId },
    data: {
      asOf,
      source: { kind: 'csv', fileName: 'rmap.csv', sha256: 'b'.repeat(64) },
      entries: Object.entries(statuses).map(([smelterId, status]) => ({ metal: 'tungsten', smelterId, status })),
      changes: [],
    },
  }) satisfies WorkflowEvent<'RmapStatusListImported'>;

/** The low risk a covered-country Yes gets while both smelters are conformant, as the workflow keeps it. */
const monitoredRisk = () => proportionedRisksFromResponse(tungstenYes(), 'response-1', statusList(conformant)).monitored[0];

describe('risk-from-findings workflow', () => {
  it('given both smelters conformant on the list in force, when a covered-country Yes is recorded, then a low risk is raised and monitored in place of the earlier ones', () => {
    const { commands, changes } = riskFromFindingsWorkflow.decide(responseRecorded('response-1'), viewOf({ statuses: conformant }));

    expect(commands).toEqual([
      {
        name: 'RaiseRisk',
        commandId: 'risk-from-findings/response-1/covered-country-sourcing/tungsten',
        data: expect.objectContaining({ supplierId: 'acme', period: 2024, metal: 'tungsten', severity: 'low' }),
      },
    ]);
    expect(changes).toEqual([{ change: 'monitored-replaced', supplierId: 'acme', period: 2024, monitored: [monitoredRisk()] }]);
  });

  it('given no status list in force, when the same Yes is recorded, then it is raised high and nothing is monitored', () => {
    const { commands, changes } = riskFromFindingsWorkflow.decide(responseRecorded('response-1'), viewOf({}));

    expect(commands.map((command) => [command.commandId, command.data.severity])).toEqual([
      ['risk-from-findings/response-1/covered-country-sourcing/tungsten', 'high'],
    ]);
    expect(changes).toEqual([{ change: 'monitored-replaced', supplierId: 'acme', period: 2024, monitored: [] }]);
  });

  it('given a monitored risk, when a new list keeps its smelters conformant, then nothing rises and the new list is in force', () => {
    const list = statusListImported('list-2', '2025-04-01', { [SEADRAGON]: 'cross-recognized', [XIAMEN]: 'conformant' });

    const { commands, changes } = riskFromFindingsWorkflow.decide(list, viewOf({ statuses: conformant, monitored: [monitoredRisk()] }));

    expect(commands).toEqual([]);
    expect(changes).toEqual([{ change: 'status-list-in-force', asOf: '2025-04-01', entries: list.data.entries }]);
  });

  it('given a monitored risk, when a new list takes a smelter its status, then the risk rises high by itself and is no longer monitored', () => {
    const list = statusListImported('list-2', '2025-04-01', { [SEADRAGON]: 'conformant', [XIAMEN]: 'non-conformant' });
    const risk = monitoredRisk();

    const { commands, changes } = riskFromFindingsWorkflow.decide(list, viewOf({ statuses: conformant, monitored: [risk] }));

    expect(commands).toEqual([
      {
        name: 'RaiseRisk',
        commandId: 'risk-from-findings/list-2/rise/acme/2024/tungsten',
        data: expect.objectContaining({
          severity: 'high',
          source: expect.objectContaining({ eventId: 'list-2', rmapStatus: 'non-conformant' }),
        }),
      },
    ]);
    expect(changes).toEqual([
      { change: 'status-list-in-force', asOf: '2025-04-01', entries: list.data.entries },
      { change: 'risk-risen', riskId: risk.riskId },
    ]);
  });

  it('given a monitored risk, when the only list is withdrawn, then no list is in force and the risk rises: there is nothing to rely on', () => {
    const risk = monitoredRisk();
    const withdrawn = {
      type: 'RmapStatusListWithdrawn',
      metadata: { eventId: 'withdrawal-1' },
      data: { asOf: '2025-01-02', sha256: 'a'.repeat(64), reason: 'wrong file', restored: null, changes: [] },
    } satisfies WorkflowEvent<'RmapStatusListWithdrawn'>;

    const { commands, changes } = riskFromFindingsWorkflow.decide(withdrawn, viewOf({ statuses: conformant, monitored: [risk] }));

    expect(commands.map((command) => [command.commandId, command.data.severity])).toEqual([
      ['risk-from-findings/withdrawal-1/rise/acme/2024/tungsten', 'high'],
    ]);
    expect(changes).toEqual([
      { change: 'status-list-in-force', asOf: null, entries: [] },
      { change: 'risk-risen', riskId: risk.riskId },
    ]);
  });
});
