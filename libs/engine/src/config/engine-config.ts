import { resolve } from 'node:path';
import { z } from 'zod';
import { sealConfigFromEnv, type SealConfig } from './seal-config';

export const ROLES = ['compliance', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  name: string;
  role: Role;
}

export interface EngineConfig {
  dataDir: string;
  eventStore: 'sqlite' | 'memory' | 'kurrentdb';
  kurrentConnectionString?: string;
  port: number;
  /** API key → principal. Empty: no authentication, loopback only, actor "local". */
  apiKeys: Map<string, Principal>;
  /** Scheduled seals of the log (DD_SEAL_KEY_FILE, DD_SEAL_INTERVAL_HOURS); absent: none. */
  seal?: SealConfig;
}

const Env = z.object({
  DD_DATA_DIR: z.string().min(1).default('./data'),
  DD_EVENT_STORE: z.enum(['sqlite', 'memory', 'kurrentdb']).default('sqlite'),
  KURRENTDB_CONNECTION_STRING: z.string().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DD_API_KEYS: z.string().optional(),
});

/**
 * DD_API_KEYS is a comma-separated list of `key=principal:role`, e.g.
 * `k1=alice:compliance,k2=audit-firm:auditor`. Keys are secrets; principals are what the audit
 * trail records as the actor.
 */
export function parseApiKeys(spec: string | undefined): Map<string, Principal> {
  const keys = new Map<string, Principal>();
  for (const entry of (spec ?? '').split(',').map((part) => part.trim()).filter(Boolean)) {
    const match = /^([^=]+)=([^:]+):(.+)$/.exec(entry);
    if (!match) throw new Error(`DD_API_KEYS: "${entry.replace(/=.*/, '=…')}" is not key=principal:role`);
    const [, key, name, role] = match;
    if (!(ROLES as readonly string[]).includes(role)) {
      throw new Error(`DD_API_KEYS: role "${role}" of ${name} is not one of ${ROLES.join(', ')}`);
    }
    if (key.length < 8) throw new Error(`DD_API_KEYS: the key of ${name} is shorter than 8 characters`);
    keys.set(key, { name, role: role as Role });
  }
  return keys;
}

export function engineConfigFromEnv(env: NodeJS.ProcessEnv = process.env): EngineConfig {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`invalid configuration: ${problems.join('; ')}`);
  }
  const values = parsed.data;
  if (values.DD_EVENT_STORE === 'kurrentdb' && !values.KURRENTDB_CONNECTION_STRING) {
    throw new Error('invalid configuration: DD_EVENT_STORE=kurrentdb needs KURRENTDB_CONNECTION_STRING');
  }
  return {
    dataDir: resolve(values.DD_DATA_DIR),
    eventStore: values.DD_EVENT_STORE,
    kurrentConnectionString: values.KURRENTDB_CONNECTION_STRING,
    port: values.PORT,
    apiKeys: parseApiKeys(values.DD_API_KEYS),
    seal: sealConfigFromEnv(env),
  };
}
