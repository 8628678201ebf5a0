import type {
  Impact,
  Likelihood,
  Mineral,
  MitigationStrategy,
  RiskCategory,
  RiskResolution,
  RiskSeverity,
  RiskSourceKind,
} from '@dd/domain';
import type { ReadModelDb } from '../core/read-model-db';
import { StatementCache } from '../core/statement-cache';
import { keysetCondition, WHOLE_LIST, type KeysetPage } from '../keyset-page';
import { SEVERITY_RANK } from './risk-lifecycle';
import type { RiskStatus, StoredAssessment, StoredClosure, StoredEscalation, StoredMitigation } from './risk-register.projection';

export type { RiskStatus } from './risk-register.projection';

export interface RiskAssessment {
  likelihood: Likelihood;
  impact: Impact;
  severity: RiskSeverity;
  rationale: string;
  at: string;
  by: string;
  eventId: string;
}

export interface RiskMitigation {
  /** 1 for the first plan, 2 for a revision, ... */
  revision: number;
  strategy: MitigationStrategy;
  plan: string;
  dueDate: string;
  /** The plan as a whole marked done. */
  completed: boolean;
  actions: Array<{ description: string; dueDate: string; completed: boolean }>;
  at: string;
  by: string;
  eventId: string;
}

export interface RiskEscalation {
  revision: number;
  /** null: the plan's own due date. */
  actionIndex: number | null;
  dueDate: string;
  escalatedTo: string;
  reason: string;
  at: string;
  by: string;
  eventId: string;
}

export interface RiskClosure {
  resolution: RiskResolution;
  note: string;
  at: string;
  by: string;
  eventId: string;
}

export interface RiskEntry {
  riskId: string;
  /** null: a risk from a grievance that names no supplier. */
  supplierId: string | null;
  period: number;
  metal: Mineral | null;
  smelterId: string | null;
  category: RiskCategory;
  /** Current severity: the assessed one, else the one it was raised (or reopened) with. */
  severity: RiskSeverity;
  /** The severity it was first raised with. */
  raisedSeverity: RiskSeverity;
  status: RiskStatus;
  reason: string;
  evidence: string | null;
  /** Business time of the RiskRaised event. */
  raisedAt: string;
  /** The actor of the RiskRaised event (a person for flags, the engine for risks from findings). */
  raisedBy: string;
  source: RiskSourceKind;
  /** Rules of the findings that raised it (empty unless raised from findings). */
  ruleIds: string[];
  /** The RiskRaised (and RiskReopened) event ids and the events that caused them (a ResponseRecorded, a status list, ...). */
  sourceEventIds: string[];
  owner: string | null;
  /** The assessment of the current episode (null after a reopen until assessed again). */
  assessment: RiskAssessment | null;
  /** The current plan (null after a reopen until decided again). */
  mitigation: RiskMitigation | null;
  /** Every escalation over the risk's life, oldest first. */
  escalations: RiskEscalation[];
  closure: RiskClosure | null;
  /** Business time of the last event of the risk. */
  updatedAt: string;
}

/** One event of a risk's history. */
export interface RiskHistoryItem {
  type: string;
  /** Business time (occurredAt). */
  at: string;
  /** Store time (recordedAt). */
  recordedAt: string;
  /** The actor: a person, or the engine's process manager. */
  by: string;
  summary: string;
  eventId: string;
}

/** A red-flag finding of a supplier's latest response for a period. */
export interface RedFlag {
  supplierId: string;
  period: number;
  ruleId: string;
  metal: Mineral | null;
  smelterId: string | null;
  field: string;
  cell: string | null;
  message: string;
  /** The ResponseRecorded event the finding belongs to. */
  eventId: string;
}

export interface RiskDetail extends RiskEntry {
  /** Red flags of the supplier's latest response for the period that this risk is about (by rule and metal). */
  findings: RedFlag[];
  /** Every event of the risk, oldest first. */
  history: RiskHistoryItem[];
}

export interface RiskRegisterQuery {
  period: number;
  status?: RiskStatus;
  supplierId?: string;
  category?: RiskCategory;
  severity?: RiskSeverity;
}

export interface RedFlagQuery {
  period: number;
  supplierId?: string;
}

/** The roll-forward's figures of one business year and risk category, as the register keeps them. */
export interface RiskRollForwardFigures {
  year: number;
  category: RiskCategory;
  /** Raised or reopened in the year. */
  additions: number;
  /** Of the additions, reopenings. */
  reopened: number;
  /** Closed in the year. */
  deductions: number;
  /** The year's change to the category's balance of open risks at year end. */
  openChange: number;
}

/** A date of a current plan that has passed without the target being done or escalated. */
export interface OverdueMitigation {
  riskId: string;
  revision: number;
  /** Absent: the plan's own due date. */
  actionIndex?: number;
  dueDate: string;
}

const RISK_COLUMNS = `risk_id AS riskId, supplier_id AS supplierId, period, metal, smelter_id AS smelterId, category,
  severity, raised_severity AS raisedSeverity, status, reason, evidence, raised_at AS raisedAt, raised_by AS raisedBy,
  source_kind AS source, rule_ids AS ruleIds, source_event_ids AS sourceEventIds, owner, assessment, mitigation, escalations,
  closure, updated_at AS updatedAt`;

