import { Controller, HttpCode, Inject, Post, Query, Req, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  CommandDispatcher,
  EVENT_STORE,
  SUPPLIER_FILE_MAX_BYTES,
  SupplierFileUnusable,
  SupplierImport,
  type Principal,
  type SupplierImportAnswer,
} from '@dd/engine';
import type { EventStore } from '@dd/event-store';
import type { Request } from 'express';
import { fileBytes, uploadedFileName, type UploadedCmrtFile } from '../cmrt/cmrt-upload';
import { clientCommandId } from '../commands/command-request';
import { CurrentPrincipal, Roles } from '../http/principal';
import { invalidRequest, Problem } from '../http/problem';

const FILE_FIELD = 'file';

/**
 * POST /suppliers/import?dryRun=true|false (multipart, the list as "file"): the console's supplier
 * import with its preview. The engine validates and runs it (SupplierImport); this says it in HTTP.
 */
@Controller('suppliers')
export class SupplierImportController {
  private readonly suppliers: SupplierImport;

  constructor(commands: CommandDispatcher, @Inject(EVENT_STORE) store: EventStore) {
    this.suppliers = new SupplierImport(commands, store);
  }

  @Post('import')
  @HttpCode(200)
  @Roles('compliance', 'admin')
  @UseInterceptors(
    FileInterceptor(FILE_FIELD, {
      limits: { fileSize: SUPPLIER_FILE_MAX_BYTES, files: 1, fields: 5, fieldSize: 1024 },
      defParamCharset: 'utf8',
    }),
  )
  async import(
    @Req() request: Request,
    @Query('dryRun') dryRunParam: unknown,
    @UploadedFile() file: UploadedCmrtFile | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SupplierImportAnswer> {
    const problems = [];
    if (dryRunParam !== undefined && dryRunParam !== 'true' && dryRunParam !== 'false') {
      problems.push({ path: 'dryRun', message: 'expected true or false' });
    }
    if (!request.is('multipart/form-data')) {
      problems.push({ path: '(body)', message: 'send multipart/form-data with the supplier list as the field "file"' });
    } else if (!file)
      problems.push({ path: FILE_FIELD, message: 'required: attach the supplier list (.csv or .xlsx) as the form field "file"' });
    if (problems.length || !file) throw invalidRequest(problems, 'the import is not valid');
    const dryRun = dryRunParam === 'true';
    let answer: SupplierImportAnswer;
    try {
      answer = await this.suppliers.import(fileBytes(file), uploadedFileName(file), {
        dryRun,
        sender: { actor: principal.name, commandId: (key) => clientCommandId(principal.name, key) },
      });
    } catch (error) {
      if (error instanceof SupplierFileUnusable) {
        throw invalidRequest(
          error.problems.map((message) => ({ path: FILE_FIELD, message })),
          'the file is not a usable supplier list',
        );
      }
      throw error;
    }
    if (!dryRun && !answer.imported) {
      const errors = answer.rows.flatMap((row) =>
        row.errors.map((error) => ({ path: `row ${row.row}: ${error.field}`, message: error.message })),
      );
      throw new Problem(
        400,
        'Invalid request',
        `${answer.counts.error} of ${answer.file.rows} rows have errors; nothing was imported`,
        errors,
        { code: 'supplier-import-rows-invalid', counts: answer.counts, rows: answer.rows, file: answer.file },
      );
    }
    return answer;
  }
}
