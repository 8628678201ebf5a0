import { DeclarationScope, EmrtMineral, Finding, FollowUpKind, Metal, RESPONSE_USABILITIES, SmelterMatch, SurveyFamily } from '@dd/domain';
import { CMRT_MAX_FILE_BYTES, CMRT_MAX_UNCOMPRESSED_BYTES } from '@dd/engine';
import { z } from 'zod';
import { CommandResultBody, type DocumentedRoute } from '../docs/documented-route';
import { CMRT_FILE_FIELD, CmrtUploadFields } from './cmrt-upload';

const count = z.number().int();

/** The 201 of POST /cmrt-responses: the command result, then what was read and recorded. */
export const CmrtUploadBody = CommandResultBody.extend({
  recorded: z.boolean(),
  family: SurveyFamily.describe("the workbook's template (cmrt or emrt): the response is recorded on the supplier's survey of that family"),
  reason: z.string().optional().describe('why nothing was recorded'),
  file: z.object({ fileName: z.string(), sha256: z.string(), size: count }),
  templateVersion: z.string(),
  language: z.string(),
  requestNumber: count,
  responseNumber: count,
  latestResponseNumber: count,
  supersedesResponse: count.nullable(),
  receivedAt: z.string(),
  company: z.object({ name: z.string().nullable(), scope: DeclarationScope.nullable() }),
  usability: z
    .enum(RESPONSE_USABILITIES)
    .describe(
      "usable: an answer; blank (an untouched template) or another-company (D8 names another company): received, not usable, a follow-up 'unusable' asks for a proper answer",
    ),
  inScopeMetals: z.array(Metal).describe('CMRT: metals with Q1 and Q2 = Yes (empty for an EMRT)'),
  inScopeMinerals: z.array(EmrtMineral).describe('EMRT: minerals with Q1 and Q2 = Yes (empty for a CMRT)'),
  findings: z.array(Finding),
  findingCounts: z.object({ error: count, warning: count, 'red-flag': count, info: count }),
  followUps: z.object({
    opened: z.array(z.object({ followUpId: z.string(), kind: FollowUpKind, findings: count })),
    resolved: z.array(z.string()),
  }),
  smelters: z.object({
    total: count,
    matched: count,
    needsConfirmation: count,
    unidentified: count,
    unresolved: count,
    referenceListAsOf: z.string().nullable(),
    rows: z.array(SmelterMatch),
  }),
  mines: count.describe('EMRT: Mine List rows (0 for a CMRT)'),
  products: count,
});

const problem = (description: string) => ({ description, problem: true });

/** POST /cmrt-responses in the OpenAPI document: its form fields are the schema that parses them, plus the file. */
export const CMRT_UPLOAD_ROUTE: DocumentedRoute = {
  method: 'post',
  path: '/cmrt-responses',
  operationId: 'UploadCmrtResponse',
  summary: "Upload a supplier's CMRT or EMRT workbook: read, check and record it as the response of its survey of that family in one step",
  description:
    `Nothing is recorded when the file is rejected. The same file sent again for the same request records nothing new ` +
    `(201 with recorded: false). Files over ${CMRT_MAX_FILE_BYTES / (1024 * 1024)} MB, and workbooks whose needed parts expand ` +
    `to more than ${CMRT_MAX_UNCOMPRESSED_BYTES / (1024 * 1024)} MB, get 413.`,
  tags: ['commands'],
  requestBody: {
    contentType: 'multipart/form-data',
    schema: CmrtUploadFields.extend({
      receivedAt: CmrtUploadFields.shape.receivedAt.describe('when the file arrived (default: now)'),
      [CMRT_FILE_FIELD]: z
        .string()
        .meta({ format: 'binary' })
        .describe('the CMRT 6.x or EMRT 2.x workbook (.xlsx); an AMRT is refused (template-family-not-supported-yet)'),
    }),
  },
  responses: {
    201: {
      description: 'recorded (or recorded before: recorded false, duplicate true); with what was read and recorded',
      schema: CmrtUploadBody,
    },
    400: problem('not multipart, or a missing or invalid field (each is named)'),
    401: problem('missing or unknown API key'),
    403: problem('the principal may not record responses (auditor)'),
    413: problem('the file, or what it expands to, is too large'),
    422: problem(
      'the file is not a readable CMRT or EMRT (code and a message for the supplier; an AMRT: template-family-not-supported-yet), or the command was refused (e.g. survey-not-sent: no survey of that family was sent)',
    ),
  },
};
