import { publicCommands, PUBLIC_COMMAND_NAMES } from '@dd/domain';
import { pathParameterNames, READ_QUERIES, ReadAsOfParams, type AnyReadQuery } from '@dd/engine';
import type { z } from 'zod';
import { CMRT_UPLOAD_ROUTE } from '../cmrt/cmrt-responses.document';
import {
  CMRT_DECLARATION_DOCUMENT,
  CMRT_DECLARATION_PATH,
  EMRT_DECLARATION_DOCUMENT,
  EMRT_DECLARATION_PATH,
} from '../declarations/declarations.document';
import { HEALTH_ROUTES } from '../queries/health.responses';
import { ORIGINALS_PATH } from '../originals/originals.document';
import { SUPPLIER_PAGE_PATH } from '../supplier-page/supplier-page.document';
import { RISK_REPORT_PATH } from '../reports/risk-report.document';
import { CMR_DRAFT_PATH } from '../reports/cmr-draft.document';
import { EVIDENCE_PACK_PATH } from '../reports/evidence-pack.document';
import { AUDIT_SEALS_ROUTE } from '../audit/audit-seals.document';
import { SESSION_PATH } from '../session/session.document';
import { BULK_TRIAGE_PATH } from '../bulk-triage/bulk-triage.document';
import { SUPPLIER_IMPORT_PATH } from '../supplier-import/supplier-import.document';
import { asOfSourceHeaderDocument } from './as-of-headers.document';
import { CommandResultBody, documentedResponse, jsonSchema, routeDocument } from './documented-route';

const problem = (description: string) => documentedResponse({ description, problem: true });

function commandPath(name: (typeof PUBLIC_COMMAND_NAMES)[number]) {
  const { schema, summary, businessTime } = publicCommands[name];
  const body = jsonSchema(schema);
  const properties = {
    ...(body.properties as object),
    commandId: { type: 'string', description: 'idempotency key (or the Idempotency-Key header), scoped to the principal' },
    ...(businessTime.rule === 'past-allowed'
      ? {
          occurredAt: {
            type: 'string',
            format: 'date-time',
            description: `when it happened, to record history (default: now); not in the future, not before the stream's latest event: ${businessTime.why}`,
          },
        }
      : {}),
  };
  return {
    post: {
      operationId: name,
      summary,
      tags: ['commands'],
      parameters: [
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description:
            'scoped to the principal: the same key and body again answer the first result; the same key with another command or body is refused (422 idempotency-key-reused)',
          schema: { type: 'string' },
        },
        { name: 'If-Match', in: 'header', required: false, description: 'expected stream version', schema: { type: 'string' } },
      ],
      requestBody: { required: true, content: { 'application/json': { schema: { ...body, properties } } } },
      responses: {
        201: documentedResponse({
          description: 'appended (or the first result of a repeated idempotency key and body)',
          schema: CommandResultBody,
        }),
        400: problem('invalid body: each invalid field path is listed'),
        401: problem('missing or unknown API key'),
        403: problem('the principal may not post commands (auditor)'),
        409: problem('version conflict or failed If-Match'),
        422: problem(
          'refused by the domain rules (code says which), or idempotency-key-reused: the key was used before for another command or body',
        ),
        405: problem('this server is a read-only replica (DD_READ_ONLY=1); code read-only-replica'),
        503: problem('a read model the command needs is unavailable, or the store was busy (Retry-After)'),
      },
    },
  };
}

/** The parameters of a read, each in the path or the query, with its schema and description. */
function readParameters(query: AnyReadQuery) {
  const inPath = new Set(pathParameterNames(query.path));
  const parameters = Object.entries(query.params.shape as Record<string, z.ZodType>).map(([name, schema]) => {
    const { description, ...rest } = jsonSchema(schema, 'output');
    return {
      name,
      in: inPath.has(name) ? 'path' : 'query',
      required: inPath.has(name) || !schema.safeParse(undefined).success,
      schema: rest,
      ...(description ? { description } : {}),
    };
  });
  return [...parameters, ...formatParameter(query), ...asOfParameters()];
}

/** Every read also answers as of a past point of the log (the HTTP layer's own parameters: read-as-of.ts). */
function asOfParameters() {
  return Object.entries(ReadAsOfParams.shape as Record<string, z.ZodType>).map(([name, schema]) => {
    const { description, ...rest } = jsonSchema(schema, 'input');
    return { name, in: 'query', required: false, schema: rest, ...(description ? { description } : {}) };
  });
}

/** Every read's answer names the global position of the log it stands on; an as-of answer also how it was had. */
const AS_OF_POSITION_HEADER_DOCUMENT = {
  'X-As-Of-Position': {
    description: 'the global position of the log the answer stands on: the as-of asked for, or how far the read models have projected',
    schema: { type: 'integer' },
  },
  'X-As-Of-Source': asOfSourceHeaderDocument('asOf, asOfPosition, occurredAsOf', 'occurredAsOf'),
};

