/** GET /program and /product-conclusions in the OpenAPI document. */

const integer = { type: 'integer' };
const string = { type: 'string' };
const nullableString = { type: 'string', nullable: true };
const stamp = { at: { type: 'string', format: 'date-time' }, by: string, eventId: string };
const period = { name: 'period', in: 'query', required: true, schema: integer };
const badRequest = { description: 'invalid query parameter', content: { 'application/problem+json': { schema: { type: 'object' } } } };

const managementSystems = {
  type: 'object',
  properties: {
    period: integer,
    policy: {
      type: 'object',
      nullable: true,
      properties: { version: string, url: string, versions: integer, adoptedAt: { type: 'string', format: 'date-time' }, by: string, eventId: string },
    },
    communications: {
      type: 'object',
      properties: {
        totals: { type: 'object', properties: { suppliers: integer, customers: integer } },
        items: {
          type: 'array',
          items: { type: 'object', properties: { audience: { type: 'string', enum: ['suppliers', 'customers'] }, count: integer, channel: nullableString, policyVersion: string, ...stamp } },
        },
      },
    },
    team: {
      type: 'object',
      nullable: true,
      properties: { members: { type: 'array', items: { type: 'object', properties: { name: string, role: string } } }, sponsor: string, ...stamp },
    },
    contractClauses: {
      type: 'object',
      properties: { count: integer, suppliers: { type: 'array', items: { type: 'object', properties: { supplierId: string, clause: string, ...stamp } } } },
    },
    grievanceMechanism: { type: 'object', nullable: true, properties: { description: string, url: nullableString, ...stamp } },
    grievances: {
      type: 'object',
      properties: {
        count: integer,
        anonymous: integer,
        risksRaised: integer,
        items: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              grievanceId: string,
              anonymous: { type: 'boolean' },
              named: { type: 'boolean', description: 'the reporter gave a name (kept in the log, not shown here)' },
              description: string,
              supplierId: nullableString,
              metal: nullableString,
              smelterId: nullableString,
              riskId: { ...nullableString, description: 'the risk the grievance raised' },
              ...stamp,
            },
          },
        },
      },
    },
    managementReports: { type: 'array', items: { type: 'object', properties: { reportNumber: integer, recipient: string, summary: string, ...stamp } } },
  },
};

const conclusion = { type: 'string', enum: ['DRC conflict free', 'not found to be DRC conflict free', 'DRC conflict undeterminable', 'no 3TG necessary'] };
const productConclusions = {
  type: 'object',
  properties: {
    summary: {
      type: 'object',
      properties: {
        period: integer,
        products: integer,
        byConclusion: { type: 'object', additionalProperties: integer },
        statusList: { type: 'object', nullable: true, properties: { asOf: { type: 'string', format: 'date' }, eventId: string } },
      },
    },
    products: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          productId: string,
          name: string,
          productLine: string,
          metalsNecessary: { type: 'array', items: string },
          suppliers: { type: 'array', items: string },
          conclusion,
          reasons: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                code: string,
                metal: string,
                supplierId: string,
                message: string,
                eventIds: { type: 'array', items: string, description: 'the events that show the reason (responses, confirmations, status list, product determination)' },
              },
            },
          },
        },
      },
    },
  },
};

const get = (summary: string, schema: object) => ({
  get: {
    summary,
    tags: ['read models'],
    parameters: [period],
    responses: { 200: { description: 'OK', content: { 'application/json': { schema } } }, 400: badRequest },
  },
});

export function programAndConclusionPaths(): Record<string, object> {
  return {
    '/program': get(
      "A period's management systems (OECD step 1): policy, communications, team and sponsor, contract clauses, grievance mechanism and grievances, reports to management",
      managementSystems,
    ),
    '/product-conclusions': get(
      'Each product\'s conclusion for the period ("DRC conflict free", "not found to be DRC conflict free", "DRC conflict undeterminable") with its reasons, each traced to events',
      productConclusions,
    ),
  };
}
