import { CanActivate, createParamDecorator, ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ENGINE_CONFIG, type EngineConfig, type Principal, type Role } from '@dd/engine';
import type { Request } from 'express';
import { BrowserSessions } from '../session/browser-sessions';
import { CONSOLE_HEADER, CONSOLE_HEADER_VALUE, sessionIdOf } from '../session/session-cookie';
import { Problem } from './problem';

/** Without API keys the server only listens on loopback, and whoever is there is "local". */
export const LOCAL_PRINCIPAL: Principal = { name: 'local', role: 'admin' };

const ROLES_KEY = 'dd:roles';
const PUBLIC_KEY = 'dd:public';
const SUPPLIER_LINK_KEY = 'dd:supplier-link';

/** Roles allowed on a route; routes without it are open to every authenticated principal. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
/** Routes anyone may call (health, API docs). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
/**
 * The supplier's answer page (/s/<token>): no API key, its signed token is its credential and names
 * the one request it may read and answer. No principal is set: nothing behind it can act as one.
 */
export const SupplierLinkRoute = () => SetMetadata(SUPPLIER_LINK_KEY, true);

type AuthenticatedRequest = Request & { principal?: Principal };

export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Principal =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().principal ?? LOCAL_PRINCIPAL,
);

const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];

/**
 * API keys come as `X-Api-Key: <key>` or `Authorization: Bearer <key>`; a browser signed in to the
 * console (POST /session) sends its session cookie instead, and its writes carry X-Requested-With.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
    private readonly reflector: Reflector,
    private readonly sessions: BrowserSessions,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(SUPPLIER_LINK_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    refuseCrossSiteWrite(request);
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const principal = this.authenticate(request);
    request.principal = principal;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(principal.role)) {
      throw new Problem(403, 'Forbidden', `${principal.name} (${principal.role}) may not do this; it needs one of: ${roles.join(', ')}`);
    }
    return true;
  }

  private authenticate(request: Request): Principal {
    if (this.config.apiKeys.size === 0) return LOCAL_PRINCIPAL;
    const bearer = /^Bearer\s+(.+)$/i.exec(request.header('authorization') ?? '')?.[1];
    const key = request.header('x-api-key') ?? bearer;
    if (key) {
      const principal = this.config.apiKeys.get(key);
      if (!principal) throw new Problem(401, 'Unauthorized', 'unknown API key');
      return principal;
    }
    const sessionId = sessionIdOf(request);
    if (!sessionId)
      throw new Problem(401, 'Unauthorized', 'send an API key in X-Api-Key or Authorization: Bearer, or sign in (POST /session)');
    const principal = this.sessions.principal(sessionId);
    if (!principal) {
      throw new Problem(
        401,
        'Unauthorized',
        'the browser session has ended (signed out, idle, or the server restarted): sign in again',
        undefined,
        {
          code: 'session-ended',
        },
      );
    }
    if (!SAFE_METHODS.includes(request.method) && request.header(CONSOLE_HEADER) !== CONSOLE_HEADER_VALUE) {
      throw new Problem(
        403,
        'Forbidden',
        `a write authenticated by the session cookie must send the header ${CONSOLE_HEADER}: ${CONSOLE_HEADER_VALUE}`,
        undefined,
        { code: 'console-header-missing' },
      );
    }
    return principal;
  }
}

/**
 * A browser names the site a request comes from (Sec-Fetch-Site). A write another site's page makes
 * the browser send (a form posted to 127.0.0.1, where the API may run without keys) is refused,
 * whatever credential it carries; clients other than browsers send no such header.
 */
function refuseCrossSiteWrite(request: Request): void {
  if (SAFE_METHODS.includes(request.method)) return;
  const site = request.header('sec-fetch-site');
  if (site === 'cross-site' || site === 'same-site') {
    throw new Problem(403, 'Forbidden', 'a write from a page of another site is refused', undefined, { code: 'cross-site-write' });
  }
}
