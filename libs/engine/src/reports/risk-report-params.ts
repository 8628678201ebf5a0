import { IsoDate, Period } from '@dd/domain';
import { REPORT_FORMATS } from '@dd/reports';
import { z } from 'zod';

/**
 * What a caller asks for (query string, CLI options): a period, optionally as of a log position (an
 * integer) or a business time (YYYY-MM-DD, the end of that day, or an ISO date-time), and a format.
 */
export const RiskReportParams = z
  .object({
    period: z.coerce.number({ error: 'expected a reporting year, e.g. 2025' }).pipe(Period),
    asOf: z
      .string()
      .trim()
      .refine(
        (value) => /^\d+$/.test(value) || IsoDate.safeParse(value).success || z.iso.datetime({ offset: true }).safeParse(value).success,
        'expected a log position (an integer), a date (YYYY-MM-DD) or an ISO date-time',
      )
      .transform((value) => (/^\d+$/.test(value) ? { position: Number(value) } : { time: value }))
      .optional(),
    format: z.enum(REPORT_FORMATS, { error: `expected one of ${REPORT_FORMATS.join(', ')}` }).default('html'),
  })
  .strict();
export type RiskReportParams = z.output<typeof RiskReportParams>;
