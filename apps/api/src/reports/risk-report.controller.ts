import { Controller, Get, Query, Res } from '@nestjs/common';
import { RiskReportAsOfInvalid, RiskReportParams, RiskReports } from '@dd/engine';
import { PdfUnavailable } from '@dd/reports';
import type { Response } from 'express';
import { fieldProblems, invalidRequest, Problem } from '../http/problem';

/**
 * GET /reports/risk?period=&asOf=&format=html|md|json|pdf: the management risk report, rendered now
 * (nothing recorded: issuing is the schedule's, see RiskReportScheduler). The same asOf gives the
 * same bytes (HTML, Markdown, JSON), whose SHA-256 the X-Content-SHA256 header states.
 */
@Controller('reports')
export class RiskReportController {
  constructor(private readonly reports: RiskReports) {}

  @Get('risk')
  async risk(@Query() search: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const parsed = RiskReportParams.safeParse(search);
    if (!parsed.success) throw invalidRequest(fieldProblems(parsed.error), 'invalid query parameters');
    const { period, asOf, format } = parsed.data;
    try {
      const document = await this.reports.render({ period, asOf }, format);
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
        throw new Problem(503, 'PDF unavailable', error.message, undefined, { code: error.code, formats: ['html', 'md', 'json'] });
      }
      if (error instanceof RiskReportAsOfInvalid) throw new Problem(400, 'Invalid as-of', error.message, undefined, { code: error.code });
      throw error;
    }
  }
}
