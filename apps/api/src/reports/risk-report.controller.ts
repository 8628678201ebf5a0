import { Controller, Get, Query, Res } from '@nestjs/common';
import { RiskReportParams, RiskReports } from '@dd/engine';
import type { Response } from 'express';
import { fieldProblems, invalidRequest } from '../http/problem';
import { sendReportDocument } from './report-document.response';

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
    await sendReportDocument(response, format, ['html', 'md', 'json'], () => this.reports.render({ period, asOf }, format));
  }
}
