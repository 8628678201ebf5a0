import type { ReadModelDb } from '../core/read-model-db';
import { StatementCache } from '../core/statement-cache';
import {
  EVIDENCE_CAP,
  OECD_CRITERIA,
  OECD_STEPS,
  type Evidence,
  type OecdCriterion,
  type OecdFacts,
  type OecdStepNumber,
} from './oecd-criteria';
import { ALL_PERIODS } from './oecd-status.projection';
import { conformanceByMetal } from '../smelter-register/conformance';
import type { Metal, RmapStatus } from '@dd/domain';

export type OecdStepState = 'met' | 'in-progress' | 'not-started';

export interface OecdCriterionStatus {
  id: string;
  description: string;
  met: boolean;
  /** Event ids that evidence the criterion, oldest first, at most 50. */
  evidence: string[];
  /** All evidencing events, including those beyond the list. */
  evidenceCount: number;
  missing?: string;
  /** Figures behind the outcome (step 4: the RMAP conformance share per metal). */
  detail?: Record<string, unknown>;
}

export interface OecdStepStatus {
  step: OecdStepNumber;
  name: string;
  status: OecdStepState;
  criteria: OecdCriterionStatus[];
  /** Descriptions of the criteria not met yet. */
  missing: string[];
}

export interface OecdPeriodStatus {
  period: number;
  /** The day overdue requests were judged against. */
  today: string;
  steps: OecdStepStatus[];
}

export interface OecdStatusOptions {
  /** YYYY-MM-DD; default: the current UTC date. */
  today?: string;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export class OecdStatusQueries {
  private readonly statements: StatementCache;

  constructor(
    db: ReadModelDb,
    private readonly criteria: readonly OecdCriterion[] = OECD_CRITERIA,
  ) {
    this.statements = new StatementCache(db);
  }

  /** The five steps for a reporting period, each criterion evaluated now (or on `today`). */
  forPeriod(period: number, options: OecdStatusOptions = {}): OecdPeriodStatus {
    const today = options.today ?? new Date().toISOString().slice(0, 10);
    if (!DATE_ONLY.test(today)) throw new RangeError(`today must be a date as YYYY-MM-DD, got ${today}`);
    const facts = this.facts(period, today);
    const steps = OECD_STEPS.map(({ step, name }): OecdStepStatus => {
      const criteria = this.criteria
        .filter((criterion) => criterion.step === step)
        .map((criterion): OecdCriterionStatus => {
          const outcome = criterion.evaluate(facts);
          return {
            id: criterion.id,
            description: criterion.description,
            met: outcome.met,
            evidence: outcome.evidence.ids,
            evidenceCount: outcome.evidence.count,
            ...(outcome.met ? {} : { missing: outcome.missing ?? criterion.description }),
            ...(outcome.detail ? { detail: outcome.detail } : {}),
          };
        });
      const met = criteria.filter((criterion) => criterion.met).length;
      return {
        step,
        name,
        status: criteria.length > 0 && met === criteria.length ? 'met' : met > 0 ? 'in-progress' : 'not-started',
        criteria,
        missing: criteria.filter((criterion) => !criterion.met).map((criterion) => criterion.description),
      };
    });
    return { period, today, steps };
  }

  /** Reporting periods with any fact (surveys, responses, risks), newest first. */
  periods(): number[] {
    return this.statements
      .get('SELECT DISTINCT period FROM oecd_fact_counts WHERE period <> ? AND count > 0 ORDER BY period DESC')
      .pluck()
      .all(ALL_PERIODS) as number[];
  }

  private facts(period: number, today: string): OecdFacts {
    const statements = this.statements;
    return {
      period,
      today,
      evidence(criterion, factPeriod = period): Evidence {
        const ids = statements
          .get('SELECT event_id FROM oecd_facts WHERE period = ? AND criterion = ? ORDER BY position LIMIT ?')
          .pluck()
          .all(factPeriod, criterion, EVIDENCE_CAP) as string[];
        // Counted as filed: beyond the cap, oecd_facts keeps only what is shown.
        const count =
          ids.length < EVIDENCE_CAP
            ? ids.length
            : (statements
                .get('SELECT count FROM oecd_fact_counts WHERE period = ? AND criterion = ?')
                .pluck()
                .get(factPeriod, criterion) as number);
        return { ids, count };
      },
      hasRequests() {
        return statements.get('SELECT EXISTS (SELECT 1 FROM oecd_requests WHERE period = ?)').pluck().get(period) === 1;
      },
      // A supplier is overdue when the earliest due date of its unchased requests is before today: the
      // kept counts per earliest due date, summed up to today (one row per due date, not per supplier).
      overdueSuppliersWithoutReminder() {
        return statements
          .get('SELECT coalesce(sum(suppliers), 0) FROM oecd_unchased_counts WHERE period = ? AND earliest_due < ?')
          .pluck()
          .get(period, today) as number;
      },
      suppliersWithRedFlagsButNoRisk() {
        return statements
          .get('SELECT coalesce((SELECT suppliers FROM oecd_uncovered_counts WHERE period = ?), 0)')
          .pluck()
          .get(period) as number;
      },
      latest(kind) {
        const row = statements
          .get('SELECT data, event_id AS eventId FROM oecd_program_latest WHERE period = ? AND kind = ?')
          .get(period, kind) as { data: string; eventId: string } | undefined;
        return row ? { data: JSON.parse(row.data) as Record<string, unknown>, eventId: row.eventId } : null;
      },
      hasRisks() {
        return statements.get('SELECT EXISTS (SELECT 1 FROM oecd_risks WHERE period = ?)').pluck().get(period) === 1;
      },
      openRisksWithoutStrategy() {
        return statements
          .get(
            `SELECT coalesce(sum(risks), 0) FROM oecd_risk_counts WHERE period = ? AND closed = 0 AND has_plan = 0
            AND severity IN ('high', 'medium')`,
          )
          .pluck()
          .get(period) as number;
      },
      statusList() {
        return (
          (statements
            .get("SELECT as_of AS asOf, event_id AS eventId FROM oecd_lists WHERE list = 'rmap-status' AND as_of IS NOT NULL")
            .get() as { asOf: string; eventId: string } | undefined) ?? null
        );
      },
      smelterConformance() {
        const smelters = statements
          .get(
            `SELECT m.metal AS metal, m.smelter_id AS smelterId, s.status AS status FROM oecd_period_smelters m
            LEFT JOIN oecd_rmap_statuses s ON s.smelter_id = m.smelter_id WHERE m.period = ?
            AND EXISTS (SELECT 1 FROM oecd_smelters n WHERE n.period = m.period AND n.metal = m.metal AND n.smelter_id = m.smelter_id)`,
          )
          .all(period) as Array<{ metal: Metal; smelterId: string; status: RmapStatus | null }>;
        return conformanceByMetal(smelters);
      },
    };
  }
}
