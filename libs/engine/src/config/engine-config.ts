import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { z } from 'zod';
import { riskReportScheduleFromEnv, type RiskReportScheduleConfig } from './risk-report-config';
import { sealConfigFromEnv, type SealConfig } from './seal-config';
import { declarationConfigFromEnv, type DeclarationConfig } from '../declarations/declaration-config';
import { mailConfigFromEnv, type MailConfig } from './mail-config';

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
  /** The interface the API listens on (default 127.0.0.1); another one is the operator's explicit choice. */
  host?: string;
  /** API key → principal. Empty: no authentication, loopback only, actor "local". */
  apiKeys: Map<string, Principal>;
  /** Scheduled seals of the log (DD_SEAL_KEY_FILE, DD_SEAL_INTERVAL_HOURS); absent: none. */
  seal?: SealConfig;
  /** A read-only replica: serves reads from the read models another server keeps, refuses commands. */
  readOnly?: boolean;
  /** Our own declarations: company profile and blank CMRT and EMRT (DD_COMPANY_FILE, DD_CMRT_TEMPLATE, DD_EMRT_TEMPLATE). */
  declarations?: DeclarationConfig;
  /** The scheduled management risk report (DD_RISK_REPORT_SCHEDULE, DD_RISK_REPORT_RECIPIENTS); absent: the default schedule, no recipients. */
  riskReports?: RiskReportScheduleConfig;
  /** Messages to suppliers: SMTP or the pickup folder, templates, links (mail-config.ts); absent: the defaults. */
  mail?: MailConfig;
  /**
   * Whether the read models keep their history (DD_READ_MODEL_HISTORY, default on), which answers "as
   * of" reads from the file; off: none is written (and any kept is dropped), as-of reads replay.
   */
  readModelHistory?: boolean;
}

export const DEFAULT_HOST = '127.0.0.1';

/** 127.0.0.0/8, ::1 and "localhost": only this machine can connect. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

const HOST_NAME = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const FLAG = { '1': true, true: true, yes: true, '0': false, false: false, no: false, '': false } as const;
const HISTORY_SETTING = { on: true, '1': true, true: true, yes: true, off: false, '0': false, false: false, no: false } as const;

const Env = z.object({
  DD_DATA_DIR: z.string().min(1).default('./data'),
  DD_EVENT_STORE: z.enum(['sqlite', 'memory', 'kurrentdb']).default('sqlite'),
  KURRENTDB_CONNECTION_STRING: z.string().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DD_HOST: z
    .string()
    .refine((host) => isIP(host) !== 0 || HOST_NAME.test(host), 'expected an IP address or host name, e.g. 127.0.0.1, ::1 or 0.0.0.0')
    .default(DEFAULT_HOST),
  DD_API_KEYS: z.string().optional(),
  DD_READ_ONLY: z
    .string()
    .transform((value) => value.trim().toLowerCase())
    .refine((value) => value in FLAG, 'expected 1 or 0 (also true/false, yes/no)')
    .transform((value) => FLAG[value as keyof typeof FLAG])
    .default(false),
  DD_READ_MODEL_HISTORY: z
    .string()
    .transform((value) => value.trim().toLowerCase())
    .refine((value) => value in HISTORY_SETTING, 'expected on or off (also 1/0, true/false, yes/no)')
    .transform((value) => HISTORY_SETTING[value as keyof typeof HISTORY_SETTING])
    .default(true),
});

/**
 * DD_API_KEYS is a comma-separated list of `key=principal:role`, e.g.
 * `k1=alice:compliance,k2=audit-firm:auditor`. Keys are secrets; principals are what the audit
 * trail records as the actor. The key ends at the entry's last "=" (so base64 padding may be part of
 * it). A malformed entry is reported by its position and principal, never with its key: start-up
 * messages end up in logs.
 */
export function parseApiKeys(spec: string | undefined): Map<string, Principal> {
  const keys = new Map<string, Principal>();
  const positions = new Map<string, string>();
  const entries = (spec ?? '').split(',').map((part) => part.trim());
  const count = entries.filter(Boolean).length;
  let position = 0;
  for (const entry of entries) {
    if (!entry) continue;
    position++;
    const equals = entry.lastIndexOf('=');
    const where = `entry ${position} of ${count}`;
    if (equals < 0) throw new Error(`DD_API_KEYS: ${where} is not key=principal:role (it has no "="; not shown, it may be a key)`);
    const key = entry.slice(0, equals);
    const grant = entry.slice(equals + 1);
    const colon = grant.indexOf(':');
    const name = (colon < 0 ? grant : grant.slice(0, colon)).trim();
    const role = colon < 0 ? '' : grant.slice(colon + 1).trim();
    const who = name ? `${where} (principal "${name}")` : where;
    if (!name) throw new Error(`DD_API_KEYS: ${where} names no principal; expected key=principal:role`);
    if (colon < 0 || !role)
      throw new Error(`DD_API_KEYS: ${who} has no role; expected key=principal:role with a role of ${ROLES.join(', ')}`);
    if (!(ROLES as readonly string[]).includes(role))
      throw new Error(`DD_API_KEYS: ${who}: role "${role}" is not one of ${ROLES.join(', ')}`);
    if (key.length < 8) throw new Error(`DD_API_KEYS: ${who}: the key is shorter than 8 characters`);
    const earlier = positions.get(key);
    if (earlier) throw new Error(`DD_API_KEYS: ${who} has the same key as ${earlier}`);
    positions.set(key, who);
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
  const apiKeys = parseApiKeys(values.DD_API_KEYS);
  if (!isLoopback(values.DD_HOST) && apiKeys.size === 0) {
    // Without keys everyone is "local" with every right: that stays on this machine.
    throw new Error(
      `invalid configuration: DD_HOST=${values.DD_HOST} opens the API to other machines, which needs DD_API_KEYS (without keys anyone could act as "local")`,
    );
  }
  if (values.DD_READ_ONLY && values.DD_EVENT_STORE === 'memory') {
    throw new Error(
      'invalid configuration: DD_READ_ONLY=1 reads the read models another server keeps; the memory store has nothing to share',
    );
  }
  return {
    dataDir: resolve(values.DD_DATA_DIR),
    eventStore: values.DD_EVENT_STORE,
    kurrentConnectionString: values.KURRENTDB_CONNECTION_STRING,
    port: values.PORT,
    seal: sealConfigFromEnv(env),
    riskReports: riskReportScheduleFromEnv(env),
    host: values.DD_HOST,
    apiKeys,
    readOnly: values.DD_READ_ONLY,
    declarations: declarationConfigFromEnv(env),
    mail: mailConfigFromEnv(env),
    readModelHistory: values.DD_READ_MODEL_HISTORY,
  };
}