/** A read with renderings also takes format (the HTTP layer's own parameter: read-format.ts). */
function formatParameter(query: AnyReadQuery) {
  const formats = Object.keys(query.renderings ?? {});
  if (formats.length === 0) return [];
  return [
    {
      name: 'format',
      in: 'query',
      required: false,
      description: 'json (default), or a file: the Accept header may name its media type instead',
      schema: { type: 'string', enum: ['json', ...formats] },
    },
  ];
}

function readPath(query: AnyReadQuery) {
  return {
    get: {
      operationId: query.name,
      summary: query.summary,
      ...(query.description ? { description: query.description } : {}),
      tags: ['read models'],
      parameters: readParameters(query),
      responses: {
        200: withPaging(
          {
            ...withRenderings(documentedResponse({ description: 'OK', schema: query.response }), query),
            headers: AS_OF_POSITION_HEADER_DOCUMENT,
          },
          query,
        ),
        400: problem("invalid parameter (asOfPosition past the log's head included): each invalid parameter is named in errors[].path"),
        401: problem('missing or unknown API key'),
        ...(query.notFound
          ? { 404: { ...problem('not found (as of a past point: not there then)'), headers: AS_OF_POSITION_HEADER_DOCUMENT } }
          : {}),
        ...(query.renderings ? { 406: problem('the Accept header allows neither JSON nor a format this read renders') } : {}),
        503: problem('a read model it reads is stopped or not kept up to date (code read-model-unavailable, Retry-After)'),
      },
    },
  };
}

/** A list read's JSON is one page: its total and the next page come in headers (read-endpoints.controller.ts). */
function withPaging(response: object, query: AnyReadQuery) {
  if (!query.paging) return response;
  return {
    ...response,
    description: `one page of the list, in the order ${query.paging.order} (csv and xlsx hold every row)`,
    headers: {
      ...('headers' in response ? (response.headers as object) : {}),
      'X-Total-Count': { description: 'rows of the whole list under the same filters', schema: { type: 'integer' } },
      Link: {
        description: '<url>; rel="next": the next page (the same request with its cursor); absent on the last page',
        schema: { type: 'string' },
      },
    },
  };
}

/** The media types a read's renderings add to its 200 answer (a file: binary). */
function withRenderings(response: ReturnType<typeof documentedResponse>, query: AnyReadQuery) {
  const renderings = Object.values(query.renderings ?? {});
  if (renderings.length === 0 || !('content' in response)) return response;
  const files = Object.fromEntries(
    renderings.map((rendering) => [rendering.mediaType.split(';')[0], { schema: { type: 'string', format: 'binary' } }]),
  );
  return { ...response, content: { ...response.content, ...files } };
}

/** OpenAPI 3.0 document built from the same zod schemas that validate the requests. */
export function openApiDocument(): object {
  const commandPaths = Object.fromEntries(PUBLIC_COMMAND_NAMES.map((name) => [`/commands/${name}`, commandPath(name)]));
  return {
    openapi: '3.0.3',
    info: {
      title: 'Conflict-minerals due-diligence engine',
      version: '0.1.0',
      description:
        'Commands append events to the log; read models (risk register, smelter register, audit trail, OECD-step status, suppliers) are projected from it. Authenticate with X-Api-Key when DD_API_KEYS is set.',
    },
    components: {
      securitySchemes: {
        apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
        session: { type: 'apiKey', in: 'cookie', name: 'dd_session', description: 'set by POST /session (the browser console)' },
      },
    },
    security: [{ apiKey: [] }, { session: [] }],
    paths: {
      ...commandPaths,
      [CMRT_UPLOAD_ROUTE.path]: routeDocument(CMRT_UPLOAD_ROUTE),
      [CMRT_DECLARATION_PATH]: CMRT_DECLARATION_DOCUMENT,
      [EMRT_DECLARATION_PATH]: EMRT_DECLARATION_DOCUMENT,
      ...Object.fromEntries(READ_QUERIES.map((query) => [query.path, readPath(query)])),
      ...Object.fromEntries(HEALTH_ROUTES.map((route) => [route.path, routeDocument(route)])),
      ...ORIGINALS_PATH,
      ...RISK_REPORT_PATH,
      ...CMR_DRAFT_PATH,
      ...EVIDENCE_PACK_PATH,
      [AUDIT_SEALS_ROUTE.path]: routeDocument(AUDIT_SEALS_ROUTE),
      ...SUPPLIER_PAGE_PATH,
      ...SESSION_PATH,
      ...BULK_TRIAGE_PATH,
      ...SUPPLIER_IMPORT_PATH,
    },
  };
}
