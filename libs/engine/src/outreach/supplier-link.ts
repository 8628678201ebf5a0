import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineConfig } from '../config/engine-config';
import { defaultMailConfig } from '../config/mail-config';

/** The request a link answers: one supplier's survey of one period. */
export interface SupplierLinkRequest {
  supplierId: string;
  period: number;
  requestNumber: number;
  dueDate: string;
  /** The survey's template family; absent: the CMRT. */
  family?: 'cmrt' | 'emrt';
}

/** What a valid token says (the signed claims). */
export interface SupplierLinkClaims {
  supplierId: string;
  period: number;
  requestNumber: number;
  /** The survey the link answers: a CMRT link cannot record an EMRT, nor the reverse. */
  family: 'cmrt' | 'emrt';
  /** The last day (YYYY-MM-DD, UTC) the link works: the due date plus the grace period. */
  expiresOn: string;
}

export interface SupplierLink {
  url: string;
  token: string;
  expiresOn: string;
}

/** A wrong token and an expired one are told apart (404 / 410), never whether the request exists. */
export type SupplierTokenCheck = { ok: true; claims: SupplierLinkClaims } | { ok: false; reason: 'invalid' | 'expired' };

const DAY_MS = 86_400_000;
const VERSION = 1;

const base64url = (bytes: Buffer | string) => Buffer.from(bytes).toString('base64url');

/**
 * The supplier's own link to its request: `<public url>/s/<token>`, the token being the request's
 * claims and their HMAC-SHA256 under the company's key (DD_LINK_KEY). Nothing is stored: the link is
 * checked by recomputing the signature. Revocation is a recorded command (a later release) checked
 * beside it. Every message names the link made by supplierLinkFor, so the page can rely on one form.
 */
export class SupplierLinks {
  constructor(
    private readonly key: Buffer,
    private readonly publicUrl: string,
    private readonly graceDays: number,
  ) {}

  supplierLinkFor(request: SupplierLinkRequest): SupplierLink {
    const expiresOn = new Date(Date.parse(`${request.dueDate}T00:00:00Z`) + this.graceDays * DAY_MS).toISOString().slice(0, 10);
    // The family is signed only for an EMRT survey: CMRT links keep the form they were first issued in.
    const family = request.family === 'emrt' ? { f: 'emrt' } : {};
    const claims = { v: VERSION, s: request.supplierId, p: request.period, r: request.requestNumber, x: expiresOn, ...family };
    const payload = base64url(JSON.stringify(claims));
    const token = `${payload}.${this.sign(payload)}`;
    return { url: `${this.publicUrl}/s/${token}`, token, expiresOn };
  }

  /** Checks a token's signature, then its expiry by `now` (the engine clock): the link works through its last day. */
  check(token: string, now: Date): SupplierTokenCheck {
    const dot = token.indexOf('.');
    if (dot <= 0 || token.length > 2048) return { ok: false, reason: 'invalid' };
    const payload = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1), 'base64url');
    const expected = Buffer.from(this.sign(payload), 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
    let raw: { v?: unknown; s?: unknown; p?: unknown; r?: unknown; x?: unknown; f?: unknown };
    try {
      raw = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return { ok: false, reason: 'invalid' };
    }
    if (
      raw.v !== VERSION ||
      typeof raw.s !== 'string' ||
      typeof raw.p !== 'number' ||
      typeof raw.r !== 'number' ||
      typeof raw.x !== 'string' ||
      (raw.f !== undefined && raw.f !== 'emrt')
    ) {
      return { ok: false, reason: 'invalid' };
    }
    const claims: SupplierLinkClaims = {
      supplierId: raw.s,
      period: raw.p,
      requestNumber: raw.r,
      family: raw.f === 'emrt' ? 'emrt' : 'cmrt',
      expiresOn: raw.x,
    };
    if (now.toISOString().slice(0, 10) > claims.expiresOn) return { ok: false, reason: 'expired' };
    return { ok: true, claims };
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(`supplier-link.${payload}`).digest('base64url');
  }
}

/** The links of this engine: the key from configuration (or the data directory), the public URL, the grace period. */
export function supplierLinksFor(config: EngineConfig): SupplierLinks {
  const mail = config.mail ?? defaultMailConfig();
  const dataDir = config.eventStore === 'memory' ? null : config.dataDir;
  const publicUrl = mail.publicUrl ?? `http://${config.host ?? '127.0.0.1'}:${config.port}`;
  return new SupplierLinks(supplierLinkKey(mail.linkKey, dataDir), publicUrl, mail.linkGraceDays);
}

export const LINK_KEY_FILE = 'supplier-link.key';

/**
 * The configured key (DD_LINK_KEY), else one generated once and kept in the data directory (so the
 * two-command start works and links survive restarts). Created exclusively: two processes starting
 * together agree on the first one written.
 */
export function supplierLinkKey(configured: string | undefined, dataDir: string | null): Buffer {
  if (configured) return Buffer.from(configured, 'utf8');
  if (dataDir === null) return randomBytes(32);
  const file = join(dataDir, LINK_KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    try {
      const fd = openSync(file, 'wx', 0o600);
      try {
        writeSync(fd, `${randomBytes(32).toString('base64')}\n`);
      } finally {
        closeSync(fd);
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const key = readFileSync(file, 'utf8').trim();
  if (key.length < 32) throw new Error(`${file}: the supplier link key is shorter than 32 characters; delete it to have a new one made`);
  return Buffer.from(key, 'utf8');
}
