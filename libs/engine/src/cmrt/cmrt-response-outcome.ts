import {
  summariseFindings,
  usabilityOf,
  type DeclarationScope,
  type EmrtMineral,
  type EmrtResponseRecorded,
  type Finding,
  type FollowUpKind,
  type FollowUpRequested,
  type FollowUpResolved,
  type Metal,
  type ResponseRecorded,
  type ResponseUsability,
  type SmelterMatch,
  type SurveyFamily,
} from '@dd/domain';
import type { RecordedEvent } from '@dd/event-store';
import type { CommandResult } from '../commands/command-metadata';

export const SAME_FILE_REASON = 'same file already recorded for this request';

export interface SmelterMatchSummary {
  /** Rows on the supplier's Smelter List. */
  total: number;
  matched: number;
  needsConfirmation: number;
  unidentified: number;
  unresolved: number;
  /** As-of date of the reference list the rows were matched against (null: none imported then). */
  referenceListAsOf: string | null;
  /** Each row as matched when the response was recorded. */
  rows: SmelterMatch[];
}

/** What a CMRT file recorded (or had recorded before): read back from the survey stream's events. */
export interface CmrtResponseOutcome {
  /** False when this file was already recorded for this request (nothing new was appended). */
  recorded: boolean;
  /** The template the workbook is (told by the workbook): it was recorded on the supplier's survey of that family. */
  family: SurveyFamily;
  reason?: string;
  command: CommandResult;
  file: { fileName: string; sha256: string; size: number };
  templateVersion: string;
  language: string;
  requestNumber: number;
  responseNumber: number;
  /** Number of the latest response of the survey: greater than responseNumber when a later file superseded this one. */
  latestResponseNumber: number;
  supersedesResponse: number | null;
  receivedAt: string;
  company: { name: string | null; scope: DeclarationScope | null };
  /** usable: an answer; blank or another-company: received, but not counted as usable (a follow-up asks for one). */
  usability: ResponseUsability;
  /** CMRT: metals with Q1 and Q2 = Yes (empty for an EMRT). */
  inScopeMetals: Metal[];
  /** EMRT: minerals with Q1 and Q2 = Yes (empty for a CMRT). */
  inScopeMinerals: EmrtMineral[];
  /** Every finding with its cell: reader findings, Checker rules and review checks, sorted. */
  findings: Finding[];
  findingCounts: { error: number; warning: number; 'red-flag': number; info: number };
  followUps: {
    /** Opened by this response's error findings. */
    opened: Array<{ followUpId: string; kind: FollowUpKind; findings: number }>;
    /** Earlier follow-ups this response (a resubmission) resolved. */
    resolved: string[];
  };
  smelters: SmelterMatchSummary;
  /** EMRT: rows on the Mine List (0 for a CMRT). */
  mines: number;
  products: number;
}

type AnyResponse = RecordedEvent<'ResponseRecorded', ResponseRecorded> | RecordedEvent<'EmrtResponseRecorded', EmrtResponseRecorded>;

/**
 * Finds the response a CMRT command is about in the survey stream (the events it appended, or the
 * earlier response of the same file) and summarises it. Null only if the stream holds no such response.
 */
export function cmrtResponseOutcome(events: readonly RecordedEvent[], command: CommandResult, sha256: string): CmrtResponseOutcome | null {
  const appended = new Set(command.eventIds);
  const responses = events.filter(
    (event): event is AnyResponse => event.type === 'ResponseRecorded' || event.type === 'EmrtResponseRecorded',
  );
  const response =
    responses.find((event) => appended.has(event.metadata.eventId)) ??
    [...responses].reverse().find((event) => event.data.source.kind === 'cmrt-file' && event.data.source.sha256 === sha256);
  if (!response) return null;
  const data = response.data;
  const recorded = command.eventIds.length > 0 && !command.duplicate;
  const source = data.source.kind === 'cmrt-file' ? data.source : undefined;
  const counts = summariseFindings(data.findings);
  const opened = events
    .filter((event): event is RecordedEvent<'FollowUpRequested', FollowUpRequested> => event.type === 'FollowUpRequested')
    .filter((event) => event.data.origin === 'checker' && event.data.responseNumber === data.responseNumber)
    .map((event) => ({ followUpId: event.data.followUpId, kind: event.data.kind, findings: event.data.findings.length }));
  const resolved = events
    .filter((event): event is RecordedEvent<'FollowUpResolved', FollowUpResolved> => event.type === 'FollowUpResolved')
    .filter((event) => event.data.resolution === 'resubmitted' && event.data.responseNumber === data.responseNumber)
    .map((event) => event.data.followUpId);
  const matches = response.type === 'ResponseRecorded' ? (response.data.smelterMatches ?? []) : [];
  const countOf = (status: SmelterMatch['status']) => matches.filter((match) => match.status === status).length;
  return {
    recorded,
    family: response.type === 'ResponseRecorded' ? 'cmrt' : 'emrt',
    ...(recorded ? {} : { reason: SAME_FILE_REASON }),
    command: { ...command, duplicate: command.duplicate || !recorded },
    file: { fileName: source?.fileName ?? '', sha256: source?.sha256 ?? sha256, size: source?.size ?? 0 },
    templateVersion: source?.templateVersion ?? data.declaration.templateVersion ?? '',
    language: source?.language ?? data.declaration.language ?? 'Unknown',
    requestNumber: data.requestNumber,
    responseNumber: data.responseNumber,
    latestResponseNumber: responses[responses.length - 1].data.responseNumber,
    supersedesResponse: data.supersedesResponse ?? null,
    receivedAt: data.receivedAt,
    company: { name: data.declaration.company?.name ?? null, scope: data.declaration.company?.scope ?? null },
    usability: data.usability ?? usabilityOf(data.findings),
    inScopeMetals: response.type === 'ResponseRecorded' ? response.data.inScopeMetals : [],
    inScopeMinerals: response.type === 'EmrtResponseRecorded' ? response.data.inScopeMinerals : [],
    findings: data.findings,
    findingCounts: { error: counts.errors, warning: counts.warnings, 'red-flag': counts.redFlags, info: counts.infos },
    followUps: { opened, resolved },
    smelters: {
      total: data.declaration.smelters?.length ?? 0,
      matched: countOf('matched'),
      needsConfirmation: countOf('needs-confirmation'),
      unidentified: countOf('unidentified'),
      unresolved: countOf('unresolved'),
      referenceListAsOf: response.type === 'ResponseRecorded' ? (response.data.referenceListAsOf ?? null) : null,
      rows: matches,
    },
    mines: response.type === 'EmrtResponseRecorded' ? response.data.declaration.mines.length : 0,
    products: data.declaration.products?.length ?? 0,
  };
}
