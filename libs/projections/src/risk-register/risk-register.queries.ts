import type { Metal, RiskCategory, RiskSeverity } from '@dd/domain';
import type { ReadModelDb } from '../core/read-model-db';
import { StatementCache } from '../core/statement-cache';

/** Only 'open' exists today; closing and mitigating risks are later commands. */
export type RiskStatus = 'open';

export interface RiskEntry {
  riskId: string;
  supplierId: string;
  period: number;
  metal: Metal | null;
  smelterId: string | null;
  category: RiskCategory;
  severity: RiskSeverity;
  status: RiskStatus;
  reason: string;
  evidence: string | null;
  /** Business time of the RiskRaised event. */
  raisedAt: string;
  /** The actor of the RiskRaised event (a person for flags, the engine for risks from findings). */
  raisedBy: string;
  source: 'flag' | 'response-finding';
  /** Rules of the findings that raised it (empty for a flag). */
  ruleIds: string[];
  /** The RiskRaised event id and, for a risk from findings, the ResponseRecorded event id. */
  sourceEventIds: string[];
}

/** A red-flag finding of a supplier's latest response for a period. */
export interface RedFlag {
  supplierId: string;
  period: number;
  ruleId: string;
  metal: Metal | null;
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

const RISK_COLUMNS = `risk_id AS riskId, supplier_id AS supplierId, period, metal, smelter_id AS smelterId, category,
  severity, status, reason, evidence, raised_at AS raisedAt, raised_by AS raisedBy, source_kind AS source,
  rule_ids AS ruleIds, source_event_ids AS sourceEventIds`;

const RED_FLAG_COLUMNS = `supplier_id AS supplierId, period, rule_id AS ruleId, metal, smelter_id AS smelterId, field,
  cell, message, event_id AS eventId`;

const RED_FLAGS_OF_SUPPLIER = `SELECT ${RED_FLAG_COLUMNS} FROM red_flags WHERE supplier_id = ? AND period = ? ORDER BY seq`;

type RiskRow = Omit<RiskEntry, 'ruleIds' | 'sourceEventIds'> & { ruleIds: string; sourceEventIds: string };

export class RiskRegisterQueries {
  private readonly statements: StatementCache;

  constructor(db: ReadModelDb) {
    this.statements = new StatementCache(db);
  }

  /** Risks of a period, most severe first, then in the order they were raised. */
  list(query: RiskRegisterQuery): RiskEntry[] {
    const conditions = ['period = ?'];
    const parameters: unknown[] = [query.period];
    for (const [column, value] of [
      ['status', query.status],
      ['supplier_id', query.supplierId],
      ['category', query.category],
      ['severity', query.severity],
    ] as const) {
      if (value === undefined) continue;
      conditions.push(`${column} = ?`);
      parameters.push(value);
    }
    const sql = `SELECT ${RISK_COLUMNS} FROM risk_register WHERE ${conditions.join(' AND ')}
      ORDER BY severity_rank, raised_at, risk_id`;
    return (this.statements.get(sql).all(...parameters) as RiskRow[]).map(toEntry);
  }

  get(riskId: string): RiskDetail | null {
    const row = this.statements.get(`SELECT ${RISK_COLUMNS} FROM risk_register WHERE risk_id = ?`).get(riskId) as RiskRow | undefined;
    if (!row) return null;
    const risk = toEntry(row);
    const rules = new Set(risk.ruleIds);
    const findings = (this.statements.get(RED_FLAGS_OF_SUPPLIER).all(risk.supplierId, risk.period) as RedFlag[]).filter(
      (flag) => rules.has(flag.ruleId) && (risk.metal === null || flag.metal === null || flag.metal === risk.metal),
    );
    return { ...risk, findings };
  }

  /** Red-flag findings of each supplier's latest response for the period. */
  redFlags(query: RedFlagQuery): RedFlag[] {
    if (query.supplierId !== undefined) return this.statements.get(RED_FLAGS_OF_SUPPLIER).all(query.supplierId, query.period) as RedFlag[];
    return this.statements.get(
      `SELECT ${RED_FLAG_COLUMNS} FROM red_flags WHERE period = ? ORDER BY supplier_id, seq`,
    ).all(query.period) as RedFlag[];
  }
}

function toEntry(row: RiskRow): RiskEntry {
  return { ...row, ruleIds: JSON.parse(row.ruleIds), sourceEventIds: JSON.parse(row.sourceEventIds) };
}
