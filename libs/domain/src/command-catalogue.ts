import type { z } from 'zod';
import { commandTable, type CommandTable } from './command-table';
import type { BusinessTimeDeclaration } from './shared/business-time';

/** The names of the rows marked public in the command table. */
export type PublicCommandName = {
  [Name in keyof CommandTable]: CommandTable[Name]['public'] extends false ? never : Name;
}[keyof CommandTable];

/**
 * The commands people and internal services may post (POST /commands/<name>, CLI): the public rows
 * of the command table. Commands the engine issues to itself (RaiseRisk, CloseRiskAutomatically,
 * EscalateOverdueMitigation, ...) are not here.
 */
export const publicCommands = Object.fromEntries(
  Object.entries(commandTable)
    .filter(([, row]) => row.public)
    .map(([name, row]) => [name, { schema: row.schema, summary: row.summary, businessTime: row.businessTime }]),
) as {
  [Name in PublicCommandName]: { schema: CommandTable[Name]['schema']; summary: string; businessTime: BusinessTimeDeclaration };
} satisfies Record<string, { schema: z.ZodType; summary: string; businessTime: BusinessTimeDeclaration }>;

export const PUBLIC_COMMAND_NAMES = Object.keys(publicCommands) as PublicCommandName[];

export function isPublicCommandName(name: string): name is PublicCommandName {
  return Object.prototype.hasOwnProperty.call(publicCommands, name);
}
