import type { RiskSeverity } from '@dd/domain';
import type { RecordedEventOf } from '../core/event-handlers';
import { historySummary, type RiskHistoryEventType } from './risk-history';
import { contributionChange, RISK_MOVEMENT_TYPES, type RiskMovementEntry, type RiskMovementType } from './roll-forward-figures';
import {
  nextEscalationDue,
  riskStatusOf,
  SEVERITY_RANK,
  type RiskLifecycle,
  type Stamp,
  type StoredAssessment,
  type StoredClosure,
  type StoredEscalation,
  type StoredMitigation,
} from './risk-lifecycle';
import type { RiskRegisterStatements } from './risk-register.tables';

/** Every event of a risk is a line of its history; a raise, reopening or closure also moves the roll-forward's figures. */
function history<T extends RiskHistoryEventType>(s: RiskRegisterStatements, riskId: string, event: RecordedEventOf<T>): void {
  const { occurredAt, recordedAt, actor, eventId } = event.metadata;
  if (isMovement(event.type)) moveRollForward(s, riskId, { position: event.globalPosition, type: event.type, at: occurredAt });
  s.insertHistory.run(riskId, event.globalPosition, event.type, occurredAt, recordedAt, actor, historySummary(event), eventId);
}

const isMovement = (type: string): type is RiskMovementType => (RISK_MOVEMENT_TYPES as readonly string[]).includes(type);

/**
 * Adds what this movement changes to the roll-forward's figures: the risk's movements (its history
 * before this line is written) with and without it. A movement already in the history (an event
 * applied again) changes nothing.
 */
function moveRollForward(s: RiskRegisterStatements, riskId: string, movement: RiskMovementEntry): void {
  const before = s.riskMovements.all(riskId) as RiskMovementEntry[];
  if (before.some((earlier) => earlier.position === movement.position)) return;
  const after = [...before, movement].sort((a, b) => a.position - b.position);
  const category = s.riskCategory.get(riskId) as string;
  for (const change of contributionChange(before, after))
    s.addRollForward.run(change.year, category, change.additions, change.reopened, change.deductions, change.openChange);
}

interface LifecycleRow {
  severity: RiskSeverity;
  owner: string | null;
  assessment: string | null;
  mitigation: string | null;
  escalations: string;
  closure: string | null;
  sourceEventIds: string;
  lastPosition: number;
}

/** Reads the row, lets `change` alter its lifecycle, writes it back; an event not newer than the row is ignored. */
function lifecycle<T extends RiskHistoryEventType>(
  s: RiskRegisterStatements,
  event: RecordedEventOf<T>,
  riskId: string,
  change: (risk: RiskLifecycle & { sourceEventIds: string[] }, stamp: Stamp) => void,
): void {
  const row = s.readLifecycle.get(riskId) as LifecycleRow | undefined;
  if (!row || row.lastPosition >= event.globalPosition) return;
  const risk = {
    severity: row.severity,
    owner: row.owner,
    assessment: row.assessment ? (JSON.parse(row.assessment) as StoredAssessment) : null,
    mitigation: row.mitigation ? (JSON.parse(row.mitigation) as StoredMitigation) : null,
    escalations: JSON.parse(row.escalations) as StoredEscalation[],
    closure: row.closure ? (JSON.parse(row.closure) as StoredClosure) : null,
    sourceEventIds: JSON.parse(row.sourceEventIds) as string[],
  };
  change(risk, { at: event.metadata.occurredAt, by: event.metadata.actor, eventId: event.metadata.eventId });
  s.writeLifecycle.run(
    risk.severity,
    SEVERITY_RANK[risk.severity] ?? 3,
    riskStatusOf(risk),
    risk.owner,
    risk.assessment ? JSON.stringify(risk.assessment) : null,
    risk.mitigation ? JSON.stringify(risk.mitigation) : null,
    JSON.stringify(risk.escalations),
    risk.closure ? JSON.stringify(risk.closure) : null,
    nextEscalationDue(risk),
    JSON.stringify(risk.sourceEventIds),
    event.metadata.occurredAt,
    event.globalPosition,
    riskId,
  );
  history(s, riskId, event);
}

