import { z } from 'zod';
import type { EventSchemasByType, EventsOf } from '../shared/event-family';
import { Declaration } from '../declaration/declaration.schema';
import { Finding, FollowUpKind } from '../declaration/finding';
import { RESPONSE_USABILITIES } from '../declaration/response-usability';
import { SmelterMatch } from '../smelter/smelter-match';
import { Metal, Mineral } from '../shared/metals';
import { IsoDate, Period } from '../shared/period';
import { EmrtDeclaration } from '../declaration/emrt-declaration.schema';
import { EmrtMineral } from '../declaration/template-minerals';
import { SurveyFamily } from './survey-family';

/** Every survey event names its template family when it is not the CMRT (survey-family.ts); absent: the CMRT. */
const family = SurveyFamily.optional();

export const CMRTSent = z
  .object({
    supplierId: z.string(),
    period: Period,
    family,
    dueDate: IsoDate,
    templateVersion: z.string().optional(),
    /** 1 for the first request of this period, 2 for a re-survey after a response, ... */
    requestNumber: z.number().int().min(1),
    /** The campaign that sent it (LaunchCampaign), absent for a request sent on its own. */
    campaignId: z.string().optional(),
    /** The day it was sent: an effective date more than twelve months before it is outdated (absent in older events). */
    sentOn: IsoDate.optional(),
  })
  .strict();
export type CMRTSent = z.infer<typeof CMRTSent>;

export const ReminderSent = z
  .object({
    supplierId: z.string(),
    period: Period,
    family,
    requestNumber: z.number().int().min(1),
    reminderNumber: z.number().int().min(1),
    /** True when the reminder went out after the due date. */
    overdue: z.boolean(),
  })
  .strict();
export type ReminderSent = z.infer<typeof ReminderSent>;

/** Where a recorded declaration came from; a CMRT upload also keeps the file's fingerprint. */
export const ResponseSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('json') }).strict(),
  z
    .object({
      kind: z.literal('cmrt-file'),
      fileName: z.string(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      size: z.number().int().min(0),
      templateVersion: z.string(),
      language: z.string(),
    })
    .strict(),
]);
export type ResponseSource = z.infer<typeof ResponseSource>;

export const ResponseRecorded = z
  .object({
    supplierId: z.string(),
    period: Period,
    requestNumber: z.number().int().min(1),
    /** 1 for the first answer to this period's survey; a later one supersedes the earlier. */
    responseNumber: z.number().int().min(1),
    receivedAt: z.string(),
    declaration: Declaration,
    source: ResponseSource,
    /** Metals with Q1 = Yes and Q2 = Yes. */
    inScopeMetals: z.array(Metal),
    findings: z.array(Finding),
    /** Follow-up classes the error findings call for (empty when the answer is complete). */
    followUpKinds: z.array(FollowUpKind),
    /** Each Smelter List row resolved against the reference list current when it was recorded. */
    smelterMatches: z.array(SmelterMatch).default([]),
    /** As-of date of that reference list (null: none imported yet). */
    referenceListAsOf: z.string().nullable().default(null),
    /** The earlier response this one replaces; both stay in the history. */
    supersedesResponse: z.number().int().min(1).optional(),
    /**
     * usable: an answer; blank or another-company: received but not an answer (response-usability.ts).
     * Absent in events recorded before it was judged: read it with usabilityOf(findings).
     */
    usability: z.enum(RESPONSE_USABILITIES).optional(),
  })
  .strict();
export type ResponseRecorded = z.infer<typeof ResponseRecorded>;

export const FOLLOW_UP_ORIGINS = ['checker', 'reviewer'] as const;

/** A request to the supplier to correct its answer: one per kind (incomplete, inconsistent, inaccurate). */
export const FollowUpRequested = z
  .object({
    supplierId: z.string(),
    period: Period,
    family,
    followUpId: z.string(),
    kind: FollowUpKind,
    /** The response it is about (0 when raised before any response, e.g. about a phone call). */
    responseNumber: z.number().int().min(0),
    /** checker: opened automatically by a response's error findings; reviewer: by a person. */
    origin: z.enum(FOLLOW_UP_ORIGINS),
    findings: z.array(Finding),
    note: z.string().optional(),
  })
  .strict();
export type FollowUpRequested = z.infer<typeof FollowUpRequested>;

export const FollowUpResolved = z
  .object({
    supplierId: z.string(),
    period: Period,
    family,
    followUpId: z.string(),
    /** resubmitted: a later response superseded the one asked about; reviewer: closed by a person. */
    resolution: z.enum(['resubmitted', 'reviewer']),
    responseNumber: z.number().int().min(0).optional(),
    note: z.string().optional(),
  })
  .strict();
