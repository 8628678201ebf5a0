import { randomUUID } from 'node:crypto';
import { AssessRisk, AssignRiskOwner, CloseRisk, EntityId, MultiLineText, publicCommands, type CommandData } from '@dd/domain';
import { z } from 'zod';
import { clientCommandId } from '../commands/command-request';
import { fieldProblems, invalidRequest, type FieldProblem } from '../http/problem';

/** A selection the console can show on one screen and the API decides in one request. */
export const MAX_BULK_RISKS = 1000;

const BulkId = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[\x21-\x7e]+$/, 'use printable ASCII without spaces')
  .describe("idempotency key of the whole triage: each risk's command id is derived from it, so a retry appends nothing twice");

const common = {
  riskIds: z
    .array(EntityId)
    .min(1)
    .max(MAX_BULK_RISKS)
    .superRefine((ids, context) => {
      const seen = new Set<string>();
      ids.forEach((id, index) => {
        if (seen.has(id)) context.addIssue({ code: 'custom', path: [index], message: `${id} is listed twice` });
        seen.add(id);
      });
    })
    .describe('the selected risks, each once'),
  /** One rationale for the whole selection: each risk's event keeps it. */
  rationale: MultiLineText.min(1)
    .max(4000)
    .describe("recorded on every risk: the assessment's rationale, the assignment's or closure's note"),
  bulkId: BulkId.optional(),
};

/** The body of POST /risks/bulk: the action, the selection, the shared rationale and the action's own fields. */
export const BulkTriageRequest = z.discriminatedUnion('action', [
  z
    .object({ action: z.literal('assess'), ...common, likelihood: AssessRisk.shape.likelihood, impact: AssessRisk.shape.impact })
    .strict()
    .describe('assess each risk with the same likelihood and impact (AssessRisk)'),
  z
    .object({ action: z.literal('assign'), ...common, owner: AssignRiskOwner.shape.owner })
    .strict()
    .describe('make one person answerable for each risk (AssignRiskOwner)'),
  z
    .object({ action: z.literal('close'), ...common, resolution: CloseRisk.shape.resolution })
    .strict()
    .describe('close each risk with the same resolution (CloseRisk)'),
]);
export type BulkTriageRequest = z.output<typeof BulkTriageRequest>;
export const BULK_ACTIONS = ['assess', 'assign', 'close'] as const;

type TriageCommandName = 'AssessRisk' | 'AssignRiskOwner' | 'CloseRisk';

/** One risk's command of a triage, validated by that command's own schema. */
export interface TriageCommand {
  riskId: string;
  name: TriageCommandName;
  data: CommandData<TriageCommandName>;
  commandId: string;
}

export interface ParsedBulkTriage {
  bulkId: string;
  action: BulkTriageRequest['action'];
  /** The correlation id every command of the triage carries: the events of one triage belong together. */
  correlationId: string;
  commands: TriageCommand[];
}

/** The command and its data for one risk of the selection. */
function commandFor(request: BulkTriageRequest, riskId: string): { name: TriageCommandName; data: unknown } {
  switch (request.action) {
    case 'assess':
      return {
        name: 'AssessRisk',
        data: { riskId, likelihood: request.likelihood, impact: request.impact, rationale: request.rationale },
      };
    case 'assign':
      return { name: 'AssignRiskOwner', data: { riskId, owner: request.owner, note: request.rationale } };
    case 'close':
      return { name: 'CloseRisk', data: { riskId, resolution: request.resolution, note: request.rationale } };
  }
}

/**
 * Validates the whole request before anything is decided (400 naming each field), then gives one
 * command per risk, each checked by its command's schema, with a command id derived from the bulk id.
 */
export function parseBulkTriage(body: unknown, principal: string, idempotencyKey?: string): ParsedBulkTriage {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw invalidRequest([{ path: '(body)', message: 'expected a JSON object (Content-Type: application/json)' }]);
  }
  const parsed = BulkTriageRequest.safeParse(body);
  const problems: FieldProblem[] = parsed.success ? [] : fieldProblems(parsed.error);
  const key = idempotencyKey === undefined ? undefined : BulkId.safeParse(idempotencyKey);
  if (key && !key.success) problems.push(...fieldProblems(key.error, ['Idempotency-Key']));
  if (key?.success && parsed.success && parsed.data.bulkId !== undefined && parsed.data.bulkId !== key.data) {
    problems.push({ path: 'bulkId', message: 'differs from the Idempotency-Key header' });
  }
  if (problems.length || !parsed.success) throw invalidRequest(problems);
  const request = parsed.data;
  const bulkId = request.bulkId ?? (key?.success ? key.data : undefined) ?? randomUUID();
  const commands = request.riskIds.map((riskId, index) => {
    const { name, data } = commandFor(request, riskId);
    const checked = publicCommands[name].schema.safeParse(data);
    if (!checked.success) throw invalidRequest(fieldProblems(checked.error, ['riskIds', index]));
    return {
      riskId,
      name,
      data: checked.data as CommandData<TriageCommandName>,
      commandId: clientCommandId(principal, `bulk:${bulkId}/${riskId}`),
    };
  });
  return { bulkId, action: request.action, correlationId: clientCommandId(principal, `bulk:${bulkId}`), commands };
}
