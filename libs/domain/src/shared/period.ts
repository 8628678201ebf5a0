import { z } from 'zod';

/** A reporting period is a calendar year (Rule 13p-1 reports Jan 1 - Dec 31 whatever the fiscal year). */
export const Period = z.number().int().min(2010).max(2100);
export type Period = z.infer<typeof Period>;

/** A calendar date as YYYY-MM-DD, checked to exist (no 2024-02-30). */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, 'not a calendar date');

/** An identifier used inside stream names: letters, digits, dot, underscore, hyphen. */
export const EntityId = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'use letters, digits, ".", "_" or "-" (and start with a letter or digit)');
