import { z } from 'zod';
import type { EventSchemasByType, EventsOf } from '../shared/event-family';
import { EntityId, Period } from '../shared/period';

/**
 * The stream of a year's risk reports to senior management. Not `risk-…`: a stream's category is the
 * part before the first hyphen, and `risk` is the risks' own.
 */
export const riskReportStream = (period: number) => `reports-risk-${period}`;

export const RISK_REPORT_FORMATS = ['html', 'md', 'json', 'pdf'] as const;

const reportFields = {
  /**
   * Names the report: a scheduled one by its due date (`scheduled-2026-04-01`), so that a service
   * restarted on the due date records it once; an on-demand one by what was asked for.
   */
  reportId: EntityId,
  period: Period,
  /** Global log position the figures stand at. */
  asOfPosition: z.number().int().min(0),
  /** Business time (engine clock) the figures stand at. */
  asOfTime: z.iso.datetime(),
  format: z.enum(RISK_REPORT_FORMATS),
  /** SHA-256 of the document's bytes (lowercase hex): the same as-of position gives the same bytes. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits'),
  byteLength: z.number().int().min(1),
  /** Who it went to (names or addresses), as configured or given. */
  recipients: z.array(z.string().trim().min(1).max(320)).max(100),
  trigger: z.enum(['schedule', 'on-demand']),
  /** The stored document, relative to the data directory: reports/<sha256>.<ext>. */
  file: z.string().regex(/^reports\/[0-9a-f]{64}\.(html|md|json|pdf)$/, 'expected reports/<sha256>.<ext>'),
};

/** The engine's command to record a risk report it has rendered and stored. */
export const IssueRiskReport = z.object(reportFields).strict();
export type IssueRiskReport = z.infer<typeof IssueRiskReport>;

/**
 * A risk report went to senior management: which figures (period, as-of position), which document
 * (its SHA-256, kept under the data directory) and to whom. It is the evidence of OECD step 3's
 * "report findings to designated senior management".
 */
export const RiskReportIssued = z.object(reportFields).strict();
export type RiskReportIssued = z.infer<typeof RiskReportIssued>;

/** The events of a `reports-risk-<year>` stream, by type. */
export const riskReportEventSchemas = { RiskReportIssued } satisfies EventSchemasByType;
export type RiskReportEvent = EventsOf<typeof riskReportEventSchemas>;
