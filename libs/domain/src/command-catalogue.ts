import type { z } from 'zod';
import { RecordResponse } from './survey/record-response.command';
import { SendCMRT } from './survey/send-cmrt.command';
import { SendReminder } from './survey/send-reminder.command';
import { FlagNonConflictFree } from './risk/flag-non-conflict-free.command';
import { AssessRisk } from './risk/assess-risk.command';
import { AssignRiskOwner } from './risk/assign-risk-owner.command';
import { CloseRisk } from './risk/close-risk.command';
import { DecideMitigation } from './risk/decide-mitigation.command';
import { RecordMitigationProgress } from './risk/record-mitigation-progress.command';
import { RegisterSupplier } from './supplier/register-supplier.command';
import { ImportReferenceList, WithdrawReferenceList } from './smelter/reference-list';
import { ImportRmapStatusList, WithdrawRmapStatusList } from './smelter/rmap-status';
import { AcceptResponse } from './survey/accept-response.command';
import { ConfirmSmelterMatch } from './survey/confirm-smelter-match.command';
import { RequestFollowUp } from './survey/request-follow-up.command';
import { ResolveFollowUp } from './survey/resolve-follow-up.command';
import { AddSupplierContact, AssignSupplierOwner, ChangeSupplierStatus } from './supplier/supplier-profile.commands';
import { DetermineProductMetals, LinkProductSupplier, RegisterProduct } from './product/product.commands';
import { ClosePeriod, OpenPeriod, PublishReport, ReopenPeriod } from './period/period.commands';
import { LaunchCampaign } from './campaign/launch-campaign.command';
import {
  AdoptPolicy,
  AssignTeam,
  CommunicatePolicy,
  DeclareGrievanceMechanism,
  RecordContractClause,
  RecordGrievance,
  ReportToManagement,
} from './program/program.commands';

/**
 * The commands people and internal services may post (POST /commands/<name>, CLI). Commands the
 * engine issues to itself (RaiseRisk, CloseRiskAutomatically, EscalateOverdueMitigation) are deliberately not here.
 */