/**
 * A risk as the JSON of a RiskEntry, built by SQLite (the same fields as RISK_COLUMNS and toEntry): a
 * page of the register is one string per risk and one JSON.parse, about half the work of 22 columns
 * per row read into an object and six of them parsed again.
 */
const RISK_ENTRY_JSON = `json_object('riskId', risk_id, 'supplierId', supplier_id, 'period', period, 'metal', metal,
  'smelterId', smelter_id, 'category', category, 'severity', severity, 'raisedSeverity', raised_severity, 'status', status,
  'reason', reason, 'evidence', evidence, 'raisedAt', raised_at, 'raisedBy', raised_by, 'source', source_kind,
  'ruleIds', json(rule_ids), 'sourceEventIds', json(source_event_ids), 'owner', owner, 'assessment', json(assessment),
  'mitigation', json(mitigation), 'escalations', json(escalations), 'closure', json(closure), 'updatedAt', updated_at)`;

const RED_FLAG_COLUMNS = `supplier_id AS supplierId, period, rule_id AS ruleId, metal, smelter_id AS smelterId, field,
  cell, message, event_id AS eventId`;

const RED_FLAGS_OF_SUPPLIER = `SELECT ${RED_FLAG_COLUMNS} FROM red_flags WHERE supplier_id = ? AND period = ? ORDER BY seq`;

type JsonColumns = 'ruleIds' | 'sourceEventIds' | 'assessment' | 'mitigation' | 'escalations' | 'closure';
type RiskRow = Omit<RiskEntry, JsonColumns> & Record<JsonColumns, string | null>;

export class RiskRegisterQueries {
  private readonly statements: StatementCache;

  constructor(db: ReadModelDb) {
    this.statements = new StatementCache(db);
  }

  /**
   * Risks of a period, most severe first, then in the order they were raised (then by id): the
   * page after the risk whose riskPageKey is `page.after`.
   */
  list(query: RiskRegisterQuery, page: KeysetPage = WHOLE_LIST): RiskEntry[] {
    const { conditions, parameters } = riskFilter(query);
    const after = keysetCondition(['severity_rank', 'raised_at', 'risk_id'], page);
    if (after.sql !== null) conditions.push(after.sql);
    const sql = `SELECT ${RISK_ENTRY_JSON} FROM risk_register WHERE ${conditions.join(' AND ')}
      ORDER BY severity_rank, raised_at, risk_id LIMIT ?`;
    const rows = this.statements
      .get(sql)
      .pluck()
      .all(...parameters, ...after.parameters, page.limit) as string[];
    return rows.map((json) => JSON.parse(json) as RiskEntry);
  }

  /**
   * How many risks `list` lists under the same filters: a sum over the kept counts of the period (a
   * few dozen rows at most), or, for one supplier, its own risks counted by the supplier index.
   */
  count(query: RiskRegisterQuery): number {
    if (query.supplierId !== undefined) {
      const { conditions, parameters } = riskFilter(query);
      return this.statements
        .get(`SELECT count(*) FROM risk_register WHERE ${conditions.join(' AND ')}`)
        .pluck()
        .get(...parameters) as number;
    }
    // The kept counts have the filter's columns but the supplier's (a supplier's total is counted above).
    const { conditions, parameters } = equalities(query, ['status', 'category', 'severity']);
    return this.statements
      .get(`SELECT coalesce(sum(risks), 0) FROM risk_register_counts WHERE ${conditions.join(' AND ')}`)
      .pluck()
      .get(...parameters) as number;
  }

  /** One risk with the findings behind it and its whole history; null for an unknown id. */
  get(riskId: string): RiskDetail | null {
    const row = this.statements.get(`SELECT ${RISK_COLUMNS} FROM risk_register WHERE risk_id = ?`).get(riskId) as RiskRow | undefined;
    if (!row) return null;
    const risk = toEntry(row);
    const rules = new Set(risk.ruleIds);
    const findings = (this.statements.get(RED_FLAGS_OF_SUPPLIER).all(risk.supplierId, risk.period) as RedFlag[]).filter(
      (flag) => rules.has(flag.ruleId) && (risk.metal === null || flag.metal === null || flag.metal === risk.metal),
    );
    return { ...risk, findings, history: this.history(riskId) };
  }

  /** Every event of a risk, oldest first. */
  history(riskId: string): RiskHistoryItem[] {
    return this.statements
      .get(
        `SELECT type, at, recorded_at AS recordedAt, by, summary, event_id AS eventId FROM risk_history WHERE risk_id = ? ORDER BY position`,
      )
      .all(riskId) as RiskHistoryItem[];
  }

  /**
   * The roll-forward's figures per business year and category (a row per year and category that
   * moved): a few dozen rows whatever the size of the register, from which any years' roll-forward
   * follows. Kept as risks move (roll-forward-figures.ts).
   */
  rollForwardFigures(): RiskRollForwardFigures[] {
    return this.statements
      .get(
        `SELECT year, category, additions, reopened, deductions, open_change AS openChange FROM risk_roll_forward ORDER BY year, category`,
      )
      .all() as RiskRollForwardFigures[];
  }