export function riskRaised(s: RiskRegisterStatements, event: RecordedEventOf<'RiskRaised'>): void {
  const risk = event.data;
  const source = risk.source;
  const sourceEventIds = 'eventId' in source ? [event.metadata.eventId, source.eventId] : [event.metadata.eventId];
  s.insertRisk.run(
    risk.riskId,
    risk.supplierId ?? null,
    risk.period,
    risk.metal ?? null,
    risk.smelterId ?? null,
    risk.category,
    risk.severity,
    SEVERITY_RANK[risk.severity] ?? 3,
    risk.severity,
    risk.reason,
    risk.evidence ?? null,
    event.metadata.occurredAt,
    event.metadata.actor,
    source.kind,
    JSON.stringify(source.kind === 'response-finding' ? source.ruleIds : []),
    JSON.stringify(sourceEventIds),
    event.metadata.occurredAt,
    event.globalPosition,
    event.globalPosition,
  );
  history(s, risk.riskId, event);
}

export function riskReopened(s: RiskRegisterStatements, event: RecordedEventOf<'RiskReopened'>): void {
  const data = event.data;
  lifecycle(s, event, data.riskId, (risk) => {
    // A new episode: the earlier assessment and plan are history, not the current state.
    risk.severity = data.severity;
    risk.assessment = null;
    risk.mitigation = null;
    risk.closure = null;
    risk.sourceEventIds.push(event.metadata.eventId, ...('eventId' in data.source ? [data.source.eventId] : []));
  });
}

export function riskSeverityRaised(s: RiskRegisterStatements, event: RecordedEventOf<'RiskSeverityRaised'>): void {
  const data = event.data;
  lifecycle(s, event, data.riskId, (risk) => {
    // The same episode at a higher severity: the assessment stays (in the history) until the next one.
    risk.severity = data.severity;
    risk.sourceEventIds.push(event.metadata.eventId, ...('eventId' in data.source ? [data.source.eventId] : []));
  });
}

export function riskAssessed(s: RiskRegisterStatements, event: RecordedEventOf<'RiskAssessed'>): void {
  const { riskId, likelihood, impact, severity, rationale } = event.data;
  lifecycle(s, event, riskId, (risk, stamp) => {
    risk.severity = severity;
    risk.assessment = { likelihood, impact, severity, rationale, ...stamp };
  });
}

export function riskOwnerAssigned(s: RiskRegisterStatements, event: RecordedEventOf<'RiskOwnerAssigned'>): void {
  const { riskId, owner } = event.data;
  lifecycle(s, event, riskId, (risk) => void (risk.owner = owner));
}

export function mitigationDecided(s: RiskRegisterStatements, event: RecordedEventOf<'MitigationDecided'>): void {
  const { riskId, revision, strategy, plan, dueDate, actions } = event.data;
  lifecycle(s, event, riskId, (risk, stamp) => {
    risk.mitigation = {
      revision,
      strategy,
      plan,
      dueDate,
      completed: false,
      actions: actions.map((a) => ({ ...a, completed: false })),
      ...stamp,
    };
  });
}

export function mitigationProgressRecorded(s: RiskRegisterStatements, event: RecordedEventOf<'MitigationProgressRecorded'>): void {
  const { riskId, revision, actionIndex, completed } = event.data;
  lifecycle(s, event, riskId, (risk) => {
    const mitigation = risk.mitigation;
    if (!mitigation || mitigation.revision !== revision || completed === undefined) return;
    if (actionIndex === undefined) mitigation.completed = completed;
    else if (mitigation.actions[actionIndex]) mitigation.actions[actionIndex].completed = completed;
  });
}

export function riskEscalated(s: RiskRegisterStatements, event: RecordedEventOf<'RiskEscalated'>): void {
  const { riskId, revision, actionIndex, dueDate, escalatedTo, reason } = event.data;
  lifecycle(s, event, riskId, (risk, stamp) => {
    risk.escalations.push({ revision, actionIndex: actionIndex ?? null, dueDate, escalatedTo, reason, ...stamp });
  });
}

export function riskClosed(s: RiskRegisterStatements, event: RecordedEventOf<'RiskClosed'>): void {
  const { riskId, resolution, note } = event.data;
  lifecycle(s, event, riskId, (risk, stamp) => void (risk.closure = { resolution, note, ...stamp }));
}
