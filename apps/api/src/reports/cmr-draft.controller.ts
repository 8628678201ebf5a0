import { Controller, Get, Query, Res } from '@nestjs/common';
import { CmrDraftParams, CmrDrafts, RiskReportAsOfInvalid } from '@dd/engine';
import { PdfUnavailable } from '@dd/reports';
import type { Response } from 'express';
import { fieldProblems, invalidRequest, Problem } from '../http/problem';

/**
 * GET /reports/cmr?period=&asOf=&format=md|html|pdf: the Conflict Minerals Report draft of a period
 * (nothing recorded: a draft is the company's to complete). The same asOf gives the same bytes
 * (Markdown, HTML), whose SHA-256 the X-Content-SHA256 header states.
 */
@Controller('reports')
export class CmrDraftController {
  constructor(private readonly drafts: CmrDrafts) {}

  @Get('cmr')
  async cmr(@Query() search: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const parsed = CmrDraftParams.safeParse(search);
    if (!parsed.success) throw invalidRequest(fieldProblems(parsed.error), 'invalid query parameters');
    const { period, asOf, format } = parsed.data;
    try {
      const document = await this.drafts.render({ period, asOf }, format);
      response
        .status(200)
        .set({
          'Content-Type': document.contentType,
          'Content-Disposition': `${format === 'html' ? 'inline' : 'attachment'}; filename="${document.fileName}"`,
          'X-Content-SHA256': document.sha256,
          'X-As-Of-Position': String(document.model.asOf.position),
          'X-As-Of-Time': document.model.asOf.time,
        })
        .send(document.bytes);
    } catch (error) {
      if (error instanceof PdfUnavailable) {
        throw new Problem(503, 'PDF unavailable', error.message, undefined, { code: error.code, formats: ['md', 'html'] });
      }
      if (error instanceof RiskReportAsOfInvalid) throw new Problem(400, 'Invalid as-of', error.message, undefined, { code: error.code });
      throw error;
    }
  }
}
