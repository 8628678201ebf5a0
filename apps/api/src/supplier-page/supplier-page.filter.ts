import { ArgumentsHost, Catch, Logger, type ExceptionFilter } from '@nestjs/common';
import { SupplierAnswers } from '@dd/engine';
import type { Request, Response } from 'express';
import { uploadProblem } from '../cmrt/cmrt-upload.filter';
import { toProblem } from '../http/problem.filter';
import { SupplierPageResponder } from './supplier-page.responder';

/**
 * The answer page's errors are pages too: 429 (rate limit) as a closed page with Retry-After; an
 * upload refused before it was read (too large, not multipart, a read-only replica) as the request's
 * page with the reason, with the upload's status (413, 400, 405). Unexpected errors: 500, logged,
 * nothing of them shown.
 */
@Catch()
export class SupplierPageFilter implements ExceptionFilter {
  private readonly logger = new Logger('SupplierPage');

  constructor(
    private readonly answers: SupplierAnswers,
    private readonly responder: SupplierPageResponder,
  ) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    const problem = uploadProblem(error) ?? toProblem(error);
    if (problem.status === 429) {
      this.responder.closed(request, response, 'too-many', Number(problem.headers?.['Retry-After'] ?? 1));
      return;
    }
    if (problem.status >= 500) this.logger.error(error instanceof Error ? error.stack : String(error));
    if (problem.headers) response.set(problem.headers);
    void this.answers
      .open(String(request.params.token ?? ''))
      .then((opening) => {
        if (!opening.open) return this.responder.closed(request, response, opening.reason === 'gone' ? 'gone' : 'not-found');
        const reason =
          problem.status >= 500 ? 'the server could not take the file now; please try again later' : (problem.detail ?? problem.title);
        this.responder.request(request, response, problem.status, opening.view, reason);
      })
      .catch((failure) => {
        this.logger.error(failure instanceof Error ? failure.stack : String(failure));
        if (!response.headersSent) response.status(500).type('text/plain').send('error');
      });
  }
}
