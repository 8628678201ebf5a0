import { ArgumentsHost, Catch, HttpException, type ExceptionFilter } from '@nestjs/common';
import { CmrtRejected } from '@dd/cmrt';
import { CMRT_MAX_FILE_BYTES } from '@dd/engine';
import { Problem } from '../http/problem';
import { ProblemFilter } from '../http/problem.filter';
import { CMRT_FILE_FIELD } from './cmrt-upload';

const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

/**
 * A CMRT that cannot be read: 422 with the rejection code and the message meant for the supplier;
 * 413 when it is too large to process (a zip bomb included), so nothing is inflated or recorded.
 */
export function rejectionProblem(rejection: CmrtRejected): Problem {
  const extra = { code: rejection.code, ...(rejection.details.fileName ? { fileName: rejection.details.fileName } : {}) };
  if (rejection.code === 'too-large') {
    return new Problem(413, 'CMRT file too large', rejection.message, undefined, {
      ...extra,
      declaredBytes: rejection.details.declaredBytes,
      limitBytes: rejection.details.limitBytes,
    });
  }
  return new Problem(422, 'CMRT file rejected', rejection.message, undefined, extra);
}

interface MulterError {
  code?: string;
  field?: string;
  message?: string;
}

/** multer's and busboy's errors (mapped to HttpExceptions by Nest, the original kept as cause) in the API's problem format. */
export function uploadProblem(error: unknown): Problem | undefined {
  if (error instanceof CmrtRejected) return rejectionProblem(error);
  if (!(error instanceof HttpException)) return undefined;
  const cause = (error.cause ?? {}) as MulterError;
  if (error.getStatus() === 413 && cause.code === 'LIMIT_FILE_SIZE') {
    const limit = megabytes(CMRT_MAX_FILE_BYTES);
    return new Problem(
      413,
      'File too large',
      `the file is larger than ${limit}, the most a CMRT upload may be (a filled CMRT is 1-3 MB)`,
      [{ path: CMRT_FILE_FIELD, message: `larger than ${limit}` }],
      { code: 'upload-too-large', limitBytes: CMRT_MAX_FILE_BYTES },
    );
  }
  if (error.getStatus() === 415) {
    return new Problem(400, 'Invalid request', 'expected a multipart/form-data body', [
      { path: '(body)', message: 'send multipart/form-data with the fields supplierId, period and file' },
    ]);
  }
  if (error.getStatus() !== 400 || (!cause.code && !cause.message)) return undefined;
  const messages: Record<string, string> = {
    LIMIT_UNEXPECTED_FILE: `unexpected file field; send the workbook as the field "${CMRT_FILE_FIELD}"`,
    LIMIT_FILE_COUNT: 'only one file per upload',
    LIMIT_FIELD_COUNT: 'too many fields',
    LIMIT_FIELD_VALUE: 'value too long',
    LIMIT_PART_COUNT: 'too many parts',
  };
  const message = (cause.code && messages[cause.code]) ?? cause.message ?? error.message;
  return new Problem(400, 'Invalid request', `the multipart body is not valid: ${error.message}`, [
    { path: cause.field ?? '(body)', message },
  ]);
}

/** Upload errors become problems here; everything else goes to the API-wide ProblemFilter unchanged. */
@Catch()
export class CmrtUploadFilter implements ExceptionFilter {
  private readonly problems = new ProblemFilter();

  catch(error: unknown, host: ArgumentsHost): void {
    this.problems.catch(uploadProblem(error) ?? error, host);
  }
}
