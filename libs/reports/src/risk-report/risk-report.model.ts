import { MINERALS, PRODUCT_CONCLUSIONS, RISK_SEVERITIES } from '@dd/domain';
import { z } from 'zod';

/*
 * What senior management's risk report says, as data: the engine assembles it from the read models as
 * of a log position (libs/engine risk-report), the renderers here turn it into HTML, Markdown and JSON.
 * Nothing in it is "now": every date is the as-of position's, so the same position gives the same bytes.
 */

const count = z.number().int().min(0);
/** A fraction 0..1, rounded to 4 decimals; null when there was nothing to divide by. */
const ratio = z.number().min(0).max(1).nullable();
const isoDate = z.iso.date();
const isoTime = z.iso.datetime();
const Severity = z.enum(RISK_SEVERITIES);

export const REPORT_FORMATS = ['html', 'md', 'json', 'pdf'] as const;
export const ReportFormat = z.enum(REPORT_FORMATS);
export type ReportFormat = z.infer<typeof ReportFormat>;

/** The age buckets of open risks, youngest first: days since the risk was raised, as of the report. */
export const RISK_AGE_BUCKETS = [
  { label: '0–30 days', maxDays: 30 },
  { label: '31–90 days', maxDays: 90 },
  { label: '91–180 days', maxDays: 180 },
  { label: 'over 180 days', maxDays: Number.POSITIVE_INFINITY },
] as const;

const BySeverity = z.object({ high: count, medium: count, low: count }).strict();

const CampaignFigures = z
  .object({
    requestsSent: count,
    responded: count,
    responseRate: ratio,
    usable: count,
    usableRate: ratio,
    awaitingResponse: count,
    overdue: count,
    remindersSent: count,
    escalations: count,
    followUpsOpen: count,
    byTier: z.object({
      direct: z.object({ requestsSent: count, responded: count, usable: count }).strict(),
      indirect: z.object({ requestsSent: count, responded: count, usable: count }).strict(),
    }),
    /** End-of-month figures (business time), oldest first, ending with the as-of day. */
    timeline: z.array(z.object({ date: isoDate, requestsSent: count, responded: count, usable: count }).strict()),
  })
  .strict();

const RiskLine = z
  .object({
    riskId: z.string(),
    category: z.string(),
    severity: Severity,
    supplierId: z.string().nullable(),
    metal: z.enum(MINERALS).nullable(),
    reason: z.string(),
    at: isoTime,
    /** How the risk was closed, for a closed one. */
    resolution: z.string().nullable(),
  })
  .strict();

const OverdueAction = z
  .object({
    riskId: z.string(),
    severity: Severity,
    owner: z.string().nullable(),
    action: z.string(),
    dueDate: isoDate,
    daysOverdue: z.number().int().min(1),
  })
  .strict();

const Risks = z
  .object({
    open: count,
    closed: count,
    openBySeverity: BySeverity,
    /** One row per RISK_AGE_BUCKETS entry, in that order. */
    openByAge: z.array(z.object({ bucket: z.string() }).extend(BySeverity.shape).strict()),
    openByCategory: z.array(z.object({ category: z.string(), count: count }).strict()),
    raisedSincePrevious: z.array(RiskLine),
    closedSincePrevious: z.array(RiskLine),
    overdueActions: z.array(OverdueAction),
  })
  .strict();

const Conformance = z
  .object({ metal: z.enum(MINERALS), identified: count, conformant: count, active: count, other: count, share: ratio })
  .strict();

const OecdStep = z
  .object({
    step: z.number().int().min(1).max(5),
    name: z.string(),
    status: z.enum(['met', 'in-progress', 'not-started']),
    criteriaMet: count,
    criteria: count,
    missing: z.array(z.string()),
  })
  .strict();

const Conclusions = z
  .object({
    byConclusion: z.array(z.object({ conclusion: z.enum(PRODUCT_CONCLUSIONS), products: count }).strict()),
    products: z.array(
      z.object({ productId: z.string(), name: z.string(), productLine: z.string(), conclusion: z.enum(PRODUCT_CONCLUSIONS) }).strict(),
    ),
  })
  .strict();

const Change = z.object({ subject: z.string(), before: z.string(), after: z.string() }).strict();

export const RiskReportModel = z
  .object({
    period: z.number().int(),
    asOf: z
      .object({
        /** Global log position the figures stand at (0: an empty log). */
        position: z.number().int().min(0),
        /** Business time (engine clock) the figures stand at; "overdue" and ages are judged on its day. */
        time: isoTime,
      })
      .strict(),
    previousReport: z
      .object({ reportId: z.string(), asOfPosition: z.number().int().min(0), asOfTime: isoTime, sha256: z.string() })
      .strict()
      .nullable(),
    campaign: CampaignFigures,
    risks: Risks,
    conformance: z.array(Conformance),
    oecdSteps: z.array(OecdStep),
    conclusions: Conclusions,
    /** Headline figures that moved since the previous report; empty for the first report. */
    changes: z.array(Change),
  })
  .strict();
export type RiskReportModel = z.infer<typeof RiskReportModel>;
export type RiskReportChange = z.infer<typeof Change>;
