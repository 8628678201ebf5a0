/** GET /events/{eventId} in the OpenAPI document (written by hand, like the other read endpoints for now). */

const string = { type: 'string' };
const integer = { type: 'integer' };
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: { type: 'object' } } } });

const linkedEvent = {
  type: 'object',
  properties: { eventId: string, type: string, streamId: string, streamVersion: integer, href: { type: 'string', description: '/events/{eventId}' } },
};
const nullableLinkedEvent = { ...linkedEvent, nullable: true };

const brokenLink = {
  type: 'object',
  properties: {
    streamId: string,
    streamVersion: integer,
    globalPosition: integer,
    reason: { type: 'string', enum: ['prevHash does not match the previous event', 'hash does not match the event'] },
    expected: string,
    actual: string,
  },
};

const eventEvidence = {
  type: 'object',
  properties: {
    eventId: string,
    type: string,
    streamId: string,
    streamVersion: { type: 'integer', description: '0-based position in its stream' },
    globalPosition: { type: 'integer', description: 'position in the whole log' },
    data: { type: 'object', description: 'the payload exactly as stored and hashed' },
    metadata: {
      type: 'object',
      description: 'the envelope as stored; the hash covers streamId, streamVersion, type, data and this metadata without hash',
      properties: {
        eventId: string,
        commandId: string,
        correlationId: string,
        causationId: { type: 'string', nullable: true },
        actor: string,
        occurredAt: { type: 'string', format: 'date-time', description: 'business time' },
        recordedAt: { type: 'string', format: 'date-time', description: 'store time' },
        schemaVersion: integer,
        prevHash: { type: 'string', description: 'SHA-256 (hex) of the previous event of the stream; 64 zeros for the first' },
        hash: { type: 'string', description: 'SHA-256 (hex) sealing this event' },
      },
    },
    links: {
      type: 'object',
      properties: {
        self: string,
        stream: { type: 'string', description: "the stream's events with payloads: /audit-trail?streamId=…&include=data" },
        previous: { ...nullableLinkedEvent, description: 'the event before it in its stream; null for the first' },
        next: { ...nullableLinkedEvent, description: 'the event after it in its stream; null for the last' },
        causation: { ...nullableLinkedEvent, description: 'the event it was appended in reaction to (metadata.causationId)' },
        caused: { type: 'array', items: linkedEvent, description: 'the events appended in reaction to it' },
      },
    },
    verification: {
      type: 'object',
      description: "its stream's hash chain recomputed from the first event up to and including this one",
      properties: {
        status: { type: 'string', enum: ['intact', 'broken'] },
        checkedEvents: integer,
        firstBrokenLink: { ...brokenLink, description: 'only when broken' },
      },
    },
  },
};

export function eventsPaths(): Record<string, object> {
  return {
    '/events/{eventId}': {
      get: {
        summary: 'One event as evidence: payload, envelope, hash and prevHash, its neighbours, cause and effects, and whether its stream verifies up to it',
        description: 'Every event id a read model lists (evidence, eventId, eventIds) opens here. Open to every role, auditors included.',
        tags: ['read models'],
        parameters: [{ name: 'eventId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
        responses: {
          200: { description: 'OK', content: { 'application/json': { schema: eventEvidence } } },
          400: problem('the eventId is not an event id (a UUID); errors[0].path is "eventId"'),
          401: problem('missing or unknown API key'),
          404: problem('the log holds no event with this id'),
        },
      },
    },
  };
}
