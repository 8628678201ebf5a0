import { z } from 'zod';
import { MultiLineText, WebUrl } from '../shared/text';
import { CMRT_VERSION_PATTERN } from '../survey/send-cmrt.command';
import { IsoDate, Period } from '../shared/period';

/** How a reporting period's survey runs: when reminders go out, when answers are due, what is accepted. */
export const PeriodPolicy = z
  .object({
    /** Days after sending at which reminders go out, ascending (default: 14 and 28). */
    reminderDays: z
      .array(z.number().int().min(1).max(365))
      .min(1)
      .max(10)
      .refine((days) => days.every((day, i) => i === 0 || day > days[i - 1]), 'reminder days must be ascending and distinct')
      .default([14, 28]),
    /** Due date given to CMRT requests that name none. */
    defaultDueDate: IsoDate.optional(),
    /** Responses on an older CMRT revision get a finding (e.g. "6.1"). */
    oldestAcceptedTemplateVersion: z.string().regex(CMRT_VERSION_PATTERN, 'expected a CMRT revision such as "6.1"').optional(),
  })
  .strict();
export type PeriodPolicy = z.infer<typeof PeriodPolicy>;

export const OpenPeriod = z.object({ period: Period, policy: PeriodPolicy.default({ reminderDays: [14, 28] }) }).strict();
export type OpenPeriod = z.infer<typeof OpenPeriod>;

export const ClosePeriod = z.object({ period: Period, note: MultiLineText.max(2000).optional() }).strict();
export type ClosePeriod = z.infer<typeof ClosePeriod>;

/** A closed year opened again to correct its records: a deliberate act, so it says why. */
export const ReopenPeriod = z.object({ period: Period, reason: MultiLineText.min(1, 'say why the period is reopened').max(2000) }).strict();
export type ReopenPeriod = z.infer<typeof ReopenPeriod>;

/** OECD step 5 / Form SD: the Conflict Minerals Report as published, fingerprinted. */
export const PublishReport = z
  .object({
    period: Period,
    url: WebUrl,
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected the SHA-256 of the published file, 64 lower-case hex digits'),
  })
  .strict();
export type PublishReport = z.infer<typeof PublishReport>;
