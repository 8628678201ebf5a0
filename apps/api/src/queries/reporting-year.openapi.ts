/** GET /periods, /campaigns, /products, /product-lines and /suppliers in the OpenAPI document. */

const problem = (description: string) => ({
  description,
  content: {
    'application/problem+json': {
      schema: { type: 'object', properties: { title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' } } },
    },
  },
});

const integer = { type: 'integer' };
const string = { type: 'string' };
const ratio = { type: 'number', nullable: true, description: 'fraction rounded to 4 decimals; null when nothing to divide by' };
const tierFigures = { type: 'object', properties: { requestsSent: integer, responded: integer, responseRate: ratio } };
const scopeFigures = { type: 'object', properties: { count: integer, share: ratio } };
const campaignSummary = {
  type: 'object',
  properties: {
    campaignId: string,
    period: integer,
    selection: { type: 'object', properties: { tier: string, productLine: string, supplierIds: { type: 'array', items: string } } },
    dueDate: { type: 'string', format: 'date' },
    selected: { ...integer, description: 'active suppliers the selection named at launch' },
    sent: { ...integer, description: 'CMRT requests this campaign sent' },
    alreadyRequested: { ...integer, description: 'selected suppliers skipped because they already had a request for the period' },
    responded: integer,
    responseRate: ratio,
    awaitingResponse: integer,
    overdue: integer,
    remindersSent: integer,
    escalations: integer,
  },
};

const get = (summary: string, parameters: object[], schema?: object, notFound?: string) => ({
  get: {
    summary,
    tags: ['read models'],
    parameters,
    responses: {
      200: { description: 'OK', ...(schema ? { content: { 'application/json': { schema } } } : {}) },
      400: problem('invalid parameter'),
      401: problem('missing or unknown API key'),
      ...(notFound ? { 404: problem(notFound) } : {}),
    },
  },
});
const pathParam = (name: string, schema: object = string) => ({ name, in: 'path', required: true, schema });
const queryParam = (name: string, schema: object, required = false, description?: string) => ({ name, in: 'query', required, schema, ...(description ? { description } : {}) });

export function reportingYearPaths(): Record<string, object> {
  return {
    '/periods/{period}': get(
      'A reporting period: its policy, status, Form SD deadline (31 May of the following year, next business day) and days left, and the published report',
      [pathParam('period', integer)],
      {
        type: 'object',
        properties: {
          period: integer,
          status: { type: 'string', enum: ['not-opened', 'open', 'closed'] },
          policy: { type: 'object', nullable: true },
          formSdDeadline: { type: 'string', format: 'date' },
          daysLeft: { ...integer, description: 'negative once the deadline has passed' },
          today: { type: 'string', format: 'date' },
          closedAt: { type: 'string', nullable: true, description: 'while closed: when' },
          closeNote: { type: 'string', nullable: true },
          reopenedAt: { type: 'string', nullable: true, description: 'the latest ReopenPeriod' },
          reopenReason: { type: 'string', nullable: true },
          statusChanges: {
            type: 'array',
            description: 'every close and reopening, oldest first',
            items: { type: 'object', properties: { change: { type: 'string', enum: ['closed', 'reopened'] }, at: string, by: string, note: { type: 'string', nullable: true }, eventId: string } },
          },
          report: { type: 'object', nullable: true },
          reports: { type: 'array', items: { type: 'object' } },
        },
      },
    ),
    '/campaigns': get(
      "The survey of a period: requests sent, responses and response rate overall and by tier, overdue, reminders, escalations, open follow-ups, accepted responses, declaration scopes; and its campaigns",
      [queryParam('period', integer, true)],
      {
        type: 'object',
        properties: {
          period: integer,
          today: { type: 'string', format: 'date' },
          requestsSent: { ...integer, description: 'suppliers with a CMRT request in the period' },
          responded: integer,
          responseRate: ratio,
          byTier: { type: 'object', properties: { direct: tierFigures, indirect: tierFigures } },
          awaitingResponse: integer,
          overdue: integer,
          remindersSent: integer,
          escalations: integer,
          followUpsOpen: integer,
          accepted: integer,
          scopes: {
            type: 'object',
            description: "scope of each responding supplier's latest declaration",
            properties: { company: scopeFigures, product: scopeFigures, 'user-defined': scopeFigures, unspecified: scopeFigures },
          },
          campaigns: { type: 'array', items: campaignSummary },
        },
      },
    ),
    '/campaigns/{campaignId}': get(
      'One campaign, with what became of each supplier it selected (sent, already requested, not sent)',
      [pathParam('campaignId')],
      { ...campaignSummary, properties: { ...campaignSummary.properties, members: { type: 'array', items: { type: 'object' } } } },
      'no such campaign',
    ),
    '/products': get('Products with their product line, the 3TG necessary to them, the determination and their suppliers', [queryParam('productLine', string)]),
    '/products/{productId}': get('A product with its 3TG determination and the suppliers of its parts', [pathParam('productId')], undefined, 'no such product'),
    '/product-lines': get('Product lines: products, suppliers and the metals necessary to them', []),
    '/suppliers': get('Registered suppliers with tier, parent, status, owner, contacts and the products they supply', [
      queryParam('tier', { type: 'string', enum: ['direct', 'indirect'] }),
      queryParam('status', { type: 'string', enum: ['active', 'inactive'] }),
    ]),
  };
}
