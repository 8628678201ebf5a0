import type { z } from 'zod';
import { logSealCommandRows } from './audit/log-seal.decider';
import { customerDeclarationCommandRows } from './declaration/our-declaration/customer-declaration.decider';
import { messageCommandRows } from './outreach/message.decider';
import { campaignCommandRows } from './campaign/campaign.decider';
import { periodCommandRows } from './period/period.decider';
import { productCommandRows } from './product/product.decider';
import { contractClauseCommandRows } from './program/contract-clause.decider';
import { grievanceCommandRows } from './program/grievance.decider';
import { programCommandRows } from './program/program.decider';
import { riskReportCommandRows } from './report/risk-report.decider';
import { riskCommandRows } from './risk/risk.decider';
import { referenceListCommandRows } from './smelter/reference-list.decider';
import { rmapStatusCommandRows } from './smelter/rmap-status.decider';
import { supplierCommandRows } from './supplier/supplier.decider';
import { surveyCommandRows } from './survey/survey.decider';

/**
 * Every command the engine runs, public or engine-issued, by name: the rows are declared beside their
 * deciders (CommandRow, shared/command-row.ts). The engine's one dispatch path, the HTTP routes, the
 * OpenAPI document and the CLI all read this table.
 */
export const commandTable = {
  ...supplierCommandRows,
  ...productCommandRows,
  ...periodCommandRows,
  ...campaignCommandRows,
  ...programCommandRows,
  ...contractClauseCommandRows,
  ...grievanceCommandRows,
  ...surveyCommandRows,
  ...referenceListCommandRows,
  ...rmapStatusCommandRows,
  ...riskCommandRows,
  ...logSealCommandRows,
  ...customerDeclarationCommandRows,
  ...riskReportCommandRows,
  ...messageCommandRows,
};

export type CommandTable = typeof commandTable;
export type CommandName = keyof CommandTable;
/** The validated data of a command. */
export type CommandData<Name extends CommandName> = z.infer<CommandTable[Name]['schema']>;
/** What an engine-side sender may add beyond the data (a campaign id, an upload's source). */
export type CommandAttachment<Name extends CommandName> = CommandTable[Name] extends {
  command: (data: never, attachment?: infer A) => unknown;
}
  ? A
  : never;

/** How every command stands to a closed period, and why (the rows' closedPeriod). */
export const CLOSED_PERIOD_RULES = Object.fromEntries(Object.entries(commandTable).map(([name, row]) => [name, row.closedPeriod])) as {
  [Name in CommandName]: CommandTable[Name]['closedPeriod'];
};

export function isCommandName(name: string): name is CommandName {
  return Object.prototype.hasOwnProperty.call(commandTable, name);
}
