import { CommandRefused } from '../shared/command-refused';
import type { PeriodState } from './period.decider';

/**
 * Closed means closed: once a reporting year is closed (ClosePeriod) no command may change its
 * records — surveys and responses, follow-ups and reminders, its campaigns, its risks and their whole
 * lifecycle, its management-system records — until someone reopens it (ReopenPeriod, with a reason
 * that stays in the log). What was filed for the year must stay what the log says it was.
 *
 * The engine applies this once for every command, before any decider runs (StreamCommandExecutor):
 * the period is read from the name of the stream the command would append to (a survey, a risk and a
 * year's programme carry their year in their stream name, see riskIdFor), or given by the handler when
 * the stream does not carry it (a campaign).
 */
export function refuseChangesToClosedPeriod(period: number, state: Pick<PeriodState, 'status'>): void {
  if (state.status === 'closed') {
    throw new CommandRefused('period-closed', `period ${period} is closed: its records no longer change (ReopenPeriod with a reason to correct them)`);
  }
}

const PERIOD_STREAM = /^(?:survey|risk|program|grievance|contract-clause)-(\d{4})(?:-|$)/;

/**
 * The reporting year whose records a stream holds, from its name: `survey-<year>-<supplier>`,
 * `risk-<year>-<hash>`, `program-<year>`, `grievance-<year>-<id>`, `contract-clause-<year>-<supplier>`. null for streams outside any one year (suppliers, products,
 * the smelter lists) and for those that do not carry it in their name (a campaign; the period's own
 * stream, whose commands have their own rules).
 */
export function periodOfStream(streamId: string): number | null {
  const match = PERIOD_STREAM.exec(streamId);
  return match ? Number(match[1]) : null;
}

/** How each command stands to a closed period; the decision for every command in one place. */
export type ClosedPeriodRule =
  /** Changes the records of the year it names (or whose risk it names): refused 422 period-closed. */
  | 'refused'
  /** Acts on the period itself; the period decider decides (see why). */
  | 'period-own-rule'
  /** Belongs to no reporting year. */
  | 'not-period-bound';

export const CLOSED_PERIOD_RULES: Record<string, { rule: ClosedPeriodRule; why: string }> = {
  RegisterSupplier: { rule: 'not-period-bound', why: 'the supplier register spans years' },
  AddSupplierContact: { rule: 'not-period-bound', why: 'the supplier register spans years' },
  AssignSupplierOwner: { rule: 'not-period-bound', why: 'the supplier register spans years' },
  ChangeSupplierStatus: { rule: 'not-period-bound', why: 'the supplier register spans years' },
  RegisterProduct: { rule: 'not-period-bound', why: 'products and their determinations are not kept per year' },
  DetermineProductMetals: { rule: 'not-period-bound', why: 'products and their determinations are not kept per year' },
  LinkProductSupplier: { rule: 'not-period-bound', why: 'products and their supplier links are not kept per year' },
  ImportReferenceList: { rule: 'not-period-bound', why: "RMI's list spans years; what it would change in a closed year is skipped by the process managers" },
  ImportRmapStatusList: { rule: 'not-period-bound', why: "RMAP's list spans years; risks it would raise or close in a closed year are skipped" },
  WithdrawReferenceList: { rule: 'not-period-bound', why: 'as for importing a list' },
  WithdrawRmapStatusList: { rule: 'not-period-bound', why: 'as for importing a list; risk changes in a closed year are skipped' },
  OpenPeriod: { rule: 'period-own-rule', why: 'a closed period was opened already (period-already-opened)' },
  ClosePeriod: { rule: 'period-own-rule', why: 'closing a closed period is refused (period-closed)' },
  ReopenPeriod: { rule: 'period-own-rule', why: 'only a closed period can be reopened' },
  PublishReport: {
    rule: 'period-own-rule',
    why: "allowed: publishing the Conflict Minerals Report is what follows closing the year; it records the filing and changes none of the year's records",
  },
  LaunchCampaign: { rule: 'refused', why: 'a campaign surveys suppliers for the year' },
  AdoptPolicy: { rule: 'refused', why: "the year's management-system record (program-<year>)" },
  CommunicatePolicy: { rule: 'refused', why: "the year's management-system record" },
  AssignTeam: { rule: 'refused', why: "the year's management-system record" },
  RecordContractClause: { rule: 'refused', why: "the year's management-system record" },
  DeclareGrievanceMechanism: { rule: 'refused', why: "the year's management-system record" },
  RecordGrievance: { rule: 'refused', why: 'record it in an open year (or reopen this one)' },
  ReportToManagement: { rule: 'refused', why: "the year's management-system record" },
  SendCMRT: { rule: 'refused', why: "a survey of the year (survey-<year>-<supplier>)" },
  SendReminder: { rule: 'refused', why: 'a survey of the year' },
  RecordResponse: { rule: 'refused', why: 'a survey of the year, also as a CMRT upload' },
  AcceptResponse: { rule: 'refused', why: 'a survey of the year' },
  RequestFollowUp: { rule: 'refused', why: 'a survey of the year' },
  ResolveFollowUp: { rule: 'refused', why: 'a survey of the year' },
  ConfirmSmelterMatch: { rule: 'refused', why: 'a survey of the year' },
  FlagNonConflictFree: { rule: 'refused', why: 'a risk of the year (risk-<year>-...)' },
  AssessRisk: { rule: 'refused', why: 'the lifecycle of a risk of the year (its id carries the year)' },
  AssignRiskOwner: { rule: 'refused', why: 'the lifecycle of a risk of the year' },
  DecideMitigation: { rule: 'refused', why: 'the lifecycle of a risk of the year' },
  RecordMitigationProgress: { rule: 'refused', why: 'the lifecycle of a risk of the year' },
  CloseRisk: { rule: 'refused', why: 'the lifecycle of a risk of the year' },
  // Issued by the engine itself; their process managers and schedulers skip a closed year.
  RaiseRisk: { rule: 'refused', why: 'engine-issued: findings, smelter statuses, grievances and non-responses of a closed year raise nothing' },
  CloseRiskAutomatically: { rule: 'refused', why: 'engine-issued: a status change or a list withdrawal closes nothing in a closed year' },
  EscalateOverdueMitigation: { rule: 'refused', why: 'engine-issued: the escalation scan skips risks of closed years' },
  EscalateNonResponse: { rule: 'refused', why: 'engine-issued: the reminder scheduler skips requests of closed years' },
};