export const publicCommands = {
  RegisterSupplier: { schema: RegisterSupplier, summary: 'Register a direct or indirect supplier' },
  AddSupplierContact: { schema: AddSupplierContact, summary: "Add a contact person at a supplier" },
  AssignSupplierOwner: { schema: AssignSupplierOwner, summary: 'Name the person in our company who owns a supplier relationship' },
  ChangeSupplierStatus: { schema: ChangeSupplierStatus, summary: 'Mark a supplier active or inactive' },
  RegisterProduct: { schema: RegisterProduct, summary: 'Register a product with the 3TG necessary to its functionality or production' },
  DetermineProductMetals: { schema: DetermineProductMetals, summary: "Revise which 3TG a product needs" },
  LinkProductSupplier: { schema: LinkProductSupplier, summary: 'Record that a supplier supplies parts of a product' },
  OpenPeriod: { schema: OpenPeriod, summary: 'Open a reporting period with its policy (reminder days, default due date, oldest accepted CMRT)' },
  ClosePeriod: { schema: ClosePeriod, summary: "Close a reporting period: from then on no command changes the year's records (422 period-closed)" },
  ReopenPeriod: { schema: ReopenPeriod, summary: 'Reopen a closed reporting period to correct its records, saying why (recorded)' },
  PublishReport: { schema: PublishReport, summary: 'Record the published Conflict Minerals Report (URL and SHA-256)' },
  LaunchCampaign: {
    schema: LaunchCampaign,
    summary: 'Send the CMRT to every active supplier of a selection (a tier, a product line, named suppliers; AND-ed), once per supplier',
  },
  AdoptPolicy: { schema: AdoptPolicy, summary: 'Adopt a responsible minerals sourcing policy (OECD step 1)' },
  CommunicatePolicy: { schema: CommunicatePolicy, summary: 'Record that the policy was communicated to suppliers or customers' },
  AssignTeam: { schema: AssignTeam, summary: 'Assign the internal due-diligence team and its senior sponsor' },
  RecordContractClause: { schema: RecordContractClause, summary: "Record that a supplier's contract carries conflict-minerals terms" },
  DeclareGrievanceMechanism: {
    schema: DeclareGrievanceMechanism,
    summary: 'Declare the grievance mechanism of the year (e.g. a whistleblower line), where people can raise concerns (OECD step 1)',
  },
  RecordGrievance: { schema: RecordGrievance, summary: 'Record a grievance (anonymous allowed); it raises a risk' },
  ReportToManagement: { schema: ReportToManagement, summary: 'Record a risk report to senior management (OECD step 3)' },
  SendCMRT: { schema: SendCMRT, summary: 'Send the CMRT survey to a supplier for a reporting period' },
  SendReminder: { schema: SendReminder, summary: 'Remind a supplier whose CMRT request is open and unanswered' },
  RecordResponse: {
    schema: RecordResponse,
    summary: "Record a supplier's CMRT answers (as JSON); the Checker and review findings are recorded with it",
  },
  AcceptResponse: { schema: AcceptResponse, summary: "Accept a supplier's latest response as complete (no follow-up open)" },
  RequestFollowUp: {
    schema: RequestFollowUp,
    summary: 'Ask a supplier to correct an incomplete, inconsistent or inaccurate answer',
  },
  ResolveFollowUp: { schema: ResolveFollowUp, summary: 'Close an open follow-up, saying how it was resolved' },
  ConfirmSmelterMatch: {
    schema: ConfirmSmelterMatch,
    summary: 'Confirm which RMI smelter (CID) a Smelter List row means',
  },
  ImportReferenceList: {
    schema: ImportReferenceList,
    summary: "Import RMI's smelter reference list (Smelter Look-up rows) with its as-of date (not after tomorrow)",
  },
  WithdrawReferenceList: {
    schema: WithdrawReferenceList,
    summary: 'Withdraw the current reference list, imported by mistake (name its asOf, say why): the list before it is current again',
  },
  ImportRmapStatusList: {
    schema: ImportRmapStatusList,
    summary: 'Import an RMAP status list (metal, CID, status) with its as-of date (not after tomorrow)',
  },
  WithdrawRmapStatusList: {
    schema: WithdrawRmapStatusList,
    summary:
      'Withdraw the current RMAP status list, imported by mistake (name its asOf, say why): the list before it is current again, statuses revert and the risks it raised are closed',
  },
  FlagNonConflictFree: {
    schema: FlagNonConflictFree,
    summary: 'Flag a smelter (or an unidentified one) in a supplier chain as not conflict free: raises a risk',
  },
  AssessRisk: {
    schema: AssessRisk,
    summary: 'Assess a risk: likelihood (rare..almost-certain or 1-5) and impact (minor..severe or 1-4) give its severity',
  },
  AssignRiskOwner: { schema: AssignRiskOwner, summary: 'Make a person answerable for a risk and its mitigation' },
  DecideMitigation: {
    schema: DecideMitigation,
    summary:
      'Decide how to respond to an assessed risk (continue trade during mitigation, temporarily suspend, disengage), with a due date and dated actions',
  },
  RecordMitigationProgress: {
    schema: RecordMitigationProgress,
    summary: "Record progress on a risk's mitigation plan, optionally marking an action (or the whole plan) done",
  },
  CloseRisk: {
    schema: CloseRisk,
    summary: 'Close a risk: mitigated, accepted, or the supplier moved to conflict-free sources',
  },
} satisfies Record<string, { schema: z.ZodType; summary: string }>;

export type PublicCommandName = keyof typeof publicCommands;
export const PUBLIC_COMMAND_NAMES = Object.keys(publicCommands) as PublicCommandName[];

export function isPublicCommandName(name: string): name is PublicCommandName {
  return Object.prototype.hasOwnProperty.call(publicCommands, name);
}
