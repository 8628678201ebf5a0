import { METALS, RMAP_STATUSES } from '@dd/domain';
import { RISK_STATUSES } from '@dd/projections';

const problemRef = (description: string) => ({ description, content: { 'application/problem+json': { schema: { type: 'object' } } } });

const get = (summary: string, parameters: object[], notFound?: string) => ({
  get: {
    summary,
    tags: ['read models'],
    parameters,
    responses: {
      200: { description: 'OK' },
      400: problemRef('invalid query parameter'),
      401: problemRef('missing or unknown API key'),
      ...(notFound ? { 404: problemRef(notFound) } : {}),
    },
  },
});

const queryParam = (name: string, schema: object, required = false, description?: string) => ({ name, in: 'query', required, schema, ...(description ? { description } : {}) });

/** Paths of the risk detail and the smelter register (OpenAPI 3.0). */
export function riskAndSmelterPaths(): Record<string, object> {
  return {
    '/risk-register/{riskId}': get(
      "One risk: status, owner, assessment (likelihood, impact, severity), mitigation plan with its actions, escalations, closure, the findings behind it and its whole history (each event's type, time, actor and summary)",
      [{ name: 'riskId', in: 'path', required: true, schema: { type: 'string' } }],
      'no such risk',
    ),
    '/smelters': get('Smelters named in the latest supplier responses, with current and past RMAP status and who names them', [
      queryParam('period', { type: 'integer' }),
      queryParam('metal', { type: 'string', enum: [...METALS] }),
      queryParam('status', { type: 'string', enum: [...RMAP_STATUSES, 'not-enrolled'] }, false, 'an RMAP status, or not-enrolled (not on the status list)'),
    ]),
    '/smelters/unresolved': get('Smelter List rows of the latest responses that name no smelter we could place (unresolved, needing confirmation, not yet identified)', [
      queryParam('period', { type: 'integer' }, true),
      queryParam('supplierId', { type: 'string' }),
    ]),
    '/smelters/conformance': get('OECD step 4: per metal, the identified smelters of the period and the share that is RMAP conformant or cross-recognized', [
      queryParam('period', { type: 'integer' }, true),
    ]),
    '/smelters/{cid}': get(
      'One smelter by RMI id: reference-list data, RMAP status history, and every supplier response naming it',
      [{ name: 'cid', in: 'path', required: true, schema: { type: 'string', pattern: '^CID\\d{6}$' } }],
      'no such smelter',
    ),
  };
}

/** The status filter of GET /risk-register. */
export const riskStatusParameter = { name: 'status', schema: { type: 'string', enum: [...RISK_STATUSES] } };
