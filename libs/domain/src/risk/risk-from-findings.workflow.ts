import type { Workflow, WorkflowCommand, WorkflowDecision, WorkflowEvent } from '../shared/workflow';
import type { RmapStatusEntry } from '../smelter/rmap-status';
import { statusLookupOf, type RmapStatusLookup } from '../smelter/smelter-risk.policy';
import { riseOfMonitoredRisk, type MonitoredCoveredCountryRisk } from './covered-country-risk.policy';
import type { RaiseRisk } from './raise-risk.command';
import { proportionedRisksFromResponse, risksFromEmrtResponse } from './risks-from-findings.policy';

export type RiskFromFindingsEventType = 'ResponseRecorded' | 'EmrtResponseRecorded' | 'RmapStatusListImported' | 'RmapStatusListWithdrawn';

/** What the workflow reads of its state (kept by the engine, in tables): read-only. */
export interface RiskFromFindingsView {
  /** The RMAP status list in force. */
  statuses(): RmapStatusLookup;
  /** The covered-country risks raised low and monitored, by risk id. */
  monitored(): readonly MonitoredCoveredCountryRisk[];
}

/** Changes to the workflow's state, plain data the engine applies in order (in one transaction with its checkpoint). */
export type RiskFromFindingsChange =
  /** The supplier's latest response for the period is what its monitored risks rest on: these replace the earlier ones. */
  | { change: 'monitored-replaced'; supplierId: string; period: number; monitored: MonitoredCoveredCountryRisk[] }
  /** The status list in force from now on (none: asOf null, no entries). */
  | { change: 'status-list-in-force'; asOf: string | null; entries: RmapStatusEntry[] }
  /** Raised high again: no longer monitored. */
  | { change: 'risk-risen'; riskId: string };

type Decision = WorkflowDecision<WorkflowCommand<'RaiseRisk'>, RiskFromFindingsChange>;

const raise = (eventId: string, what: string, data: RaiseRisk): WorkflowCommand<'RaiseRisk'> => ({
  name: 'RaiseRisk',
  data,
  commandId: `risk-from-findings/${eventId}/${what}`,
});

/**
 * "The red-flag findings of a recorded response raise risks (risks-from-findings.policy.ts), in
 * proportion (covered-country-risk.policy.ts)": a covered-country "Yes" whose smelters are all
 * conformant on the status list in force is raised low and monitored; when a later status list (or a
 * withdrawal) takes a smelter's status away, the monitored risk is raised again high — it rises by itself.
 * It keeps the status list in force and the monitored risks. A refusal (a closed year: period-closed)
 * would be the same on every retry: the engine logs it and moves on.
 */
export const riskFromFindingsWorkflow: Workflow<
  RiskFromFindingsEventType,
  WorkflowCommand<'RaiseRisk'>,
  RiskFromFindingsChange,
  RiskFromFindingsView
> = {
  name: 'risk-from-findings',
  actor: 'system:risk-from-findings',
  handles: ['ResponseRecorded', 'EmrtResponseRecorded', 'RmapStatusListImported', 'RmapStatusListWithdrawn'],
  decide(event, view) {
    switch (event.type) {
      case 'ResponseRecorded':
        return responseRecorded(event, view);
      case 'EmrtResponseRecorded':
        return emrtResponseRecorded(event);
      case 'RmapStatusListImported':
        return statusListInForce(event.metadata.eventId, event.data, view);
      case 'RmapStatusListWithdrawn':
        return statusListInForce(event.metadata.eventId, event.data.restored, view);
      default:
        return event satisfies never;
    }
  },
};

function responseRecorded(event: WorkflowEvent<'ResponseRecorded'>, view: RiskFromFindingsView): Decision {
  const { supplierId, period } = event.data;
  const eventId = event.metadata.eventId;
  const { risks, monitored } = proportionedRisksFromResponse(event.data, eventId, view.statuses());
  return {
    commands: risks.map((risk) => raise(eventId, `${risk.category}/${risk.metal ?? 'all'}`, risk)),
    changes: [{ change: 'monitored-replaced', supplierId, period, monitored }],
  };
}

/** An EMRT response's red flags (a mineral from CAHRAs) become high risks of that mineral; none is monitored. */
function emrtResponseRecorded(event: WorkflowEvent<'EmrtResponseRecorded'>): Decision {
  const eventId = event.metadata.eventId;
  const risks = risksFromEmrtResponse(event.data, eventId);
  return { commands: risks.map((risk) => raise(eventId, `${risk.category}/${risk.metal ?? 'all'}`, risk)), changes: [] };
}

/** A status list came into force (imported, or restored by a withdrawal; none: null): the monitored risks it no longer bears rise. */
function statusListInForce(
  eventId: string,
  list: { asOf: string; entries: RmapStatusEntry[] } | null,
  view: RiskFromFindingsView,
): Decision {
  const lookup = statusLookupOf(list);
  const commands: WorkflowCommand<'RaiseRisk'>[] = [];
  const risen: RiskFromFindingsChange[] = [];
  for (const risk of view.monitored()) {
    const rise = riseOfMonitoredRisk(risk, lookup, eventId);
    if (!rise) continue;
    commands.push(raise(eventId, `rise/${rise.supplierId}/${rise.period}/${rise.metal}`, rise));
    risen.push({ change: 'risk-risen', riskId: risk.riskId });
  }
  return { commands, changes: [{ change: 'status-list-in-force', asOf: list?.asOf ?? null, entries: list?.entries ?? [] }, ...risen] };
}
