import { CanActivate, createParamDecorator, ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ENGINE_CONFIG, type EngineConfig, type Principal, type Role } from '@dd/engine';
import type { Request } from 'express';
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

/** API keys come as `X-Api-Key: <key>` or `Authorization: Bearer <key>`. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    if (this.reflector.getAllAndOverride<boolean>(SUPPLIER_LINK_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
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
    if (!key) throw new Problem(401, 'Unauthorized', 'send an API key in X-Api-Key or Authorization: Bearer');
    const principal = this.config.apiKeys.get(key);
    if (!principal) throw new Problem(401, 'Unauthorized', 'unknown API key');
    return principal;
  }
}