export type FollowUpResolved = z.infer<typeof FollowUpResolved>;

/** A reviewer chased the supplier about an open follow-up: it is asked again (the outbox writes it); it stays open. */
export const FollowUpChased = z
  .object({
    supplierId: z.string(),
    period: Period,
    family,
    followUpId: z.string(),
    kind: FollowUpKind,
    note: z.string(),
  })
  .strict();
export type FollowUpChased = z.infer<typeof FollowUpChased>;

export const ResponseAccepted = z
  .object({
    supplierId: z.string(),
    period: Period,
    family,
    responseNumber: z.number().int().min(1),
    note: z.string().optional(),
  })
  .strict();
export type ResponseAccepted = z.infer<typeof ResponseAccepted>;

export const SmelterMatchConfirmed = z
  .object({
    supplierId: z.string(),
    period: Period,
    family,
    responseNumber: z.number().int().min(1),
    /** Index of the row in the response's declaration.smelters. */
    index: z.number().int().min(0),
    row: z.number().int().min(1),
    /** A 3TG metal, or an EMRT mineral for a row of an EMRT's Smelter List. */
    metal: Mineral,
    smelterId: z.string(),
    standardName: z.string(),
    /** What the automatic matching had said. */
    previousStatus: z.string(),
  })
  .strict();
export type SmelterMatchConfirmed = z.infer<typeof SmelterMatchConfirmed>;

/** The request stayed unanswered past its due date after the last reminder: its owner takes it up. */
export const NonResponseEscalated = z
  .object({
    supplierId: z.string(),
    period: Period,
    family,
    requestNumber: z.number().int().min(1),
    /** The supplier's owner in our company ('unassigned' when nobody owns the relationship). */
    owner: z.string(),
    /** Reminders sent for the request before it was escalated. */
    reminders: z.number().int().min(0),
    dueDate: IsoDate,
  })
  .strict();
export type NonResponseEscalated = z.infer<typeof NonResponseEscalated>;

/** The supplier's answer link of one request was withdrawn (RevokeSupplierLink): the page answers it like an expired one. */
export const SupplierLinkRevoked = z
  .object({
    supplierId: z.string(),
    period: Period,
    family,
    requestNumber: z.number().int().min(1),
    reason: z.string().optional(),
  })
  .strict();
export type SupplierLinkRevoked = z.infer<typeof SupplierLinkRevoked>;

/**
 * A supplier's EMRT answers recorded on its EMRT survey (`survey-<year>-<supplier>:emrt`): the
 * EMRT's own declaration (minerals as selected, questions 1-7, company questions, Smelter, Mine and
 * Product Lists), reviewed like a CMRT response (the EMRT Checker rules with their cells, the blank
 * and another-company checks, usable or not, follow-ups). A type of its own, so that every read model
 * says what it makes of EMRT answers rather than reading them as a CMRT's.
 */
export const EmrtResponseRecorded = z
  .object({
    supplierId: z.string(),
    period: Period,
    family,
    requestNumber: z.number().int().min(1),
    responseNumber: z.number().int().min(1),
    receivedAt: z.string(),
    declaration: EmrtDeclaration,
    source: ResponseSource,
    /** Minerals with Q1 = Yes and Q2 = Yes, in the template's order. */
    inScopeMinerals: z.array(EmrtMineral),
    findings: z.array(Finding),
    followUpKinds: z.array(FollowUpKind),
    /**
     * Each Smelter List row resolved against the EMRT's own reference list (stream reference-list:emrt)
     * in force when it was recorded. Absent when none was: the rows are then placed by the CID the
     * workbook's own Look-up gave (sightingsOfEmrtResponse), as before that list was imported.
     */
    smelterMatches: z.array(SmelterMatch).optional(),
    /** As-of date of that list (with smelterMatches). */
    referenceListAsOf: z.string().optional(),
    supersedesResponse: z.number().int().min(1).optional(),
    usability: z.enum(RESPONSE_USABILITIES),
  })
  .strict();
export type EmrtResponseRecorded = z.infer<typeof EmrtResponseRecorded>;

/** The events of survey streams, by type: the event catalogue and the SurveyEvent union are derived from it. */
export const surveyEventSchemas = {
  CMRTSent,
  ReminderSent,
  ResponseRecorded,
  EmrtResponseRecorded,
  FollowUpRequested,
  FollowUpResolved,
  FollowUpChased,
  ResponseAccepted,
  SmelterMatchConfirmed,
  NonResponseEscalated,
  SupplierLinkRevoked,
} satisfies EventSchemasByType;
export type SurveyEvent = EventsOf<typeof surveyEventSchemas>;
