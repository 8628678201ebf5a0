import { resolve } from 'node:path';
import { z } from 'zod';

/** How the engine seals the log (see LogSealer). */
export interface SealConfig {
  /** DD_SEAL_KEY_FILE: the Ed25519 private key (PEM) seals are signed with. Unset: no seals by the service. */
  keyFile?: string;
  /** DD_SEAL_INTERVAL_HOURS, in ms: how often the service seals the log; 0 never. */
  intervalMs: number;
}

/** Daily: an auditor's copy of yesterday's seal covers everything but today. */
export const DEFAULT_SEAL_INTERVAL_MS = 24 * 60 * 60 * 1000;

const SealEnv = z.object({
  DD_SEAL_KEY_FILE: z.string().trim().min(1, 'expected the path of an Ed25519 private key (PEM)').optional(),
  DD_SEAL_INTERVAL_HOURS: z.coerce
    .number({ error: 'expected a number of hours, e.g. 24; 0 turns scheduled seals off' })
    .min(0, 'expected 0 or more hours')
    // Node's timers hold at most 2^31-1 ms (24.8 days).
    .max(24 * 24, 'expected at most 576 hours (24 days)')
    .optional(),
});

export function sealConfigFromEnv(env: NodeJS.ProcessEnv = process.env): SealConfig {
  const parsed = SealEnv.safeParse(env);
  if (!parsed.success) {
    throw new Error(`invalid configuration: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  }
  const { DD_SEAL_KEY_FILE: keyFile, DD_SEAL_INTERVAL_HOURS: hours } = parsed.data;
  return {
    ...(keyFile ? { keyFile: resolve(keyFile) } : {}),
    intervalMs: hours === undefined ? DEFAULT_SEAL_INTERVAL_MS : Math.round(hours * 60 * 60 * 1000),
  };
}
