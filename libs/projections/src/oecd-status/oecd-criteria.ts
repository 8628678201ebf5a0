import { ALL_PERIODS } from './oecd-status.projection';

export type OecdStepNumber = 1 | 2 | 3 | 4 | 5;

/** The OECD Due Diligence Guidance five-step framework (domain.md §3.2). */
export const OECD_STEPS: ReadonlyArray<{ step: OecdStepNumber; name: string }> = [
  { step: 1, name: 'Establish strong company management systems' },
  { step: 2, name: 'Identify and assess risks in the supply chain' },
  { step: 3, name: 'Design and implement a strategy to respond to identified risks' },
  { step: 4, name: "Carry out independent third-party audit of smelter/refiner's due diligence practices" },
  { step: 5, name: 'Report annually on supply chain due diligence' },
];

/** Evidence lists are capped; the count says how many events there are in all. */
export const EVIDENCE_CAP = 50;

export interface Evidence {
  /** Event ids, oldest first, at most EVIDENCE_CAP. */
  ids: string[];
  count: number;
}

/** What a criterion may read about one period (backed by the oecd_* tables). */
export interface OecdFacts {
  readonly period: number;
  /** The day overdue is judged against (YYYY-MM-DD). */
  readonly today: string;
  /** Events filed under a criterion for this period (or, with ALL_PERIODS, for every period). */
  evidence(criterion: string, period?: number): Evidence;
  /** CMRT requests of the period. */
  requestCount(): number;
  /** Suppliers with a request of the period past its due date, unanswered and never reminded. */
  overdueSuppliersWithoutReminder(): number;
  /** Suppliers whose latest response of the period has red flags and who have no risk raised for the period. */
  suppliersWithRedFlagsButNoRisk(): number;
}

export interface CriterionOutcome {
  met: boolean;
  evidence: Evidence;
  /** Why it is not met, in words for a compliance officer. */
  missing?: string;
}

export interface OecdCriterion {
  id: string;
  step: OecdStepNumber;
  description: string;
  evaluate(facts: OecdFacts): CriterionOutcome;
}

/** A criterion met as soon as one event of its kind exists for the period. */
function atLeastOne(id: string, step: OecdStepNumber, description: string, missing: (period: number) => string, period?: number): OecdCriterion {
  return {
    id,
    step,
    description,
    evaluate: (facts) => {
      const evidence = facts.evidence(id, period);
      return evidence.count > 0 ? { met: true, evidence } : { met: false, evidence, missing: missing(facts.period) };
    },
  };
}

/** A criterion no command can evidence yet: always open, and says what would close it. */
function notYetRecordable(id: string, step: OecdStepNumber, description: string, missing: (period: number) => string): OecdCriterion {
  return { id, step, description, evaluate: (facts) => ({ met: false, evidence: { ids: [], count: 0 }, missing: missing(facts.period) }) };
}

/**
 * Every criterion of the five steps, in display order. Adding a criterion is adding an entry here
 * (and, if it rests on a new kind of event, filing that event as a fact in oecd-status.projection.ts).
 * Expected additions as commands arrive: sourcing policy adopted and communicated, internal team and
 * management support, grievance mechanism (step 1); RMAP status of each identified smelter (step 4);
 * management report and risk-management plan (step 3); report publication (step 5).
 */
export const OECD_CRITERIA: readonly OecdCriterion[] = [
  atLeastOne(
    'supply-chain-mapped',
    1,
    'The supply chain is mapped: at least one supplier is registered',
    () => 'No supplier has been registered yet',
    ALL_PERIODS,
  ),
  atLeastOne(
    'suppliers-surveyed',
    2,
    'Suppliers were sent the CMRT survey for the period',
    (period) => `No CMRT has been sent for ${period}`,
  ),
  atLeastOne(
    'responses-reviewed',
    2,
    "Supplier responses were recorded and reviewed (findings are evaluated when a response is recorded)",
    (period) => `No supplier response has been recorded for ${period}`,
  ),
  {
    id: 'non-responders-chased',
    step: 2,
    description: 'Every supplier past its due date without a response has been sent a reminder',
    evaluate: (facts) => {
      const evidence = facts.evidence('non-responders-chased');
      if (facts.requestCount() === 0) {
        return { met: false, evidence, missing: `No CMRT request for ${facts.period} to follow up yet` };
      }
      const overdue = facts.overdueSuppliersWithoutReminder();
      return overdue === 0
        ? { met: true, evidence }
        : {
            met: false,
            evidence,
            missing: `${overdue} ${overdue === 1 ? 'supplier is' : 'suppliers are'} past the due date without a response and without a reminder (as of ${facts.today})`,
          };
    },
  },
  atLeastOne(
    'smelters-identified',
    2,
    'Smelters/refiners in the supply chain are identified: a response names at least one smelter by its id',
    (period) => `No response for ${period} names a smelter with a smelter id`,
  ),
  {
    id: 'risks-recorded',
    step: 3,
    description: 'Red-flag findings are recorded as risks in the risk register',
    evaluate: (facts) => {
      const evidence = facts.evidence('risks-recorded');
      if (facts.evidence('responses-reviewed').count === 0) {
        return { met: false, evidence, missing: `No response recorded for ${facts.period}, so no risk has been assessed yet` };
      }
      // Judged per supplier, not per finding: a risk's id is what it is about, so a resubmitted red
      // flag lands on the open risk without a new RiskRaised naming its rule.
      const uncovered = facts.suppliersWithRedFlagsButNoRisk();
      return uncovered === 0
        ? { met: true, evidence }
        : {
            met: false,
            evidence,
            missing: `${uncovered} ${uncovered === 1 ? 'supplier has' : 'suppliers have'} red-flag findings but no risk in the register`,
          };
    },
  },
  notYetRecordable(
    'risks-reported-to-management',
    3,
    'Risk findings were reported to designated senior management',
    (period) => `No management risk report has been recorded for ${period} yet`,
  ),
  notYetRecordable(
    'smelters-checked-against-audit-programme',
    4,
    'Identified smelters were checked against the RMAP (independent third-party audit) status lists',
    () => 'RMAP smelter status lists have not been imported yet, so no smelter has been checked',
  ),
  notYetRecordable(
    'report-published',
    5,
    'The annual supply chain due diligence report was published',
    (period) => `No publication of the ${period} due diligence report has been recorded`,
  ),
];
