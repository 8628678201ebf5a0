import { RISK_CATEGORIES } from '@dd/domain';
import {
  riskRollForwardOfFigures,
  rollForwardCsv,
  rollForwardHtml,
  rollForwardText,
  renderExport,
  rollForwardSheet,
  EXPORT_MEDIA_TYPES,
  type RiskRollForward,
} from '@dd/reports';
import { z } from 'zod';
import { riskRegisterProjection } from '@dd/projections';
import { readQuery } from './read-query';
import type { ReadRendering } from './read-renderings';

/** `2024,2025,2026` (or the parameter repeated): distinct years, at most twenty. */
export const YearsParam = z
  .union([z.string(), z.array(z.string())])
  .transform((value) => (Array.isArray(value) ? value : [value]).flatMap((item) => item.split(',')).map((item) => item.trim()))
  .pipe(
    z
      .array(
        z
          .string()
          .regex(/^\d{4}$/, { error: (issue) => `not a year: ${String(issue.input).slice(0, 20)}` })
          .transform(Number)
          .pipe(z.number().min(2010).max(2100)),
      )
      .min(1, { error: 'name at least one year' })
      .max(20, { error: 'at most 20 years' })
      .refine((years) => new Set(years).size === years.length, { error: 'a year is named twice' }),
  )
  .describe('the years, comma separated (e.g. 2024,2025,2026)');

const Line = z.object({
  beginning: z.number().int().describe('balance at beginning of period: risks open at the end of the year before'),
  additions: z.number().int().describe('risks raised in the year, reopenings included'),
  reopened: z.number().int().describe('of the additions, closed risks raised again'),
  other: z.number().int().describe('reclassified: always 0, a risk never changes category'),
  deductions: z.number().int().describe('risks closed in the year'),
  end: z.number().int().describe('balance at end of period: risks open on December 31'),
});

type Params = { years: number[] };
const fileName = ({ years }: Params) => `risk-roll-forward-${[...years].sort((a, b) => a - b).join('-')}`;
const rendering = (
  mediaType: string,
  extension: string,
  attachment: boolean,
  render: (rollForward: RiskRollForward) => Buffer | Promise<Buffer>,
): ReadRendering<Params, RiskRollForward> => ({
  mediaType,
  extension,
  attachment,
  fileName,
  render,
});

export const riskRollForwardRead = readQuery({
  name: 'GetRiskRollForward',
  path: '/reports/roll-forward',
  summary:
    'Roll-forward of the risk register, laid out as SEC Schedule II: per year and risk category, balance at beginning, additions (raised), other (reclassified), deductions (closed), balance at end; checked to reconcile',
  description:
    "A risk counts in the calendar year (UTC) of the business time (occurredAt) of the event that raises, reopens or closes it; one year's end balance is the next year's beginning. format=text (a 10-K exhibit), html, csv or xlsx; a log whose figures do not reconcile answers 500 roll-forward-does-not-reconcile naming each line.",
  params: z.object({ years: YearsParam }).strict(),
  response: z.object({
    categories: z.array(z.enum(RISK_CATEGORIES)).describe('the categories shown: those with a figure in some year'),
    years: z.array(z.object({ year: z.number().int(), rows: z.array(Line.extend({ category: z.enum(RISK_CATEGORIES) })), total: Line })),
  }),
  // The figures per business year and category the risk register keeps as risks move: a few rows, not
  // every movement. The CLI's exhibit (report roll-forward) reads the log itself, the cross-check.
  readModels: [riskRegisterProjection.name],
  answer: ({ years }, models) => riskRollForwardOfFigures(models.risks.rollForwardFigures(), years),
  renderings: {
    text: rendering('text/plain; charset=utf-8', 'txt', false, (rollForward) => Buffer.from(rollForwardText(rollForward), 'utf8')),
    html: rendering('text/html; charset=utf-8', 'html', false, (rollForward) => Buffer.from(rollForwardHtml(rollForward), 'utf8')),
    csv: rendering(EXPORT_MEDIA_TYPES.csv, 'csv', true, rollForwardCsv),
    xlsx: rendering(EXPORT_MEDIA_TYPES.xlsx, 'xlsx', true, (rollForward) =>
      renderExport({ sheets: [rollForwardSheet(rollForward)] }, 'xlsx'),
    ),
  },
});
