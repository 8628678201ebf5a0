import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { Problem } from '../http/problem';
import { TokenBuckets, type SupplierPageLimits } from './token-buckets';

export const SUPPLIER_PAGE_LIMITS = Symbol('SupplierPageLimits');

/**
 * Limits the answer page per token and per client address before anything is read (the upload body
 * included): 429 with Retry-After. The address is the connection's (Express `trust proxy` is not set,
 * so a client cannot choose it with X-Forwarded-For).
 */
@Injectable()
export class SupplierPageRateLimit implements CanActivate {
  private readonly perToken: TokenBuckets;
  private readonly perIp: TokenBuckets;

  constructor(@Inject(SUPPLIER_PAGE_LIMITS) limits: SupplierPageLimits) {
    this.perToken = new TokenBuckets(limits.perTokenBurst, limits.perTokenPerMinute);
    this.perIp = new TokenBuckets(limits.perIpBurst, limits.perIpPerMinute);
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    const token = String(request.params.token ?? '').slice(0, 2048);
    const wait = Math.max(this.perIp.take(request.socket.remoteAddress ?? 'unknown'), this.perToken.take(token));
    if (wait > 0) {
      throw new Problem(429, 'Too many requests', `wait ${wait} s`, undefined, { code: 'rate-limited' }, { 'Retry-After': String(wait) });
    }
    return true;
  }
}
