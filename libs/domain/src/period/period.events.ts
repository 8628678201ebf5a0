import { z } from 'zod';
import type { EventSchemasByType, EventsOf } from '../shared/event-family';
import { IsoDate, Period } from '../shared/period';
import { PeriodPolicy } from './period.commands';

export const PeriodOpened = z.object({ period: Period, policy: PeriodPolicy, formSdDeadline: IsoDate }).strict();
export type PeriodOpened = z.infer<typeof PeriodOpened>;

export const PeriodClosed = z.object({ period: Period, note: z.string().optional() }).strict();
export type PeriodClosed = z.infer<typeof PeriodClosed>;

export const PeriodReopened = z.object({ period: Period, reason: z.string() }).strict();
export type PeriodReopened = z.infer<typeof PeriodReopened>;

export const ReportPublished = z
  .object({ period: Period, url: z.string(), sha256: z.string(), formSdDeadline: IsoDate, onTime: z.boolean() })
  .strict();
export type ReportPublished = z.infer<typeof ReportPublished>;

/** The events of period streams, by type: the event catalogue and the PeriodEvent union are derived from it. */
export const periodEventSchemas = { PeriodOpened, PeriodClosed, PeriodReopened, ReportPublished } satisfies EventSchemasByType;
export type PeriodEvent = EventsOf<typeof periodEventSchemas>;
