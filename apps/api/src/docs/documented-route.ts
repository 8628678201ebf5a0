import { z } from 'zod';

/** A zod schema as OpenAPI 3.0 JSON schema: parameters as the server reads them (after coercion), bodies as clients send them. */
export const jsonSchema = (schema: z.ZodType, io: 'input' | 'output' = 'input') =>
  z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' }) as Record<string, unknown>;

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    code: z.string().optional().describe('stable refusal or rejection code'),
    errors: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .describe('one per invalid field'),
  })
  .describe('RFC 9457 problem details');

/** The 201 of a command. */
export const CommandResultBody = z.object({
  streamId: z.string(),
  streamVersion: z.number().int(),
  globalPosition: z.number().int().nullable(),
  eventIds: z.array(z.string()),
  duplicate: z
    .boolean()
    .optional()
    .describe('true when the same idempotency key and body had been executed before: nothing new was appended'),
});

/** One answer of a route: a JSON body described by its schema, or a problem. */
export type DocumentedResponse = { description: string; schema?: z.ZodType; problem?: boolean };

/** A route outside the command and read tables (health, CMRT upload), documented from zod schemas. */
export interface DocumentedRoute {
  method: 'get' | 'post' | 'delete';
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: readonly string[];
  /** Open without an API key. */
  public?: boolean;
  requestBody?: { contentType: string; schema: z.ZodType };
  responses: Record<number, DocumentedResponse>;
}

export function documentedResponse({ description, schema, problem }: DocumentedResponse) {
  if (problem) return { description, content: { 'application/problem+json': { schema: jsonSchema(schema ?? problemSchema) } } };
  return schema ? { description, content: { 'application/json': { schema: jsonSchema(schema) } } } : { description };
}

export function routeDocument(route: DocumentedRoute) {
  return {
    [route.method]: {
      operationId: route.operationId,
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      tags: route.tags,
      ...(route.public ? { security: [] } : {}),
      ...(route.requestBody
        ? {
            requestBody: { required: true, content: { [route.requestBody.contentType]: { schema: jsonSchema(route.requestBody.schema) } } },
          }
        : {}),
      responses: Object.fromEntries(Object.entries(route.responses).map(([status, response]) => [status, documentedResponse(response)])),
    },
  };
}
