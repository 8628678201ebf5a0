import { Controller, Get, Inject, Param, Query, Req, Res, StreamableFile, type Type } from '@nestjs/common';
import {
  encodeCursor,
  pathParameterNames,
  ReadAsOfInvalid,
  ReadAsOfParams,
  ReadQueries,
  takeAsOf,
  type AnyReadQuery,
  type ReadAsOf,
} from '@dd/engine';
import type { Request, Response } from 'express';
import { setAsOfHeaders } from '../http/as-of-headers';
import { fieldProblems, invalidRequest, Problem } from '../http/problem';
import { chooseFormat } from './read-format';

/** OpenAPI path → Express route: /smelters/{cid} → /smelters/:cid. */
export const routeOf = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

/**
 * Answers one read over HTTP: path and query parameters validated together by the query's schema
 * (400 naming each), the as-of parameters (asOf, asOfPosition, occurredAsOf) taken out and checked
 * beside them, then the read models settled and asked; null is 404. Gives the parameters as checked;
 * the position the answer stands on, and how an as-of answer was had, go in the headers, of a 404 too
 * ("not there as of position P" is an answer, and an auditor may ask how it was had).
 */
async function answerOverHttp(
  reads: ReadQueries,
  query: AnyReadQuery,
  path: Record<string, string>,
  search: Record<string, unknown>,
  response: Response,
) {
  const { params, asOf } = paramsOverHttp(query, path, search);
  const { answer, position, source } = await asOfOverHttp(reads.answerAsOf(query, params, asOf));
  setAsOfHeaders(response, position, source);
  if (answer === null) throw new Problem(404, 'Not found', query.notFound?.(params) ?? `no answer at ${query.path}`);
  return { answer, params };
}

/**
 * Path and query parameters validated together by the query's schema, and the as-of parameters
 * (asOf, asOfPosition, occurredAsOf) taken out and checked beside them: 400 naming each.
 */
function paramsOverHttp(query: AnyReadQuery, path: Record<string, string>, search: Record<string, unknown>) {
  const { asOf: rawAsOf, rest } = takeAsOf(search);
  const parsed = query.params.safeParse({ ...rest, ...path });
  const asOf = ReadAsOfParams.safeParse(rawAsOf);
  if (!parsed.success || !asOf.success) {
    const problems = [...(parsed.success ? [] : fieldProblems(parsed.error)), ...(asOf.success ? [] : fieldProblems(asOf.error))];
    const inPath = new Set(pathParameterNames(query.path));
    const pathOnly = asOf.success && !parsed.success && parsed.error.issues.every((issue) => inPath.has(String(issue.path[0])));
    throw invalidRequest(problems, pathOnly ? 'invalid path parameter' : 'invalid query parameters');
  }
  return { params: parsed.data, asOf: asOf.data as ReadAsOf };
}

/** A position past the log's head is the caller's mistake: 400 naming the parameter. */
function asOfOverHttp<Answer>(answer: Promise<Answer>): Promise<Answer> {
  return answer.catch((error: unknown) => {
    if (error instanceof ReadAsOfInvalid)
      throw invalidRequest([{ path: error.parameter, message: error.message }], 'invalid query parameters');
    throw error;
  });
}

/** The URL of the next page: the request's own, with the cursor of the page's last row. */
export function nextPageUrl(originalUrl: string, cursor: string): string {
  const url = new URL(originalUrl, 'http://next.page');
  url.searchParams.set('cursor', cursor);
  return `${url.pathname}${url.search}`;
}

/**
 * A list read's JSON, one page: the array of its rows as the body, the total of the list in
 * X-Total-Count, the next page in Link rel="next" (absent on the last page).
 */
async function answerPage(
  reads: ReadQueries,
  query: AnyReadQuery,
  path: Record<string, string>,
  search: Record<string, unknown>,
  request: Request,
  response: Response,
) {
  const { params, asOf } = paramsOverHttp(query, path, search);
  const { answer: page, position, source } = await asOfOverHttp(reads.page(query, params, asOf));
  setAsOfHeaders(response, position, source);
  response.setHeader('X-Total-Count', String(page.total));
  if (page.next !== null)
    response.setHeader('Link', `<${nextPageUrl(request.originalUrl, encodeCursor(query.name, page.next))}>; rel="next"`);
  return page.rows;
}

/**
 * One controller for every read endpoint of the table, one GET route per query, registered in the
 * table's order. Every principal (auditors included) may read.
 */
export function readEndpointsController(queries: readonly AnyReadQuery[]): Type<unknown> {
  @Controller()
  class ReadEndpointsController {
    constructor(@Inject(ReadQueries) readonly reads: ReadQueries) {}
  }
  const prototype = ReadEndpointsController.prototype as unknown as Record<string, unknown>;
  for (const query of queries) {
    const route = async function (
      this: ReadEndpointsController,
      path: Record<string, string>,
      search: Record<string, unknown>,
      request: Request,
      response: Response,
    ) {
      // The format is the HTTP layer's business, not the query's: taken out before its parameters are checked.
      const { format, ...params } = search;
      const chosen = chooseFormat(query, format, request.headers.accept);
      response.vary('Accept');
      if (chosen === 'json' && query.paging) return answerPage(this.reads, query, path, params, request, response);
      // A file holds every row of a list: limit and cursor page its JSON only.
      const { limit: _limit, cursor: _cursor, ...unpaged } = params;
      const { answer, params: parsed } = await answerOverHttp(this.reads, query, path, query.paging ? unpaged : params, response);
      if (chosen === 'json') return answer;
      const rendering = query.renderings![chosen.name];
      const body = await rendering.render(answer, parsed);
      return new StreamableFile(body, {
        type: rendering.mediaType,
        length: body.length,
        disposition: `${rendering.attachment ? 'attachment' : 'inline'}; filename="${rendering.fileName(parsed)}.${rendering.extension}"`,
      });
    };
    prototype[query.name] = route;
    Param()(prototype, query.name, 0);
    Query()(prototype, query.name, 1);
    Req()(prototype, query.name, 2);
    Res({ passthrough: true })(prototype, query.name, 3);
    Get(routeOf(query.path))(prototype, query.name, Object.getOwnPropertyDescriptor(prototype, query.name)!);
  }
  return ReadEndpointsController;
}
