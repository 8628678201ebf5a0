import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';

/** How messages to suppliers leave the engine (docs/outreach.md). */
export interface MailConfig {
  /** DD_SMTP_URL: smtp:// or smtps:// with user and password in the URL. Absent: .eml files in <data>/outbox-pickup/. */
  smtpUrl?: string;
  /** DD_MAIL_FROM: the sender address (a name may come first: "Acme Compliance <cm@acme.example>"). */
  from: string;
  /** DD_COMPANY_NAME: our company as suppliers know it, in every message. */
  companyName: string;
  /** DD_MAIL_TEMPLATES_DIR: the company's own templates, each file replacing the shipped one of its name. */
  templatesDir?: string;
  /** DD_BLANK_CMRT_PATH: the blank template attached to requests and reminders (the project ships none of RMI's files). */
  blankCmrtPath?: string;
  /** DD_LINK_KEY: the HMAC key of supplier links; absent: one generated once in <data>/supplier-link.key. */
  linkKey?: string;
  /** DD_PUBLIC_URL: where suppliers reach the engine (links are <url>/s/<token>); default http://<host>:<port>. */
  publicUrl?: string;
  /** DD_LINK_GRACE_DAYS: days after the due date a link keeps working. */
  linkGraceDays: number;
  /** DD_MAIL_MAX_ATTEMPTS: attempts before a message fails for good. */
  maxAttempts: number;
}

export const DEFAULT_MAIL_FROM = 'Due diligence <due-diligence@localhost>';
export const DEFAULT_LINK_GRACE_DAYS = 30;
export const DEFAULT_MAIL_MAX_ATTEMPTS = 8;

const MailEnv = z.object({
  DD_SMTP_URL: z
    .url({ protocol: /^smtps?$/, error: 'expected smtp://user:password@host:port or smtps://... (TLS)' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DD_MAIL_FROM: z
    .string()
    .trim()
    .regex(
      /^([^<>\r\n]*<[^<>\s@]+@[^<>\s@]+>|[^<>\s@]+@[^<>\s@]+)$/,
      'expected an address, e.g. cm@acme.example or "Acme Compliance <cm@acme.example>"',
    )
    .default(DEFAULT_MAIL_FROM),
  DD_COMPANY_NAME: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/^[^\r\n]*$/, 'expected one line')
    .default('Our company'),
  DD_MAIL_TEMPLATES_DIR: z
    .string()
    .trim()
    .min(1)
    .refine((path) => existsSync(path) && statSync(path).isDirectory(), 'expected an existing folder of mail templates')
    .optional(),
  DD_BLANK_CMRT_PATH: z
    .string()
    .trim()
    .min(1)
    .refine((path) => existsSync(path) && statSync(path).isFile(), 'expected an existing file (the blank CMRT workbook)')
    .optional(),
  DD_LINK_KEY: z.string().min(32, 'expected at least 32 characters of secret (e.g. openssl rand -base64 32)').optional(),
  DD_PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'expected http(s)://host[:port][/path]' }).optional(),
  DD_LINK_GRACE_DAYS: z.coerce.number({ error: 'expected a number of days' }).int().min(0).max(365).default(DEFAULT_LINK_GRACE_DAYS),
  DD_MAIL_MAX_ATTEMPTS: z.coerce.number({ error: 'expected a number of attempts' }).int().min(1).max(50).default(DEFAULT_MAIL_MAX_ATTEMPTS),
});

export function mailConfigFromEnv(env: NodeJS.ProcessEnv = process.env): MailConfig {
  const parsed = MailEnv.safeParse(env);
  if (!parsed.success) {
    // Never echo DD_SMTP_URL or DD_LINK_KEY: they hold secrets.
    throw new Error(`invalid configuration: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  }
  const v = parsed.data;
  return {
    ...(v.DD_SMTP_URL ? { smtpUrl: v.DD_SMTP_URL } : {}),
    from: v.DD_MAIL_FROM,
    companyName: v.DD_COMPANY_NAME,
    ...(v.DD_MAIL_TEMPLATES_DIR ? { templatesDir: resolve(v.DD_MAIL_TEMPLATES_DIR) } : {}),
    ...(v.DD_BLANK_CMRT_PATH ? { blankCmrtPath: resolve(v.DD_BLANK_CMRT_PATH) } : {}),
    ...(v.DD_LINK_KEY ? { linkKey: v.DD_LINK_KEY } : {}),
    ...(v.DD_PUBLIC_URL ? { publicUrl: v.DD_PUBLIC_URL.replace(/\/+$/, '') } : {}),
    linkGraceDays: v.DD_LINK_GRACE_DAYS,
    maxAttempts: v.DD_MAIL_MAX_ATTEMPTS,
  };
}

/** The defaults: no SMTP (pickup folder), a generated link key. */
export const defaultMailConfig = (): MailConfig => mailConfigFromEnv({});
