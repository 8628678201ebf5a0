import { z } from 'zod';
import { routeDocument, type DocumentedRoute } from '../docs/documented-route';
import { BulkTriageRequest } from './bulk-triage.request';

export const RiskTriageOutcome = z.object({
  riskId: z.string(),
  status: z
    .enum(['ok', 'refused', 'failed'])
    .describe('ok: decided (eventIds empty when nothing changed); refused: by the domain rules; failed: not decided, retry'),
  eventIds: z.array(z.string()),
  duplicate: z.boolean().optional().describe('true when a retry of the same bulkId found this risk done before: nothing new was appended'),
  code: z.string().optional().describe('why it was refused (risk-closed, risk-unknown, period-closed, ...) or failed (store-busy, ...)'),
  reason: z.string().optional(),
});
export type RiskTriageOutcome = z.infer<typeof RiskTriageOutcome>;

export const BulkTriageAnswer = z.object({
  bulkId: z.string().describe('send it again (bulkId or Idempotency-Key) to retry: what was done is not done twice'),
  action: z.enum(['assess', 'assign', 'close']),
  counts: z.object({ ok: z.number().int(), refused: z.number().int(), failed: z.number().int() }),
  results: z.array(RiskTriageOutcome).describe('one per risk, in the order of riskIds'),
});
export type BulkTriageAnswer = z.infer<typeof BulkTriageAnswer>;

export const BULK_TRIAGE_ROUTE: DocumentedRoute = {
  method: 'post',
  path: '/risks/bulk',
  operationId: 'bulkTriageRisks',
  summary: 'Assess, assign or close a selection of risks with one rationale: one command per risk',
  description:
    "The whole request is validated first (400 naming each field). Then each risk gets its own command (AssessRisk, AssignRiskOwner or CloseRisk) through the same dispatcher as POST /commands, with the principal as actor, the rationale in its event, and a command id derived from bulkId (or the Idempotency-Key header): retrying the same bulkId appends nothing twice. Each risk's outcome is independent: one refused risk (closed, unknown, of a closed year) does not stop the others.",
  tags: ['commands'],
  requestBody: { contentType: 'application/json', schema: BulkTriageRequest },
  responses: {
    200: { description: 'every risk decided, refused or failed: see results', schema: BulkTriageAnswer },
    400: { description: 'invalid body: each invalid field path is listed (nothing decided)', problem: true },
    401: { description: 'missing or unknown API key or session', problem: true },
    403: { description: 'the principal may not post commands (auditor)', problem: true },
    405: { description: 'this server is a read-only replica (DD_READ_ONLY=1)', problem: true },
  },
};

export const BULK_TRIAGE_PATH = { [BULK_TRIAGE_ROUTE.path]: routeDocument(BULK_TRIAGE_ROUTE) };
