import { z } from 'zod';
import { Declaration } from '../declaration/declaration.schema';
import { Finding, FollowUpKind } from '../declaration/finding';
import { Metal } from '../shared/metals';
import { IsoDate, Period } from '../shared/period';

export const CMRTSent = z
  .object({
    supplierId: z.string(),
    period: Period,
    dueDate: IsoDate,
    templateVersion: z.string().optional(),
    /** 1 for the first request of this period, 2 for a re-survey after a response, ... */
    requestNumber: z.number().int().min(1),
  })
  .strict();
export type CMRTSent = z.infer<typeof CMRTSent>;

export const ReminderSent = z
  .object({
    supplierId: z.string(),
    period: Period,
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
  })
  .strict();
export type ResponseRecorded = z.infer<typeof ResponseRecorded>;

export type SurveyEvent =
  | { type: 'CMRTSent'; data: CMRTSent }
  | { type: 'ReminderSent'; data: ReminderSent }
  | { type: 'ResponseRecorded'; data: ResponseRecorded };
