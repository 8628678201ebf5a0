import { CMRT_MAX_FILE_BYTES, CMRT_MAX_UNCOMPRESSED_BYTES } from '@dd/engine';

const problem = (description: string) => ({
  description,
  content: {
    'application/problem+json': {
      schema: {
        type: 'object',
        properties: {
          type: { type: 'string' },
          title: { type: 'string' },
          status: { type: 'integer' },
          detail: { type: 'string', description: 'for a rejected file: a message meant for the supplier' },
          code: { type: 'string', description: 'rejection code (e.g. legacy-xls, wrong-template, too-large) or refusal code' },
          errors: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } },
        },
      },
    },
  },
});

const count = { type: 'integer' };

/** POST /cmrt-responses in the OpenAPI document. */
export function cmrtResponsesPaths(): Record<string, object> {
  return {
    '/cmrt-responses': {
      post: {
        operationId: 'UploadCmrtResponse',
        summary: "Upload a supplier's CMRT workbook: read, check and record it as the survey's response in one step",
        description:
          `Nothing is recorded when the file is rejected. The same file sent again for the same request records nothing new ` +
          `(201 with recorded: false). Files over ${CMRT_MAX_FILE_BYTES / (1024 * 1024)} MB, and workbooks whose needed parts expand ` +
          `to more than ${CMRT_MAX_UNCOMPRESSED_BYTES / (1024 * 1024)} MB, get 413.`,
        tags: ['commands'],
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                required: ['supplierId', 'period', 'file'],
                properties: {
                  supplierId: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$', maxLength: 100 },
                  period: { type: 'integer', minimum: 2010, maximum: 2100, description: 'reporting year' },
                  receivedAt: { type: 'string', format: 'date-time', description: 'when the file arrived (default: now)' },
                  file: { type: 'string', format: 'binary', description: 'the CMRT 6.x workbook (.xlsx)' },
                },
              },
            },
          },
        },
        responses: {
          201: {
            description: 'recorded (or recorded before: recorded false, duplicate true); with what was read and recorded',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    streamId: { type: 'string' },
                    streamVersion: { type: 'integer' },
                    globalPosition: { type: 'integer', nullable: true },
                    eventIds: { type: 'array', items: { type: 'string' } },
                    duplicate: { type: 'boolean' },
                    recorded: { type: 'boolean' },
                    reason: { type: 'string', description: 'why nothing was recorded' },
                    file: { type: 'object', properties: { fileName: { type: 'string' }, sha256: { type: 'string' }, size: count } },
                    templateVersion: { type: 'string' },
                    language: { type: 'string' },
                    requestNumber: count,
                    responseNumber: count,
                    latestResponseNumber: count,
                    supersedesResponse: { type: 'integer', nullable: true },
                    receivedAt: { type: 'string', format: 'date-time' },
                    company: { type: 'object', properties: { name: { type: 'string', nullable: true }, scope: { type: 'string', nullable: true } } },
                    inScopeMetals: { type: 'array', items: { type: 'string' } },
                    findingCounts: { type: 'object', properties: { error: count, warning: count, 'red-flag': count, info: count } },
                    findings: {
                      type: 'array',
                      items: {
                        type: 'object',
                        properties: {
                          ruleId: { type: 'string' },
                          severity: { type: 'string', enum: ['error', 'warning', 'red-flag', 'info'] },
                          field: { type: 'string' },
                          cell: { type: 'string', example: 'Declaration!D16' },
                          metal: { type: 'string' },
                          kind: { type: 'string' },
                          message: { type: 'string' },
                        },
                      },
                    },
                    followUps: {
                      type: 'object',
                      properties: {
                        opened: { type: 'array', items: { type: 'object', properties: { followUpId: { type: 'string' }, kind: { type: 'string' }, findings: count } } },
                        resolved: { type: 'array', items: { type: 'string' } },
                      },
                    },
                    smelters: {
                      type: 'object',
                      properties: {
                        total: count,
                        matched: count,
                        needsConfirmation: count,
                        unidentified: count,
                        unresolved: count,
                        referenceListAsOf: { type: 'string', nullable: true },
                        rows: { type: 'array', items: { type: 'object' } },
                      },
                    },
                    products: count,
                  },
                },
              },
            },
          },
          400: problem('not multipart, or a missing or invalid field (each is named)'),
          401: problem('missing or unknown API key'),
          403: problem('the principal may not record responses (auditor)'),
          413: problem('the file, or what it expands to, is too large'),
          422: problem('the file is not a readable CMRT (code and a message for the supplier), or the command was refused (e.g. survey-not-sent)'),
        },
      },
    },
  };
}
