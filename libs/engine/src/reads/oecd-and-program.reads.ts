import { Metal, PRODUCT_CONCLUSIONS } from '@dd/domain';
import { oecdStatusProjection, productConclusionsProjection, programProjection } from '@dd/projections';
import { z } from 'zod';
import { readQuery } from './read-query';
import { dateTime, isoDate, nullableString, PeriodParam, stamp } from './read-parameters';

const PeriodParams = z.object({ period: PeriodParam }).strict();

export const oecdStatusRead = readQuery({
  name: 'GetOecdStatus',
  path: '/oecd-status',
  summary: 'The five OECD steps for a period: criteria, evidence, what is missing',
  params: PeriodParams,
  response: z.object({
    period: z.number().int(),
    today: isoDate,
    steps: z.array(
      z.object({
        step: z.number().int().min(1).max(5),
        name: z.string(),
        status: z.enum(['met', 'in-progress', 'not-started']),
        criteria: z.array(
          z.object({
            id: z.string(),
            description: z.string(),
            met: z.boolean(),
            evidence: z.array(z.string()).describe('event ids, oldest first (capped)'),
            evidenceCount: z.number().int(),
            missing: z.string().optional(),
            detail: z.record(z.string(), z.unknown()).optional(),
          }),
        ),
        missing: z.array(z.string()),
      }),
    ),
  }),
  readModels: [oecdStatusProjection.name],
  answer: ({ period }, models) => models.oecdStatus.forPeriod(period, { today: models.today() }),
});

export const programRead = readQuery({
  name: 'GetManagementSystems',
  path: '/program',
  summary:
    "A period's management systems (OECD step 1): policy, communications, team and sponsor, contract clauses, grievance mechanism and grievances, reports to management",
  params: PeriodParams,
  response: z.object({
    period: z.number().int(),
    policy: z
      .object({
        version: z.string(),
        url: z.string(),
        versions: z.number().int(),
        adoptedAt: dateTime,
        by: z.string(),
        eventId: z.string(),
      })
      .nullable(),
    communications: z.object({
      totals: z.object({ suppliers: z.number().int(), customers: z.number().int() }),
      items: z.array(
        z.object({
          audience: z.enum(['suppliers', 'customers']),
          count: z.number().int(),
          channel: nullableString,
          policyVersion: z.string(),
          ...stamp,
        }),
      ),
    }),
    team: z.object({ members: z.array(z.object({ name: z.string(), role: z.string() })), sponsor: z.string(), ...stamp }).nullable(),
    contractClauses: z.object({
      count: z.number().int(),
      suppliers: z.array(z.object({ supplierId: z.string(), clause: z.string(), ...stamp })),
    }),
    grievanceMechanism: z.object({ description: z.string(), url: nullableString, ...stamp }).nullable(),
    grievances: z.object({
      count: z.number().int(),
      anonymous: z.number().int(),
      risksRaised: z.number().int(),
      items: z.array(
        z.object({
          grievanceId: z.string(),
          anonymous: z.boolean(),
          named: z.boolean().describe('the reporter gave a name (kept in the log, not shown here)'),
          description: z.string(),
          supplierId: nullableString,
          metal: Metal.nullable(),
          smelterId: nullableString,
          riskId: nullableString.describe('the risk the grievance raised'),
          ...stamp,
        }),
      ),
    }),
    managementReports: z.array(z.object({ reportNumber: z.number().int(), recipient: z.string(), summary: z.string(), ...stamp })),
  }),
  readModels: [programProjection.name],
  answer: ({ period }, models) => models.program.forPeriod(period),
});

const Conclusion = z.enum(PRODUCT_CONCLUSIONS);

export const productConclusionsRead = readQuery({
  name: 'GetProductConclusions',
  path: '/product-conclusions',
  summary:
    'Each product\'s conclusion for the period ("DRC conflict free", "not found to be DRC conflict free", "DRC conflict undeterminable") with its reasons, each traced to events',
  params: PeriodParams,
  response: z.object({
    summary: z.object({
      period: z.number().int(),
      products: z.number().int(),
      byConclusion: z.record(Conclusion, z.number().int()),
      statusList: z.object({ asOf: isoDate, eventId: z.string() }).nullable(),
    }),
    products: z.array(
      z.object({
        productId: z.string(),
        name: z.string(),
        productLine: z.string(),
        metalsNecessary: z.array(Metal),
        suppliers: z.array(z.string()),
        conclusion: Conclusion,
        reasons: z.array(
          z.object({
            code: z.string(),
            metal: Metal.optional(),
            supplierId: z.string().optional(),
            message: z.string(),
            eventIds: z
              .array(z.string())
              .describe('the events that show the reason (responses, confirmations, status list, product determination)'),
          }),
        ),
      }),
    ),
  }),
  readModels: [productConclusionsProjection.name],
  answer: ({ period }, models) => ({
    summary: models.productConclusions.summary(period),
    products: models.productConclusions.forPeriod(period),
  }),
});
