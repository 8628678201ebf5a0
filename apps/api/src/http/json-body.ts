import express, { type NextFunction, type Request, type Response } from 'express';
import { Problem } from './problem';

/** A CMRT declaration with 2,500 smelter rows is about 1.5 MB of JSON; leave headroom, refuse more. */
export const JSON_BODY_LIMIT = '5mb';

/**
 * JSON body parsing with errors in the API's own problem format: malformed JSON and oversized bodies
 * are the client's invalid input (400), named as such, and never reach a handler.
 */
export function jsonBody() {
  return [
    express.json({ limit: JSON_BODY_LIMIT }),
    (error: unknown, _req: Request, res: Response, next: NextFunction) => {
      const type = (error as { type?: string })?.type;
      if (type === 'entity.parse.failed') {
        return sendProblem(
          res,
          new Problem(400, 'Invalid request', 'the body is not valid JSON', [{ path: '(body)', message: (error as Error).message }]),
        );
      }
      if (type === 'entity.too.large') {
        return sendProblem(
          res,
          new Problem(400, 'Invalid request', `the body is larger than ${JSON_BODY_LIMIT}`, [
            { path: '(body)', message: `larger than ${JSON_BODY_LIMIT}` },
          ]),
        );
      }
      return next(error);
    },
  ];
}

function sendProblem(res: Response, problem: Problem): void {
  res.status(problem.status).type('application/problem+json').json({
    type: 'about:blank',
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    errors: problem.errors,
  });
}
