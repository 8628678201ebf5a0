import { Controller, Get, Inject, Param, Query, Req, Res, StreamableFile, type Type } from '@nestjs/common';
import { pageInfoOf, pathParameterNames, ReadQueries, type AnyReadQuery } from '@dd/engine';
import type { Request, Response } from 'express';
import { fieldProblems, invalidRequest, Problem } from '../http/problem';
import { chooseFormat } from './read-format';

/** OpenAPI path → Express route: /smelters/{cid} → /smelters/:cid. */
export const routeOf = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

/**
 * Answers one read over HTTP: path and query parameters validated together by the query's schema
 * (400 naming each), then the read models settled and asked; null is 404. Gives the parameters as checked.
 */
export async function answerOverHttp(
  reads: ReadQueries,
  query: AnyReadQuery,
  path: Record<string, string>,
  search: Record<string, unknown>,
) {
  const parsed = query.params.safeParse({ ...search, ...path });
  if (!parsed.success) {
    const inPath = new Set(pathParameterNames(query.path));
    const pathOnly = parsed.error.issues.every((issue) => inPath.has(String(issue.path[0])));
    throw invalidRequest(fieldProblems(parsed.error), pathOnly ? 'invalid path parameter' : 'invalid query parameters');
  }
  const answer = await reads.answer(query, parsed.data);
  if (answer === null) throw new Problem(404, 'Not found', query.notFound?.(parsed.data) ?? `no answer at ${query.path}`);
  return { answer, params: parsed.data };
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
      const { answer, params: parsed } = await answerOverHttp(this.reads, query, path, params);
      const page = pageInfoOf(answer);
      if (chosen === 'json') {
        if (page) setPageHeaders(request, response, page.total, page.nextCursor);
        return answer;
      }
      const rendering = query.renderings![chosen.name];
      const body = await rendering.render(page ? await everyRow(this.reads, query, path, params, answer as unknown[]) : answer, parsed);
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

/** House paging contract: the total over every page in X-Total-Count, the next page in Link (absent on the last). */
function setPageHeaders(request: Request, response: Response, total: number, nextCursor: string | null): void {
  response.setHeader('X-Total-Count', String(total));
  if (nextCursor === null) return;
  const next = new URL(request.originalUrl, 'http://localhost');
  next.searchParams.set('cursor', nextCursor);
  response.setHeader('Link', `<${next.pathname}${next.search}>; rel="next"`);
}

/** A file of a paged read holds every row: the pages after the first, followed to the last. */
async function everyRow(
  reads: ReadQueries,
  query: AnyReadQuery,
  path: Record<string, string>,
  search: Record<string, unknown>,
  first: unknown[],
): Promise<unknown[]> {
  const rows = [...first];
  for (let cursor = pageInfoOf(first)?.nextCursor; cursor;) {
    const { answer } = await answerOverHttp(reads, query, path, { ...search, cursor });
    rows.push(...(answer as unknown[]));
    cursor = pageInfoOf(answer)?.nextCursor;
  }
  return rows;
}
