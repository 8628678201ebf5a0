import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import { CommandRefused } from '@dd/domain';
import { ExpectedVersionConflictError, IdempotencyKeyReusedError } from '@dd/event-store';
import { isTransientSqliteError, ReadModelsUnavailable } from '@dd/projections';
import { RiskMovementWithoutRaise, RollForwardDoesNotReconcile } from '@dd/reports';
import type { Response } from 'express';
import { Problem } from './problem';

/** Every error leaves the API as application/problem+json, with the status the README promises. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const problem = toProblem(error);
    if (problem.status === 503) this.logger.warn(problem.detail ?? problem.title);
    else if (problem.status >= 500) this.logger.error(error instanceof Error ? error.stack : String(error));
    if (problem.headers) response.set(problem.headers);
    response
      .status(problem.status)
      .type('application/problem+json')
      .json({
        type: 'about:blank',
        title: problem.title,
        status: problem.status,
        ...(problem.detail ? { detail: problem.detail } : {}),
        ...(problem.errors ? { errors: problem.errors } : {}),
        ...(problem.extra ?? {}),
      });
  }
}

export function toProblem(error: unknown): Problem {
  if (error instanceof Problem) return error;
  if (error instanceof CommandRefused) {
    return new Problem(422, 'Command refused', error.reason, undefined, { code: error.code });
  }
  if (error instanceof IdempotencyKeyReusedError) {
    // The key's owner sees their own key in the request; the store's namespaced id stays inside.
    return new Problem(
      422,
      'Idempotency key reused',
      'this idempotency key (Idempotency-Key header or commandId) was used before for a different command or body; nothing was appended. Send a new key for a new command, or the same body to get the first result again',
      undefined,
      { code: 'idempotency-key-reused' },
    );
  }
  if (error instanceof ExpectedVersionConflictError) {
    return new Problem(409, 'Version conflict', error.message, undefined, {
      streamId: error.streamId,
      currentVersion: error.actual,
    });
  }
  if (error instanceof ReadModelsUnavailable) {
    // Not stale data, and not a server bug: the read model this answer needs is not there to be read.
    return new Problem(
      503,
      error.catchingUp ? 'Read model catching up' : 'Read model unavailable',
      error.message,
      undefined,
      {
        code: error.catchingUp ? 'read-model-catching-up' : 'read-model-unavailable',
        projections: error.projections,
        ...(error.headPosition === undefined ? {} : { headPosition: error.headPosition }),
      },
      { 'Retry-After': '5' },
    );
  }
  if (error instanceof RollForwardDoesNotReconcile || error instanceof RiskMovementWithoutRaise) {
    // The log's figures do not add up: said as it is, never answered with figures corrected on the quiet.
    return new Problem(500, 'Roll-forward does not reconcile', error.message, undefined, {
      code: error.code,
      ...(error instanceof RollForwardDoesNotReconcile
        ? { mismatches: error.mismatches }
        : { riskId: error.riskId, eventId: error.eventId }),
    });
  }
  if (isTransientSqliteError(error)) {
    return new Problem(
      503,
      'Store busy',
      'the store was busy (another process held its lock); nothing was written, try again',
      undefined,
      { code: 'store-busy' },
      { 'Retry-After': '1' },
    );
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    return new Problem(status, status === 404 ? 'Not found' : error.message, error.message);
  }
  return new Problem(500, 'Internal error', 'the server failed to handle the request; nothing was half-written');
}
