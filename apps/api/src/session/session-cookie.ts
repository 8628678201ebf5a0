import type { Request } from 'express';

export const SESSION_COOKIE = 'dd_session';

/**
 * Cookie-authenticated writes must carry this header with this value. A page on another site can
 * make the browser send the cookie (were SameSite not enough) but cannot add a custom header without
 * a CORS preflight, which this API never grants.
 */
export const CONSOLE_HEADER = 'X-Requested-With';
export const CONSOLE_HEADER_VALUE = 'dd-console';

/** The session id in the request's Cookie header, if any. */
export function sessionIdOf(request: Request): string | undefined {
  for (const part of (request.header('cookie') ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === SESSION_COOKIE) return part.slice(at + 1).trim() || undefined;
  }
  return undefined;
}

/**
 * HttpOnly (no script reads it), SameSite=Strict (no other site sends it), Path=/, and neither
 * Expires nor Max-Age: the browser forgets it when it closes. Secure when the request came over HTTPS.
 */
export function sessionCookie(id: string, secure: boolean): string {
  return `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}

export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`;
}
