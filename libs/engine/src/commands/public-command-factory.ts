import type { Command } from '@nestjs/cqrs';
import type { PublicCommandName } from '@dd/domain';
import type { CommandMetadata, CommandResult } from './command-metadata';
import { RegisterSupplierCommand } from './register-supplier.handler';
import { ClosePeriodCommand, OpenPeriodCommand, PublishReportCommand, ReopenPeriodCommand } from './period.handlers';
import { LaunchCampaignCommand } from './campaign.handlers';
import { DetermineProductMetalsCommand, LinkProductSupplierCommand, RegisterProductCommand } from './product.handlers';
import {
  AdoptPolicyCommand,
  AssignTeamCommand,
  CommunicatePolicyCommand,
  DeclareGrievanceMechanismCommand,
  RecordContractClauseCommand,
  RecordGrievanceCommand,
  ReportToManagementCommand,
} from './program.handlers';
import { AddSupplierContactCommand, AssignSupplierOwnerCommand, ChangeSupplierStatusCommand } from './supplier-profile.handlers';
import { FlagNonConflictFreeCommand } from './risk-command.handlers';
import {
  AssessRiskCommand,
  AssignRiskOwnerCommand,
  CloseRiskCommand,
  DecideMitigationCommand,
  RecordMitigationProgressCommand,
} from './risk-lifecycle.handlers';
import {
  ImportReferenceListCommand,
  ImportRmapStatusListCommand,
  WithdrawReferenceListCommand,
  WithdrawRmapStatusListCommand,
} from './smelter-list.handlers';
import {
  AcceptResponseCommand,
  ConfirmSmelterMatchCommand,
  RecordResponseCommand,
  RequestFollowUpCommand,
  ResolveFollowUpCommand,
  SendCMRTCommand,
  SendReminderCommand,
} from './survey-command.handlers';

/**
 * Turns a validated public command (by name, as posted to /commands/<name> or given to the CLI)
 * into the CommandBus message for its handler.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const factories: Record<PublicCommandName, (data: any, metadata: CommandMetadata) => Command<CommandResult>> = {
  RegisterSupplier: (data, metadata) => new RegisterSupplierCommand(data, metadata),
  AddSupplierContact: (data, metadata) => new AddSupplierContactCommand(data, metadata),
  AssignSupplierOwner: (data, metadata) => new AssignSupplierOwnerCommand(data, metadata),
  ChangeSupplierStatus: (data, metadata) => new ChangeSupplierStatusCommand(data, metadata),
  RegisterProduct: (data, metadata) => new RegisterProductCommand(data, metadata),
  DetermineProductMetals: (data, metadata) => new DetermineProductMetalsCommand(data, metadata),
  LinkProductSupplier: (data, metadata) => new LinkProductSupplierCommand(data, metadata),
  OpenPeriod: (data, metadata) => new OpenPeriodCommand(data, metadata),
  ClosePeriod: (data, metadata) => new ClosePeriodCommand(data, metadata),
  ReopenPeriod: (data, metadata) => new ReopenPeriodCommand(data, metadata),
  PublishReport: (data, metadata) => new PublishReportCommand(data, metadata),
  LaunchCampaign: (data, metadata) => new LaunchCampaignCommand(data, metadata),
  AdoptPolicy: (data, metadata) => new AdoptPolicyCommand(data, metadata),
  CommunicatePolicy: (data, metadata) => new CommunicatePolicyCommand(data, metadata),
  AssignTeam: (data, metadata) => new AssignTeamCommand(data, metadata),
  RecordContractClause: (data, metadata) => new RecordContractClauseCommand(data, metadata),
  DeclareGrievanceMechanism: (data, metadata) => new DeclareGrievanceMechanismCommand(data, metadata),
  RecordGrievance: (data, metadata) => new RecordGrievanceCommand(data, metadata),
  ReportToManagement: (data, metadata) => new ReportToManagementCommand(data, metadata),
  SendCMRT: (data, metadata) => new SendCMRTCommand(data, metadata),
  SendReminder: (data, metadata) => new SendReminderCommand(data, metadata),
  RecordResponse: (data, metadata) => new RecordResponseCommand(data, metadata),
  AcceptResponse: (data, metadata) => new AcceptResponseCommand(data, metadata),
  RequestFollowUp: (data, metadata) => new RequestFollowUpCommand(data, metadata),
  ResolveFollowUp: (data, metadata) => new ResolveFollowUpCommand(data, metadata),
  ConfirmSmelterMatch: (data, metadata) => new ConfirmSmelterMatchCommand(data, metadata),
  ImportReferenceList: (data, metadata) => new ImportReferenceListCommand(data, metadata),
  ImportRmapStatusList: (data, metadata) => new ImportRmapStatusListCommand(data, metadata),
  WithdrawReferenceList: (data, metadata) => new WithdrawReferenceListCommand(data, metadata),
  WithdrawRmapStatusList: (data, metadata) => new WithdrawRmapStatusListCommand(data, metadata),
  FlagNonConflictFree: (data, metadata) => new FlagNonConflictFreeCommand(data, metadata),
  AssessRisk: (data, metadata) => new AssessRiskCommand(data, metadata),
  AssignRiskOwner: (data, metadata) => new AssignRiskOwnerCommand(data, metadata),
  DecideMitigation: (data, metadata) => new DecideMitigationCommand(data, metadata),
  RecordMitigationProgress: (data, metadata) => new RecordMitigationProgressCommand(data, metadata),
  CloseRisk: (data, metadata) => new CloseRiskCommand(data, metadata),
};

export function busCommandFor(name: PublicCommandName, data: unknown, metadata: CommandMetadata): Command<CommandResult> {
  return factories[name](data, metadata);
}

