import type { MetalConformance } from '../smelter-register/conformance';
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

// Evidence lists are capped (the read model keeps no more of most criteria); the count says how many events there are in all.
export { EVIDENCE_CAP } from './oecd-status.tables';

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
  /** Whether the period has any CMRT request. */
  hasRequests(): boolean;
  /** Suppliers with a request of the period past its due date, unanswered and never reminded. */
  overdueSuppliersWithoutReminder(): number;
  /** Suppliers whose latest response of the period has red flags and who have no risk raised for the period. */
  suppliersWithRedFlagsButNoRisk(): number;
  /**
   * The latest management-system record of a kind for the period (policy, team, grievance
   * mechanism, published report): its data as recorded and its event; null when there is none.
   */
  latest(kind: ProgramFactKind): { data: Record<string, unknown>; eventId: string } | null;
  /** Whether the period has any risk (open or closed). */
  hasRisks(): boolean;
  /** Open high- and medium-severity risks of the period with no mitigation decided. */
  openRisksWithoutStrategy(): number;
  /** The latest RMAP status list imported (any period: the lists are not period-bound); null when none. */
  statusList(): { asOf: string; eventId: string } | null;
  /** Per metal, the smelters identified in the period's latest responses and how many are RMAP conformant. */
  smelterConformance(): MetalConformance[];
}

/** Management-system records whose latest version the step-1/5 criteria show (oecd_program_latest). */
export type ProgramFactKind = 'policy' | 'team' | 'grievance-mechanism' | 'report';

export interface CriterionOutcome {
  met: boolean;
  evidence: Evidence;
  /** Why it is not met, in words for a compliance officer. */
  missing?: string;
  /** Figures behind the outcome, for criteria that have some (e.g. the step-4 conformance share per metal). */
  detail?: Record<string, unknown>;
}

export interface OecdCriterion {
  id: string;
  step: OecdStepNumber;
  description: string;
  evaluate(facts: OecdFacts): CriterionOutcome;
}

