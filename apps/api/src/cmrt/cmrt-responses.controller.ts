import { Body, Controller, HttpCode, Inject, Post, Req, UploadedFile, UseFilters, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { CmrtRejected } from '@dd/cmrt';
import {
  CmrtResponseIntake,
  CommandDispatcher,
  EVENT_STORE,
  ORIGINALS_STORE,
  readResponseFile,
  type ResponseFile,
  type CmrtResponseOutcome,
  type OriginalsStore,
  type Principal,
} from '@dd/engine';
import type { EventStore } from '@dd/event-store';
import type { Request } from 'express';
import type { z } from 'zod';
import { CurrentPrincipal, Roles } from '../http/principal';
import { invalidRequest } from '../http/problem';
import type { CmrtUploadBody } from './cmrt-responses.document';
import { CmrtUploadFilter, rejectionProblem } from './cmrt-upload.filter';
import { CMRT_FILE_FIELD, CMRT_UPLOAD_OPTIONS, fileBytes, parseCmrtUpload, uploadedFileName, type UploadedCmrtFile } from './cmrt-upload';

/** The 201 body: the command result, then what was read and recorded (documented by CmrtUploadBody). */
export type CmrtUploadResponse = CmrtResponseOutcome['command'] & Omit<CmrtResponseOutcome, 'command'> & z.input<typeof CmrtUploadBody>;

/**
 * POST /cmrt-responses (multipart: supplierId, period, optional receivedAt, file): reads the
 * supplier's CMRT or EMRT (the workbook says which), and records it as the response of the supplier's
 * survey of that family in one command. A file that cannot be
 * read is refused before anything is recorded.
 */
@Controller('cmrt-responses')
@UseFilters(CmrtUploadFilter)
export class CmrtResponsesController {
  private readonly intake: CmrtResponseIntake;

  constructor(commands: CommandDispatcher, @Inject(EVENT_STORE) store: EventStore, @Inject(ORIGINALS_STORE) originals: OriginalsStore) {
    this.intake = new CmrtResponseIntake(commands, store, originals);
  }

  @Post()
  @HttpCode(201)
  @Roles('compliance', 'admin')
  @UseInterceptors(FileInterceptor(CMRT_FILE_FIELD, CMRT_UPLOAD_OPTIONS))
  async upload(
    @Req() request: Request,
    @Body() body: unknown,
    @UploadedFile() uploaded: UploadedCmrtFile | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CmrtUploadResponse> {
    if (!request.is('multipart/form-data')) {
      throw invalidRequest(
        [{ path: '(body)', message: 'send multipart/form-data with the fields supplierId, period and file' }],
        'expected a multipart/form-data body',
      );
    }
    const { fields, file } = parseCmrtUpload(body, uploaded);
    let cmrt: ResponseFile;
    try {
      cmrt = readResponseFile(fileBytes(file), uploadedFileName(file));
    } catch (error) {
      throw error instanceof CmrtRejected ? rejectionProblem(error) : error;
    }
    const { command, ...outcome } = await this.intake.record(fields, cmrt, { actor: principal.name });
    return { ...command, ...outcome };
  }
}