  /** Red-flag findings of each supplier's latest response for the period. */
  redFlags(query: RedFlagQuery): RedFlag[] {
    if (query.supplierId !== undefined) return this.statements.get(RED_FLAGS_OF_SUPPLIER).all(query.supplierId, query.period) as RedFlag[];
    return this.statements
      .get(`SELECT ${RED_FLAG_COLUMNS} FROM red_flags WHERE period = ? ORDER BY supplier_id, seq`)
      .all(query.period) as RedFlag[];
  }

  /**
   * Dates of open risks' current plans that passed before `today` (YYYY-MM-DD) with the plan or
   * action neither done nor escalated yet, oldest first: the escalations still to be made.
   */
  overdueMitigations(today: string, page: KeysetPage = WHOLE_LIST): OverdueMitigation[] {
    return this.overdueSlice(today, page).overdue;
  }

  /**
   * The overdue dates of at most `page.limit` risks, after the (due date, risk id) `page.after` names,
   * and the key of the last risk read (null when none was): a pass goes through them a slice at a time.
   */
  overdueSlice(today: string, page: KeysetPage): { overdue: OverdueMitigation[]; last: [string, string] | null } {
    const after = keysetCondition(['next_escalation_due', 'risk_id'], page);
    const rows = this.statements
      .get(
        `SELECT risk_id AS riskId, mitigation, escalations, next_escalation_due AS due FROM risk_register
        WHERE next_escalation_due IS NOT NULL AND next_escalation_due < ? AND ${after.sql ?? '1'}
        ORDER BY next_escalation_due, risk_id LIMIT ?`,
      )
      .all(today, ...after.parameters, page.limit) as Array<{ riskId: string; mitigation: string; escalations: string; due: string }>;
    const overdue: OverdueMitigation[] = [];
    for (const row of rows) {
      const mitigation = JSON.parse(row.mitigation) as StoredMitigation;
      const escalated = new Set(
        (JSON.parse(row.escalations) as StoredEscalation[])
          .filter((e) => e.revision === mitigation.revision)
          .map((e) => e.actionIndex ?? -1),
      );
      const { revision } = mitigation;
      if (!mitigation.completed && !escalated.has(-1) && mitigation.dueDate < today)
        overdue.push({ riskId: row.riskId, revision, dueDate: mitigation.dueDate });
      mitigation.actions.forEach((action, actionIndex) => {
        if (!action.completed && !escalated.has(actionIndex) && action.dueDate < today)
          overdue.push({ riskId: row.riskId, revision, actionIndex, dueDate: action.dueDate });
      });
    }
    const last = rows[rows.length - 1];
    return { overdue, last: last ? [last.due, last.riskId] : null };
  }
}

/** Where a risk stands in the register's order: what a page of `list` starts after. */
export function riskPageKey(risk: Pick<RiskEntry, 'severity' | 'raisedAt' | 'riskId'>): [number, string, string] {
  return [SEVERITY_RANK[risk.severity] ?? 3, risk.raisedAt, risk.riskId];
}

const FILTER_COLUMNS = { status: 'status', supplierId: 'supplier_id', category: 'category', severity: 'severity' } as const;
type FilterField = keyof typeof FILTER_COLUMNS;

/** `period = ?` and `<column> = ?` for each of `fields` the query gives. */
function equalities(query: RiskRegisterQuery, fields: readonly FilterField[]): { conditions: string[]; parameters: unknown[] } {
  const conditions = ['period = ?'];
  const parameters: unknown[] = [query.period];
  for (const field of fields) {
    const value = query[field];
    if (value === undefined) continue;
    conditions.push(`${FILTER_COLUMNS[field]} = ?`);
    parameters.push(value);
  }
  return { conditions, parameters };
}

function riskFilter(query: RiskRegisterQuery): { conditions: string[]; parameters: unknown[] } {
  const { conditions, parameters } = equalities(query, ['status', 'supplierId', 'category', 'severity']);
  // The rank follows from the severity: said as well, it lets the order index (period, severity_rank, ...)
  // seek the severity's risks instead of reading the period's until a page is full.
  if (query.severity !== undefined) {
    conditions.push('severity_rank = ?');
    parameters.push(SEVERITY_RANK[query.severity] ?? 3);
  }
  return { conditions, parameters };
}

function toEntry(row: RiskRow): RiskEntry {
  return {
    ...row,
    ruleIds: JSON.parse(row.ruleIds!),
    sourceEventIds: JSON.parse(row.sourceEventIds!),
    assessment: row.assessment ? (JSON.parse(row.assessment) as StoredAssessment as RiskAssessment) : null,
    mitigation: row.mitigation ? (JSON.parse(row.mitigation) as StoredMitigation as RiskMitigation) : null,
    escalations: JSON.parse(row.escalations ?? '[]') as StoredEscalation[] as RiskEscalation[],
    closure: row.closure ? (JSON.parse(row.closure) as StoredClosure as RiskClosure) : null,
  };
}
