import { RiskReportAsOfInvalid, type AsOfSource } from '@dd/engine';
import { PdfUnavailable } from '@dd/reports';
import type { Response } from 'express';
import { setAsOfHeaders } from '../http/as-of-headers';
import { Problem } from '../http/problem';

/** What a rendered report hands the HTTP layer (the risk report and the CMR draft alike). */
export interface RenderedReportDocument {
  bytes: Uint8Array | string;
  contentType: string;
  fileName: string;
  sha256: string;
  model: { asOf: { position: number; time: string } };
  /** Asked as of a past cut: how its read models were had; none for now. */
  source?: AsOfSource;
}

/**
 * Sends a rendered report: HTML inline, the other formats as attachments, with the SHA-256 and the
 * as-of position and time it stands at, so that a reader can ask for the same bytes again, and, asked
 * as of a past cut, how it was had (X-As-Of-Source, as every read says it: history, or a replay). A PDF
 * without Chromium is 503 naming the formats that still work; an as-of past the log is 400.
 */
export async function sendReportDocument(
  response: Response,
  format: string,
  formatsWithoutChromium: readonly string[],
  render: () => Promise<RenderedReportDocument>,
): Promise<void> {
  try {
    const document = await render();
    response.status(200).set({
      'Content-Type': document.contentType,
      'Content-Disposition': `${format === 'html' ? 'inline' : 'attachment'}; filename="${document.fileName}"`,
      'X-Content-SHA256': document.sha256,
      'X-As-Of-Time': document.model.asOf.time,
    });
    setAsOfHeaders(response, document.model.asOf.position, document.source);
    response.send(document.bytes);
  } catch (error) {
    if (error instanceof PdfUnavailable) {
      throw new Problem(503, 'PDF unavailable', error.message, undefined, { code: error.code, formats: [...formatsWithoutChromium] });
    }
    if (error instanceof RiskReportAsOfInvalid) throw new Problem(400, 'Invalid as-of', error.message, undefined, { code: error.code });
    throw error;
  }
}
