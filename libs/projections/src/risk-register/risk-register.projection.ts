import type {
  Finding,
  MitigationDecided,
  MitigationProgressRecorded,
  ResponseRecorded,
  RiskAssessed,
  RiskClosed,
  RiskEscalated,
  RiskOwnerAssigned,
  RiskRaised,
  RiskReopened,
  RiskSeverity,
} from '@dd/domain';
import type { RecordedEvent } from '@dd/event-store';
import type { ProjectionDefinition } from '../core/projection';
import { historySummary } from './risk-history';

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

interface Stamp {
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

const LIFECYCLE_EVENTS = new Set([
  'RiskReopened',
  'RiskAssessed',
  'RiskOwnerAssigned',
  'MitigationDecided',
  'MitigationProgressRecorded',
  'RiskEscalated',
  'RiskClosed',
]);

/**
 * The risk register: one row per risk with where it stands (status, owner, assessment, plan,
 * escalations, closure), every event of the risk as its history, and the red-flag findings of each
 * supplier's latest response per period, so a risk can be shown with the findings behind it.
 *
 * Each row remembers the position of the last event applied to it and ignores anything older, so an
 * event applied again (a replay over kept tables) changes nothing.
 */
export const riskRegisterProjection: ProjectionDefinition = {
  name: 'risk-register',
  // 3: supplier_id may be NULL (a risk raised from a grievance that names no supplier).
  version: 3,
  tables: ['risk_register', 'risk_history', 'red_flags', 'risk_latest_responses'],
  create(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS risk_register (
        risk_id TEXT PRIMARY KEY,
        supplier_id TEXT,
        period INTEGER NOT NULL,
        metal TEXT,
        smelter_id TEXT,
        category TEXT NOT NULL,
        severity TEXT NOT NULL,
        severity_rank INTEGER NOT NULL,
        raised_severity TEXT NOT NULL,
        status TEXT NOT NULL,
        reason TEXT NOT NULL,
        evidence TEXT,
        raised_at TEXT NOT NULL,
        raised_by TEXT NOT NULL,
        source_kind TEXT NOT NULL,
        rule_ids TEXT NOT NULL,
        source_event_ids TEXT NOT NULL,
        owner TEXT,
        assessment TEXT,
        mitigation TEXT,
        escalations TEXT NOT NULL,
        closure TEXT,
        next_escalation_due TEXT,
        updated_at TEXT NOT NULL,
        position INTEGER NOT NULL,
        last_position INTEGER NOT NULL
      );
      CREATE INDEX IF NOT EXISTS risk_register_by_period ON risk_register (period, severity_rank, raised_at);
      CREATE INDEX IF NOT EXISTS risk_register_by_supplier ON risk_register (supplier_id, period);
      CREATE INDEX IF NOT EXISTS risk_register_by_escalation_due ON risk_register (next_escalation_due) WHERE next_escalation_due IS NOT NULL;
      CREATE TABLE IF NOT EXISTS risk_history (
        risk_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        type TEXT NOT NULL,
        at TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        by TEXT NOT NULL,
        summary TEXT NOT NULL,
        event_id TEXT NOT NULL,
        PRIMARY KEY (risk_id, position)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS risk_latest_responses (
        supplier_id TEXT NOT NULL,
        period INTEGER NOT NULL,
        event_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (supplier_id, period)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS red_flags (
        supplier_id TEXT NOT NULL,
        period INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        rule_id TEXT NOT NULL,
        metal TEXT,
        smelter_id TEXT,
        field TEXT NOT NULL,
        cell TEXT,
        message TEXT NOT NULL,
        event_id TEXT NOT NULL,
        PRIMARY KEY (supplier_id, period, seq)
      ) WITHOUT ROWID;
      CREATE INDEX IF NOT EXISTS red_flags_by_period ON red_flags (period, rule_id);
    `);
    const insertRisk = db.prepare(`INSERT INTO risk_register (risk_id, supplier_id, period, metal, smelter_id,
      category, severity, severity_rank, raised_severity, status, reason, evidence, raised_at, raised_by, source_kind, rule_ids,
      source_event_ids, owner, assessment, mitigation, escalations, closure, next_escalation_due, updated_at, position, last_position)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, '[]', NULL, NULL, ?, ?, ?)
      ON CONFLICT (risk_id) DO NOTHING`);
    const readLifecycle = db.prepare(`SELECT severity, owner, assessment, mitigation, escalations, closure, source_event_ids AS sourceEventIds,
      last_position AS lastPosition FROM risk_register WHERE risk_id = ?`);
    const writeLifecycle = db.prepare(`UPDATE risk_register SET severity = ?, severity_rank = ?, status = ?, owner = ?, assessment = ?,
      mitigation = ?, escalations = ?, closure = ?, next_escalation_due = ?, source_event_ids = ?, updated_at = ?, last_position = ?
      WHERE risk_id = ?`);
    const insertHistory = db.prepare(`INSERT OR REPLACE INTO risk_history (risk_id, position, type, at, recorded_at, by, summary, event_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    // Takes the response as the latest unless a later one is there already (a replay over kept
    // tables may bring older responses again); `changes` says which happened.
    const upsertLatest = db.prepare(`INSERT INTO risk_latest_responses (supplier_id, period, event_id, position)
      VALUES (?, ?, ?, ?) ON CONFLICT (supplier_id, period) DO UPDATE SET event_id = excluded.event_id,
      position = excluded.position WHERE excluded.position >= risk_latest_responses.position`);
    const clearRedFlags = db.prepare('DELETE FROM red_flags WHERE supplier_id = ? AND period = ?');
    const insertRedFlag = db.prepare(`INSERT INTO red_flags (supplier_id, period, seq, rule_id, metal, smelter_id,
      field, cell, message, event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);

    const history = (riskId: string, event: RecordedEvent) =>
      insertHistory.run(
        riskId,
        event.globalPosition,
        event.type,
        event.metadata.occurredAt,
        event.metadata.recordedAt,
        event.metadata.actor,
        historySummary(event),
        event.metadata.eventId,
      );

    function riskRaised(event: RecordedEvent<'RiskRaised', RiskRaised>): void {
      const risk = event.data;
      const source = risk.source;
      const sourceEventIds = 'eventId' in source ? [event.metadata.eventId, source.eventId] : [event.metadata.eventId];
      insertRisk.run(
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
      history(risk.riskId, event);
    }

    /** Reads the row, lets `change` alter its lifecycle, writes it back; an event not newer than the row is ignored. */
    function lifecycle(event: RecordedEvent, riskId: string, change: (risk: RiskLifecycle & { sourceEventIds: string[] }, stamp: Stamp) => void): void {
      const row = readLifecycle.get(riskId) as
        | { severity: RiskSeverity; owner: string | null; assessment: string | null; mitigation: string | null; escalations: string; closure: string | null; sourceEventIds: string; lastPosition: number }
        | undefined;
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
      writeLifecycle.run(
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
      history(riskId, event);
    }

    function applyLifecycle(event: RecordedEvent): void {
      switch (event.type) {
        case 'RiskReopened': {
          const data = event.data as RiskReopened;
          return lifecycle(event, data.riskId, (risk) => {
            // A new episode: the earlier assessment and plan are history, not the current state.
            risk.severity = data.severity;
            risk.assessment = null;
            risk.mitigation = null;
            risk.closure = null;
            risk.sourceEventIds.push(event.metadata.eventId, ...('eventId' in data.source ? [data.source.eventId] : []));
          });
        }
        case 'RiskAssessed': {
          const { riskId, likelihood, impact, severity, rationale } = event.data as RiskAssessed;
          return lifecycle(event, riskId, (risk, stamp) => {
            risk.severity = severity;
            risk.assessment = { likelihood, impact, severity, rationale, ...stamp };
          });
        }
        case 'RiskOwnerAssigned': {
          const { riskId, owner } = event.data as RiskOwnerAssigned;
          return lifecycle(event, riskId, (risk) => void (risk.owner = owner));
        }
        case 'MitigationDecided': {
          const { riskId, revision, strategy, plan, dueDate, actions } = event.data as MitigationDecided;
          return lifecycle(event, riskId, (risk, stamp) => {
            risk.mitigation = { revision, strategy, plan, dueDate, completed: false, actions: actions.map((a) => ({ ...a, completed: false })), ...stamp };
          });
        }
        case 'MitigationProgressRecorded': {
          const { riskId, revision, actionIndex, completed } = event.data as MitigationProgressRecorded;
          return lifecycle(event, riskId, (risk) => {
            const mitigation = risk.mitigation;
            if (!mitigation || mitigation.revision !== revision || completed === undefined) return;
            if (actionIndex === undefined) mitigation.completed = completed;
            else if (mitigation.actions[actionIndex]) mitigation.actions[actionIndex].completed = completed;
          });
        }
        case 'RiskEscalated': {
          const { riskId, revision, actionIndex, dueDate, escalatedTo, reason } = event.data as RiskEscalated;
          return lifecycle(event, riskId, (risk, stamp) => {
            risk.escalations.push({ revision, actionIndex: actionIndex ?? null, dueDate, escalatedTo, reason, ...stamp });
          });
        }
        case 'RiskClosed': {
          const { riskId, resolution, note } = event.data as RiskClosed;
          return lifecycle(event, riskId, (risk, stamp) => void (risk.closure = { resolution, note, ...stamp }));
        }
      }
    }

    function responseRecorded(event: RecordedEvent<'ResponseRecorded', ResponseRecorded>): void {
      const { supplierId, period, findings } = event.data;
      // Only the latest response's red flags are kept.
      if (upsertLatest.run(supplierId, period, event.metadata.eventId, event.globalPosition).changes === 0) return;
      clearRedFlags.run(supplierId, period);
      let seq = 0;
      for (const finding of findings as Finding[]) {
        if (finding.severity !== 'red-flag') continue;
        insertRedFlag.run(
          supplierId,
          period,
          seq++,
          finding.ruleId,
          finding.metal ?? null,
          finding.smelterId ?? null,
          finding.field,
          finding.cell ?? null,
          finding.message,
          event.metadata.eventId,
        );
      }
    }

    return {
      apply(event) {
        if (event.type === 'RiskRaised') riskRaised(event as RecordedEvent<'RiskRaised', RiskRaised>);
        else if (event.type === 'ResponseRecorded') responseRecorded(event as RecordedEvent<'ResponseRecorded', ResponseRecorded>);
        else if (LIFECYCLE_EVENTS.has(event.type)) applyLifecycle(event);
      },
    };
  },
};
