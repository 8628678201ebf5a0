import { z } from 'zod';
import { IsoDate, Period } from '../shared/period';
import { PeriodPolicy } from './period.commands';

export const PeriodOpened = z.object({ period: Period, policy: PeriodPolicy, formSdDeadline: IsoDate }).strict();
export type PeriodOpened = z.infer<typeof PeriodOpened>;

export const PeriodClosed = z.object({ period: Period, note: z.string().optional() }).strict();
export type PeriodClosed = z.infer<typeof PeriodClosed>;

export const PeriodReopened = z.object({ period: Period, reason: z.string() }).strict();
export type PeriodReopened = z.infer<typeof PeriodReopened>;

export const ReportPublished = z.object({ period: Period, url: z.string(), sha256: z.string(), formSdDeadline: IsoDate, onTime: z.boolean() }).strict();
export type ReportPublished = z.infer<typeof ReportPublished>;

export type PeriodEvent =
  | { type: 'PeriodOpened'; data: PeriodOpened }
  | { type: 'PeriodClosed'; data: PeriodClosed }
  | { type: 'PeriodReopened'; data: PeriodReopened }
  | { type: 'ReportPublished'; data: ReportPublished };
