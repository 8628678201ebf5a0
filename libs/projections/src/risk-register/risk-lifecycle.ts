import type { RiskSeverity } from '@dd/domain';

/** Sort key: high before medium before low. */
export const SEVERITY_RANK: Record<RiskSeverity, number> = { high: 0, medium: 1, low: 2 };

/** Where a risk stands in its life (OECD step 3), derived from its events. */
export const RISK_STATUSES = ['open', 'assessed', 'mitigating', 'escalated', 'closed'] as const;
export type RiskStatus = (typeof RISK_STATUSES)[number];

/** The lifecycle columns of a register row, as JSON-able values (what the lifecycle events change). */
export interface RiskLifecycle {
  severity: RiskSeverity;
  owner: string | null;
  assessment: StoredAssessment | null;
  mitigation: StoredMitigation | null;
  escalations: StoredEscalation[];
  closure: StoredClosure | null;
}

/** Who changed the risk, when, by which event. */
export interface Stamp {
  at: string;
  by: string;
  eventId: string;
}
export interface StoredAssessment extends Stamp {
  likelihood: string;
  impact: string;
  severity: RiskSeverity;
  rationale: string;
}
export interface StoredMitigation extends Stamp {
  revision: number;
  strategy: string;
  plan: string;
  dueDate: string;
  /** The plan as a whole marked done (RecordMitigationProgress without an action, completed). */
  completed: boolean;
  actions: Array<{ description: string; dueDate: string; completed: boolean }>;
}
export interface StoredEscalation extends Stamp {
  revision: number;
  actionIndex: number | null;
  dueDate: string;
  escalatedTo: string;
  reason: string;
}
export interface StoredClosure extends Stamp {
  resolution: string;
  note: string;
}

/**
 * open: raised (or reopened), not assessed; assessed: no plan yet; mitigating: a plan is under way;
 * escalated: a date of the current plan passed and was escalated, and that target is still not done;
 * closed.
 */
export function riskStatusOf(risk: Pick<RiskLifecycle, 'assessment' | 'mitigation' | 'escalations' | 'closure'>): RiskStatus {
  if (risk.closure) return 'closed';
  const mitigation = risk.mitigation;
  if (mitigation) {
    const stillOverdue = risk.escalations.some(
      (escalation) =>
        escalation.revision === mitigation.revision &&
        !(escalation.actionIndex === null ? mitigation.completed : mitigation.actions[escalation.actionIndex]?.completed),
    );
    return stillOverdue ? 'escalated' : 'mitigating';
  }
  return risk.assessment ? 'assessed' : 'open';
}

/**
 * The earliest due date of the current plan that is neither done nor escalated yet: what the
 * overdue-mitigation process manager looks for (null when nothing is left to escalate).
 */
export function nextEscalationDue(risk: Pick<RiskLifecycle, 'mitigation' | 'escalations' | 'closure'>): string | null {
  const mitigation = risk.mitigation;
  if (risk.closure || !mitigation) return null;
  const escalated = new Set(risk.escalations.filter((e) => e.revision === mitigation.revision).map((e) => e.actionIndex ?? -1));
  const due = [
    ...(mitigation.completed || escalated.has(-1) ? [] : [mitigation.dueDate]),
    ...mitigation.actions.filter((action, index) => !action.completed && !escalated.has(index)).map((action) => action.dueDate),
  ].sort();
  return due[0] ?? null;
}
