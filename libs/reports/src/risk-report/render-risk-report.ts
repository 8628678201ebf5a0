import { createHash } from 'node:crypto';
import { riskReportHtml } from './risk-report.html';
import { riskReportMarkdown } from './risk-report.markdown';
import { RiskReportModel } from './risk-report.model';

/** The formats rendered here, byte for byte deterministic; PDF is printed from the HTML (../pdf). */
export const TEXT_REPORT_FORMATS = ['html', 'md', 'json'] as const;
export type TextReportFormat = (typeof TEXT_REPORT_FORMATS)[number];

export interface RenderedDocument {
  bytes: Buffer;
  /** Lowercase hex SHA-256 of bytes: what RiskReportIssued records and the file is stored under. */
  sha256: string;
  contentType: string;
  extension: string;
}

export const REPORT_MEDIA: Record<TextReportFormat | 'pdf', { contentType: string; extension: string }> = {
  html: { contentType: 'text/html; charset=utf-8', extension: 'html' },
  md: { contentType: 'text/markdown; charset=utf-8', extension: 'md' },
  json: { contentType: 'application/json; charset=utf-8', extension: 'json' },
  pdf: { contentType: 'application/pdf', extension: 'pdf' },
};

export function documentOf(bytes: Buffer, format: TextReportFormat | 'pdf'): RenderedDocument {
  return { bytes, sha256: createHash('sha256').update(bytes).digest('hex'), ...REPORT_MEDIA[format] };
}

/**
 * Renders the risk report: a pure function of the model (no clock, no randomness, stable order), so
 * the same model gives the same bytes. The model is checked first: a malformed one is a bug upstream.
 */
export function renderRiskReport(model: RiskReportModel, format: TextReportFormat): RenderedDocument {
  const checked = RiskReportModel.parse(model);
  const text =
    format === 'html'
      ? riskReportHtml(checked)
      : format === 'md'
        ? riskReportMarkdown(checked)
        : `${JSON.stringify({ report: 'risk-report', version: 1, ...checked }, null, 2)}\n`;
  return documentOf(Buffer.from(text, 'utf8'), format);
}