/** A criterion met as soon as one event of its kind exists for the period. */
function atLeastOne(
  id: string,
  step: OecdStepNumber,
  description: string,
  missing: (period: number) => string,
  period?: number,
): OecdCriterion {
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

/** Like atLeastOne, and shows the latest record of a kind (e.g. the policy's version and URL) as detail. */
function latestRecord(
  id: string,
  step: OecdStepNumber,
  description: string,
  kind: ProgramFactKind,
  missing: (period: number) => string,
  detail: (data: Record<string, unknown>) => Record<string, unknown>,
  met: (data: Record<string, unknown>) => string | null = () => null,
): OecdCriterion {
  return {
    id,
    step,
    description,
    evaluate: (facts) => {
      const evidence = facts.evidence(id);
      const latest = facts.latest(kind);
      if (!latest) return { met: false, evidence, missing: missing(facts.period) };
      const shown = { ...detail(latest.data), eventId: latest.eventId };
      const gap = met(latest.data);
      return gap ? { met: false, evidence, detail: shown, missing: gap } : { met: true, evidence, detail: shown };
    },
  };
}

/**
 * Every criterion of the five steps, in display order. Adding a criterion is adding an entry here
 * (and, if it rests on a new kind of event, filing that event as a fact in oecd-status.projection.ts).
 * Step 1 rests on the program-<year> stream (policy, communication, team, contract clauses, grievance
 * mechanism), step 3's management report on ReportToManagement, step 5 on PublishReport.
 */
export const OECD_CRITERIA: readonly OecdCriterion[] = [
  latestRecord(
    'policy-adopted',
    1,
    'A responsible minerals sourcing policy (OECD Annex II model) is adopted for the period',
    'policy',
    (period) => `No sourcing policy has been adopted for ${period} (AdoptPolicy)`,
    (policy) => ({ version: policy.version, url: policy.url }),
  ),
  atLeastOne(
    'policy-communicated-to-suppliers',
    1,
    'The policy and the expectations on suppliers were communicated to suppliers',
    (period) => `The ${period} policy has not been communicated to suppliers (CommunicatePolicy with audience "suppliers")`,
  ),
  latestRecord(
    'internal-team-assigned',
    1,
    'An internal due-diligence team is assigned, with a member of senior management as its sponsor',
    'team',
    (period) => `No internal team with a senior sponsor has been assigned for ${period} (AssignTeam)`,
    (team) => ({ sponsor: team.sponsor, members: Array.isArray(team.members) ? team.members.length : 0 }),
    (team) =>
      typeof team.sponsor === 'string' && team.sponsor.trim() !== '' ? null : 'The internal team has no senior-management sponsor',
  ),
  {
    id: 'contract-clauses',
    step: 1,
    description:
      "Conflict-minerals terms are part of supplier contracts (at least one supplier's contract carries them); detail gives the count",
    evaluate: (facts) => {
      const evidence = facts.evidence('contract-clauses');
      // The program decider records one clause per supplier and period, so events count suppliers.
      const detail = { suppliers: evidence.count };
      return evidence.count > 0
        ? { met: true, evidence, detail }
        : {
            met: false,
            evidence,
            detail,
            missing: `No supplier contract with conflict-minerals terms has been recorded for ${facts.period} (RecordContractClause)`,
          };
    },
  },
  latestRecord(
    'grievance-mechanism',
    1,
    'A grievance mechanism (company or industry level) exists through which concerns can be raised',
    'grievance-mechanism',
    (period) => `No grievance mechanism has been declared for ${period} (DeclareGrievanceMechanism)`,
    (mechanism) => ({ description: mechanism.description, ...(mechanism.url ? { url: mechanism.url } : {}) }),
  ),
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
    'Supplier responses were recorded and reviewed (findings are evaluated when a response is recorded)',
    (period) => `No supplier response has been recorded for ${period}`,
  ),
  {
    id: 'non-responders-chased',
    step: 2,
    description: 'Every supplier past its due date without a response has been sent a reminder',
    evaluate: (facts) => {
      const evidence = facts.evidence('non-responders-chased');
      if (!facts.hasRequests()) {
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
  {
    id: 'risks-reported-to-management',
    step: 3,
    description: 'Risk findings were reported to designated senior management',
    evaluate: (facts) => {
      const evidence = facts.evidence('risks-reported-to-management');
      return evidence.count > 0
        ? { met: true, evidence, detail: { reports: evidence.count } }
        : {
            met: false,
            evidence,
            missing: `No management risk report has been recorded for ${facts.period} yet (IssueRiskReport or ReportToManagement)`,
          };
    },
  },
  {
    id: 'risk-strategy-decided',
    step: 3,
    description:
      'Every open high- or medium-severity risk has a risk-management strategy (continue trade during mitigation, temporarily suspend, disengage) or is closed',
    evaluate: (facts) => {
      const evidence = facts.evidence('risk-strategy-decided');
      if (!facts.hasRisks() && facts.evidence('responses-reviewed').count === 0) {
        return {
          met: false,
          evidence,
          missing: `No response recorded for ${facts.period}, so no risk has been identified to respond to yet`,
        };
      }
      const pending = facts.openRisksWithoutStrategy();
      return pending === 0
        ? { met: true, evidence }
        : {
            met: false,
            evidence,
            missing: `${pending} open high/medium ${pending === 1 ? 'risk has' : 'risks have'} no mitigation decision (DecideMitigation) and ${pending === 1 ? 'is' : 'are'} not closed`,
          };
    },
  },
  {
    id: 'smelters-checked-against-audit-programme',
    step: 4,
    description:
      'Identified smelters were checked against the RMAP (independent third-party audit) status list; detail gives, per metal, the share of identified smelters that are RMAP conformant',
    evaluate: (facts) => {
      // Status lists are not period-bound: any list imported counts, and each smelter is judged by the latest.
      const evidence = facts.evidence('smelters-checked-against-audit-programme', ALL_PERIODS);
      const list = facts.statusList();
      if (!list)
        return { met: false, evidence, missing: 'No RMAP smelter status list has been imported yet, so no smelter has been checked' };
      const conformance = facts.smelterConformance();
      const detail = { statusListAsOf: list.asOf, conformance };
      const identified = conformance.reduce((sum, metal) => sum + metal.identified, 0);
      if (identified === 0) {
        return {
          met: false,
          evidence,
          detail,
          missing: `No smelter of the ${facts.period} responses is identified by a smelter id, so none could be checked against the RMAP status list`,
        };
      }
      return { met: true, evidence, detail };
    },
  },
  latestRecord(
    'report-published',
    5,
    'The annual supply chain due diligence report (Conflict Minerals Report) was published; detail says whether by the Form SD deadline',
    'report',
    (period) => `No publication of the ${period} due diligence report has been recorded (PublishReport)`,
    (report) => ({ url: report.url, sha256: report.sha256, formSdDeadline: report.formSdDeadline, onTime: report.onTime }),
  ),
];
