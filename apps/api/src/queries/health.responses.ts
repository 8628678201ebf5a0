import { z } from 'zod';
import type { DocumentedRoute } from '../docs/documented-route';

const failure = {
  error: z.string().optional(),
  failingSince: z.string().optional(),
  attempts: z.number().int().optional(),
  willRetry: z.boolean().optional(),
};

/** GET /health: every read model and process manager with its state, position, lag and error. */
export const HealthBody = z.object({
  status: z.enum(['ok', 'degraded', 'failing']),
  role: z.enum(['primary', 'replica']).optional(),
  store: z.string(),
  headPosition: z.number().int().optional(),
  projections: z
    .record(
      z.string(),
      z.object({
        state: z.enum(['running', 'retrying', 'stopped', 'catching-up']),
        position: z.number().int(),
        behind: z.number().int(),
        ...failure,
      }),
    )
    .optional(),
  processManagers: z
    .record(
      z.string(),
      z.object({
        driver: z.enum(['log', 'clock']),
        state: z.enum(['running', 'retrying', 'stopped', 'off', 'catching-up']),
        position: z.number().int().optional(),
        behind: z.number().int().optional(),
        lastRunAt: z.string().optional(),
        ...failure,
      }),
    )
    .optional(),
  primary: z
    .object({
      pid: z.number().int(),
      hostname: z.string(),
      kind: z.enum(['server', 'cli']),
      url: z.string().optional(),
      state: z.enum(['starting', 'running', 'rebuilding']),
      startedAt: z.string(),
      description: z.string(),
    })
    .nullable()
    .optional()
    .describe('a replica: the server keeping the read models, null when none runs'),
  problems: z.array(z.string()),
});

export const LiveBody = z.object({ status: z.literal('live'), pid: z.number().int(), uptimeSeconds: z.number().int() });

export const ReadyBody = z.union([
  z.object({ status: z.literal('ready'), headPosition: z.number().int(), maxBehind: z.number().int() }),
  z.object({ status: z.literal('not-ready'), reasons: z.array(z.string()) }),
]);

const operations = { tags: ['operations'], public: true, method: 'get' } as const;

export const HEALTH_ROUTES: DocumentedRoute[] = [
  {
    ...operations,
    path: '/health',
    operationId: 'GetHealth',
    summary: 'Every read model and process manager: state, position, lag, error',
    responses: {
      200: {
        description:
          "ok, or degraded (something retries by itself, a read model is far behind or catching up since the start, or no server keeps a replica's read models)",
        schema: HealthBody,
      },
      503: { description: 'failing: something is stopped, or the store does not answer', schema: HealthBody },
    },
  },
  {
    ...operations,
    path: '/health/live',
    operationId: 'GetLiveness',
    summary: 'Liveness: the process answers',
    responses: { 200: { description: 'live', schema: LiveBody } },
  },
  {
    ...operations,
    path: '/health/ready',
    operationId: 'GetReadiness',
    summary: 'Readiness: store answers, no read model stopped or retrying, each at most 1000 events behind',
    responses: { 200: { description: 'ready', schema: ReadyBody }, 503: { description: 'not ready, with the reasons', schema: ReadyBody } },
  },
];
