import { Controller, Get, Query, Res } from '@nestjs/common';
import { CmrDraftParams, CmrDrafts } from '@dd/engine';
import type { Response } from 'express';
import { fieldProblems, invalidRequest } from '../http/problem';
import { sendReportDocument } from './report-document.response';

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
    await sendReportDocument(response, format, ['md', 'html'], () => this.drafts.render({ period, asOf }, format));
  }
}
