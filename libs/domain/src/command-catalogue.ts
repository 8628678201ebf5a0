import type { z } from 'zod';
import { RecordResponse } from './survey/record-response.command';
import { SendCMRT } from './survey/send-cmrt.command';
import { SendReminder } from './survey/send-reminder.command';
import { FlagNonConflictFree } from './risk/flag-non-conflict-free.command';
import { RegisterSupplier } from './supplier/register-supplier.command';
import { ImportReferenceList } from './smelter/reference-list';
import { ImportRmapStatusList } from './smelter/rmap-status';
import { AcceptResponse } from './survey/accept-response.command';
import { ConfirmSmelterMatch } from './survey/confirm-smelter-match.command';
import { RequestFollowUp } from './survey/request-follow-up.command';
import { ResolveFollowUp } from './survey/resolve-follow-up.command';

/**
 * The commands people and internal services may post (POST /commands/<name>, CLI). Commands the
 * engine issues to itself (RaiseRisk) are deliberately not here.
 */
export const publicCommands = {
  RegisterSupplier: { schema: RegisterSupplier, summary: 'Register a direct or indirect supplier' },
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
    summary: "Import RMI's smelter reference list (Smelter Look-up rows) with its as-of date",
  },
  ImportRmapStatusList: {
    schema: ImportRmapStatusList,
    summary: 'Import an RMAP status list (metal, CID, status) with its as-of date',
  },
  FlagNonConflictFree: {
    schema: FlagNonConflictFree,
    summary: 'Flag a smelter (or an unidentified one) in a supplier chain as not conflict free: raises a risk',
  },
} satisfies Record<string, { schema: z.ZodType; summary: string }>;

export type PublicCommandName = keyof typeof publicCommands;
export const PUBLIC_COMMAND_NAMES = Object.keys(publicCommands) as PublicCommandName[];

export function isPublicCommandName(name: string): name is PublicCommandName {
  return Object.prototype.hasOwnProperty.call(publicCommands, name);
}
