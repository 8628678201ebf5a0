import { EntityId, Impact, Likelihood, Mineral, MitigationStrategy, RiskCategory, RiskResolution, RiskSeverity } from '@dd/domain';
import { RISK_STATUSES, riskPageKey, riskRegisterProjection } from '@dd/projections';
import { riskRegisterExport, type RiskRegisterExportRow } from '@dd/reports';
import { z } from 'zod';
import { pageFromRows, pagingParams } from './read-paging';
import { listReadQuery, readQuery } from './read-query';
import { spreadsheetRenderings } from './read-renderings';
import { dateTime, isoDate, nullableString, PeriodParam, stamp } from './read-parameters';

const Assessment = z.object({ likelihood: Likelihood, impact: Impact, severity: RiskSeverity, rationale: z.string(), ...stamp });
const Mitigation = z.object({
  revision: z.number().int().describe('1 for the first plan, 2 for a revision, ...'),
  strategy: MitigationStrategy,
  plan: z.string(),
  dueDate: isoDate,
  completed: z.boolean(),
  actions: z.array(z.object({ description: z.string(), dueDate: isoDate, completed: z.boolean() })),
  ...stamp,
});
const Escalation = z.object({
  revision: z.number().int(),
  actionIndex: z.number().int().nullable(),
  dueDate: isoDate,
  escalatedTo: z.string(),
  reason: z.string(),
  ...stamp,
});
const Closure = z.object({ resolution: RiskResolution, note: z.string(), ...stamp });

const RiskEntry = z.object({
  riskId: z.string(),
  supplierId: nullableString,
  period: z.number().int(),
  metal: Mineral.nullable().describe('a CMRT metal or an EMRT mineral'),
  smelterId: nullableString,
  category: RiskCategory,
  severity: RiskSeverity,
  raisedSeverity: RiskSeverity,
  status: z.enum(RISK_STATUSES),
  reason: z.string(),
  evidence: nullableString,
  raisedAt: dateTime,
  raisedBy: z.string(),
  source: z.string(),
  ruleIds: z.array(z.string()),
  sourceEventIds: z.array(z.string()),
  owner: nullableString,
  assessment: Assessment.nullable(),
  mitigation: Mitigation.nullable(),
  escalations: z.array(Escalation),
  closure: Closure.nullable(),
  updatedAt: dateTime,
});

const RedFlag = z.object({
  supplierId: z.string(),
  period: z.number().int(),
  ruleId: z.string(),
  metal: Mineral.nullable().describe('a CMRT metal or an EMRT mineral'),
  smelterId: nullableString,
  field: z.string(),
  cell: nullableString,
  message: z.string(),
  eventId: z.string(),
});
const HistoryItem = z.object({
  type: z.string(),
  at: dateTime,
  recordedAt: dateTime,
  by: z.string(),
  summary: z.string(),
  eventId: z.string(),
});

export const riskRegisterRead = listReadQuery({
  name: 'GetRiskRegister',
  path: '/risk-register',
  summary: 'Risks of a reporting period, most severe first, then in the order they were raised; paged',
  params: z
    .object({
      period: PeriodParam,
      status: z.enum(RISK_STATUSES).optional(),
      supplierId: EntityId.optional(),
      category: RiskCategory.optional(),
      severity: RiskSeverity.optional(),
      ...pagingParams('GetRiskRegister', 3),
    })
    .strict(),
  row: RiskEntry,
  order: 'severity (high first), raisedAt, riskId',
  readModels: [riskRegisterProjection.name],
  page: ({ limit: _limit, cursor: _cursor, ...filter }, request, models) =>
    pageFromRows(
      models.risks.list(filter, { limit: request.limit + 1, after: request.after }),
      request,
      models.risks.count(filter),
      riskPageKey,
    ),
  renderings: spreadsheetRenderings(
    ({ period }: { period: number }) => `risk-register-${period}`,
    (risks: readonly RiskRegisterExportRow[]) => riskRegisterExport(risks),
  ),
});

export const riskRead = readQuery({
  name: 'GetRisk',
  path: '/risk-register/{riskId}',
  summary:
    "One risk: status, owner, assessment (likelihood, impact, severity), mitigation plan with its actions, escalations, closure, the findings behind it and its whole history (each event's type, time, actor and summary)",
  params: z.object({ riskId: z.string() }),
  response: RiskEntry.extend({ findings: z.array(RedFlag), history: z.array(HistoryItem) }),
  readModels: [riskRegisterProjection.name],
  notFound: ({ riskId }) => `no risk ${riskId}`,
  answer: ({ riskId }, models) => models.risks.get(riskId),
});
