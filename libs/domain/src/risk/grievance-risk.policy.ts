import type { GrievanceRecorded } from '../program/program.events';
import { METAL_LABELS } from '../shared/metals';
import type { Workflow, WorkflowCommand } from '../shared/workflow';
import type { RaiseRisk } from './raise-risk.command';
import { DEFAULT_SEVERITY } from './risks-from-findings.policy';

const EXCERPT = 500;

/**
 * The risk a recorded grievance raises (OECD step 1 grievance mechanism feeding step 2): one per
 * grievance, about the supplier, metal and smelter it names — possibly none. The reporter's name is
 * never copied into the register; the grievance event keeps it for those entitled to read it.
 */
export function riskFromGrievance(grievance: GrievanceRecorded, grievanceEventId: string): RaiseRisk {
  const about = [
    grievance.supplierId ? `supplier ${grievance.supplierId}` : undefined,
    grievance.metal ? METAL_LABELS[grievance.metal].toLowerCase() : undefined,
    grievance.smelterId ? `smelter ${grievance.smelterId}` : undefined,
  ].filter(Boolean);
  const description = grievance.description.length > EXCERPT ? `${grievance.description.slice(0, EXCERPT)}…` : grievance.description;
  return {
    ...(grievance.supplierId ? { supplierId: grievance.supplierId } : {}),
    period: grievance.period,
    ...(grievance.metal ? { metal: grievance.metal } : {}),
    ...(grievance.smelterId ? { smelterId: grievance.smelterId } : {}),
    category: 'grievance',
    severity: DEFAULT_SEVERITY.grievance,
    reason: `${grievance.anonymous ? 'Anonymous grievance' : 'Grievance'} ${grievance.grievanceId}${about.length ? ` about ${about.join(', ')}` : ''}: ${description}`,
    source: { kind: 'grievance', eventId: grievanceEventId, grievanceId: grievance.grievanceId },
  };
}

/** "A grievance raises a risk", as a workflow: one RaiseRisk per GrievanceRecorded, its id derived from the event. */
export const grievanceRiskWorkflow: Workflow<'GrievanceRecorded', WorkflowCommand<'RaiseRisk'>> = {
  name: 'grievance-risk',
  actor: 'system:grievance-risk',
  handles: ['GrievanceRecorded'],
  decide: ({ data, metadata: { eventId } }) => ({
    commands: [{ name: 'RaiseRisk', data: riskFromGrievance(data, eventId), commandId: `grievance-risk/${eventId}` }],
    changes: [],
  }),
};
