import type { z } from 'zod';

/** One invalid field: a dotted/bracketed path into the request (e.g. "declaration.smelters[2].metal"). */
export interface FieldProblem {
  path: string;
  message: string;
}

/**
 * An RFC 9457 problem the API answers with. Thrown anywhere in the HTTP layer; the filter turns it
 * into an application/problem+json response.
 */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldProblem[],
    readonly extra?: Record<string, unknown>,
    /** Response headers the status calls for (Allow with 405, Retry-After with 503). */
    readonly headers?: Record<string, string>,
  ) {
    super(detail ?? title);
  }
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/** Zod issues → field problems; unknown keys are listed one per key so each names its own path. */
export function fieldProblems(error: z.ZodError, prefix: PropertyKey[] = []): FieldProblem[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: formatPath([...prefix, ...issue.path, key]), message: 'unknown field' }));
    }
    return [{ path: formatPath([...prefix, ...issue.path]) || '(body)', message: issue.message }];
  });
}

export function invalidRequest(errors: FieldProblem[], detail = 'the request is not valid'): Problem {
  return new Problem(400, 'Invalid request', detail, errors);
}
