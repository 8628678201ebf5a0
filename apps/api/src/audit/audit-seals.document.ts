import { KeptSeals } from '@dd/engine';
import type { DocumentedRoute } from '../docs/documented-route';

/** GET /audit/seals in the OpenAPI document. */
export const AUDIT_SEALS_ROUTE: DocumentedRoute = {
  method: 'get',
  path: '/audit/seals',
  operationId: 'GetAuditSeals',
  summary: 'The seals of the log kept in the data directory, newest first, and the events since the newest',
  description:
    'Each seal (audit seal, the scheduled sealer, or an evidence pack made with a key) with its head position and hash, sealedAt and key fingerprint. ' +
    'Each file is checked on its own (shape and signature) but NOT against the log: no verify runs per request (a full verify is long at scale). ' +
    'To prove the log still matches a seal run `audit verify --from-seal` (only what follows the newest seal) or `audit verify --seal <file>`.',
  tags: ['audit'],
  responses: {
    200: { description: 'the kept seals', schema: KeptSeals },
    401: { description: 'missing or unknown API key', problem: true },
  },
};
