import { publicCommands, PUBLIC_COMMAND_NAMES } from '@dd/domain';
import { z } from 'zod';
import { cmrtResponsesPaths } from '../cmrt/cmrt-responses.openapi';
import { reportingYearPaths } from '../queries/reporting-year.openapi';
import { programAndConclusionPaths } from '../queries/program-and-conclusions.openapi';
import { eventsPaths } from '../queries/events.openapi';
import { riskAndSmelterPaths, riskStatusParameter } from './risk-and-smelter.openapi';

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

const query = (summary: string, parameters: Array<{ name: string; required?: boolean; schema: object; description?: string }>) => ({
  get: {
    summary,
    tags: ['read models'],
    parameters: parameters.map((p) => ({ in: 'query', required: false, ...p })),
    responses: {
      200: { description: 'OK' },
      400: problem('invalid query parameter'),
      401: problem('missing or unknown API key'),
      503: problem('the read model is stopped or not kept up to date (code read-model-unavailable, Retry-After)'),
    },
  },
});

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
      ...reportingYearPaths(),
      ...programAndConclusionPaths(),
      ...riskAndSmelterPaths(),
      ...eventsPaths(),
      '/risk-register': query('Risks of a reporting period', [
        { name: 'period', required: true, schema: { type: 'integer' } },
        riskStatusParameter,
        { name: 'supplierId', schema: { type: 'string' } },
      ]),
      '/audit-trail': query('Every event with its actor, times and hash; filtered and paged', [
        { name: 'supplierId', schema: { type: 'string' } },
        { name: 'streamId', schema: { type: 'string' } },
        { name: 'type', schema: { type: 'string' } },
        { name: 'actor', schema: { type: 'string' } },
        { name: 'from', schema: { type: 'string', format: 'date-time' }, description: 'recordedAt ≥' },
        { name: 'to', schema: { type: 'string', format: 'date-time' }, description: 'recordedAt ≤' },
        { name: 'limit', schema: { type: 'integer', minimum: 1, maximum: 1000 } },
        { name: 'after', schema: { type: 'integer' }, description: 'global position to page after (nextAfter of the previous page)' },
        { name: 'eventId', schema: { type: 'array', items: { type: 'string', format: 'uuid' }, maxItems: 1000 }, description: 'only these events; repeat it or separate ids by commas' },
        { name: 'include', schema: { type: 'string', enum: ['data'] }, description: 'data: add each event\'s payload and schemaVersion, read from the log' },
      ]),
      '/oecd-status': query('The five OECD steps for a period: criteria, evidence, what is missing', [
        { name: 'period', required: true, schema: { type: 'integer' } },
      ]),
      '/suppliers/{id}': {
        get: {
          summary: 'A supplier with its surveys, responses and findings',
          tags: ['read models'],
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: 'OK' }, 404: problem('no such supplier') },
        },
      },
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
