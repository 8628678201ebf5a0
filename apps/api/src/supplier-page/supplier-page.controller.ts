import { Controller, Get, HttpCode, Post, Req, Res, UploadedFile, UseFilters, UseGuards, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { CmrtRejected } from '@dd/cmrt';
import { AnswerRefused, readResponseFile, SupplierAnswers, type ResponseFile } from '@dd/engine';
import type { Request, Response } from 'express';
import { CMRT_FILE_FIELD, CMRT_UPLOAD_OPTIONS, fileBytes, uploadedFileName, type UploadedCmrtFile } from '../cmrt/cmrt-upload';
import { SupplierLinkRoute } from '../http/principal';
import { SupplierPageFilter } from './supplier-page.filter';
import { SupplierPageRateLimit } from './supplier-page.rate-limit';
import { SupplierPageResponder } from './supplier-page.responder';

/**
 * The supplier's answer page behind its signed link: GET shows what is asked and the latest findings;
 * POST (multipart, the workbook as "file", the same limits and zip guards as POST /cmrt-responses)
 * records it as the supplier's response, by `supplier:<id>`, and answers the same page with its
 * findings cell by cell. The token is the only credential (no API key): only these two routes take it.
 * Every other field of the form is ignored: the token alone names the supplier, period and survey.
 */
@Controller('s')
@SupplierLinkRoute()
@UseGuards(SupplierPageRateLimit)
@UseFilters(SupplierPageFilter)
export class SupplierPageController {
  constructor(
    private readonly answers: SupplierAnswers,
    private readonly responder: SupplierPageResponder,
  ) {}

  @Get(':token')
  async show(@Req() request: Request, @Res() response: Response): Promise<void> {
    const opening = await this.answers.open(String(request.params.token));
    if (!opening.open) return this.responder.closed(request, response, opening.reason === 'gone' ? 'gone' : 'not-found');
    this.responder.request(request, response, 200, opening.view);
  }

  @Post(':token')
  @HttpCode(200)
  @UseInterceptors(FileInterceptor(CMRT_FILE_FIELD, CMRT_UPLOAD_OPTIONS))
  async upload(@Req() request: Request, @Res() response: Response, @UploadedFile() uploaded: UploadedCmrtFile | undefined): Promise<void> {
    const token = String(request.params.token);
    const opening = await this.answers.open(token);
    if (!opening.open) return this.responder.closed(request, response, opening.reason === 'gone' ? 'gone' : 'not-found');
    if (!uploaded || uploaded.size === 0) {
      return this.responder.request(
        request,
        response,
        400,
        opening.view,
        'choose the workbook (.xlsx) to upload; no file (or an empty one) was sent',
      );
    }
    let file: ResponseFile;
    try {
      file = readResponseFile(fileBytes(uploaded), uploadedFileName(uploaded));
    } catch (error) {
      if (!(error instanceof CmrtRejected)) throw error;
      return this.responder.request(request, response, error.code === 'too-large' ? 413 : 422, opening.view, error.message);
    }
    try {
      await this.answers.answer(opening.view, file);
    } catch (error) {
      if (!(error instanceof AnswerRefused)) throw error;
      return this.responder.request(request, response, 422, opening.view, error.message);
    }
    // Read again: the page shows the answer as recorded, findings and all.
    const recorded = await this.answers.open(token);
    if (!recorded.open) return this.responder.closed(request, response, recorded.reason === 'gone' ? 'gone' : 'not-found');
    this.responder.request(request, response, 200, recorded.view);
  }
}
