import { publicCommands, PUBLIC_COMMAND_NAMES } from '@dd/domain';
import { pathParameterNames, READ_QUERIES, type AnyReadQuery } from '@dd/engine';
import { z } from 'zod';
import { cmrtResponsesPaths } from '../cmrt/cmrt-responses.openapi';

const problemSchema = {
  type: 'object',
  description: 'RFC 9457 problem details',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string', description: 'stable refusal code (422)' },
    errors: {
      type: 'array',
      items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } },
    },
  },
};

const commandResultSchema = {
  type: 'object',
  properties: {
    streamId: { type: 'string' },
    streamVersion: { type: 'integer' },
    globalPosition: { type: 'integer', nullable: true },
    eventIds: { type: 'array', items: { type: 'string' } },
    duplicate: { type: 'boolean', description: 'true when the same idempotency key and body had been executed before: nothing new was appended' },
  },
};

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: problemSchema } } });

function commandPath(name: (typeof PUBLIC_COMMAND_NAMES)[number]) {
  const { schema, summary } = publicCommands[name];
  const body = z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const properties = { ...(body.properties as object), commandId: { type: 'string', description: 'idempotency key (or the Idempotency-Key header), scoped to the principal' } };
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
          description: 'scoped to the principal: the same key and body again answer the first result; the same key with another command or body is refused (422 idempotency-key-reused)',
          schema: { type: 'string' },
        },
        { name: 'If-Match', in: 'header', required: false, description: 'expected stream version', schema: { type: 'string' } },
      ],
      requestBody: { required: true, content: { 'application/json': { schema: { ...body, properties } } } },
      responses: {
        201: { description: 'appended (or the first result of a repeated idempotency key and body)', content: { 'application/json': { schema: commandResultSchema } } },
        400: problem('invalid body: each invalid field path is listed'),
        401: problem('missing or unknown API key'),
        403: problem('the principal may not post commands (auditor)'),
        409: problem('version conflict or failed If-Match'),
        422: problem('refused by the domain rules (code says which), or idempotency-key-reused: the key was used before for another command or body'),
        405: problem('this server is a read-only replica (DD_READ_ONLY=1); code read-only-replica'),
        503: problem('a read model the command needs is unavailable, or the store was busy (Retry-After)'),
      },
    },
  };
}

/** A zod schema as OpenAPI 3.0 JSON schema: parameters as the server reads them (after coercion), bodies as clients send them. */
const jsonSchema = (schema: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' }) as Record<string, unknown>;

/** The parameters of a read, each in the path or the query, with its schema and description. */
export function readParameters(query: AnyReadQuery) {
  const inPath = new Set(pathParameterNames(query.path));
  return Object.entries(query.params.shape as Record<string, z.ZodType>).map(([name, schema]) => {
    const { description, ...rest } = jsonSchema(schema, 'output');
    return {
      name,
      in: inPath.has(name) ? 'path' : 'query',
      required: inPath.has(name) || !schema.safeParse(undefined).success,
      schema: rest,
      ...(description ? { description } : {}),
    };
  });
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
        200: { description: 'OK', content: { 'application/json': { schema: jsonSchema(query.response, 'input') } } },
        400: problem('invalid parameter: each invalid parameter is named in errors[].path'),
        401: problem('missing or unknown API key'),
        ...(query.notFound ? { 404: problem('not found') } : {}),
        503: problem('a read model it reads is stopped or not kept up to date (code read-model-unavailable, Retry-After)'),
      },
    },
  };
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
    components: { securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' } } },
    security: [{ apiKey: [] }],
    paths: {
      ...commandPaths,
      ...cmrtResponsesPaths(),
      ...Object.fromEntries(READ_QUERIES.map((query) => [query.path, readPath(query)])),
      '/health': {
        get: {
          summary: 'Every read model and process manager: state, position, lag, error',
          tags: ['operations'],
          security: [],
          responses: { 200: { description: 'ok, or degraded (something retries by itself)' }, 503: { description: 'failing: something is stopped, or the store does not answer' } },
        },
      },
      '/health/live': { get: { summary: 'Liveness: the process answers', tags: ['operations'], security: [], responses: { 200: { description: 'live' } } } },
      '/health/ready': {
        get: {
          summary: 'Readiness: store answers, no read model stopped or retrying, each at most 1000 events behind',
          tags: ['operations'],
          security: [],
          responses: { 200: { description: 'ready' }, 503: { description: 'not ready, with the reasons' } },
        },
      },
    },
  };
}
