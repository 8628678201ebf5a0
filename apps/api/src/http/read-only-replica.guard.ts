import { CanActivate, ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { describeOwner, ENGINE_CONFIG, ReadSide, type EngineConfig } from '@dd/engine';
import type { Request } from 'express';
import { Problem } from './problem';

const READS = ['GET', 'HEAD', 'OPTIONS'];
const APPENDS_NOTHING = 'dd:appends-nothing';

/** A POST that records nothing in the log (signing in to the console): a replica answers it too. */
export const AppendsNothing = () => SetMetadata(APPENDS_NOTHING, true);

/**
 * A read-only replica (DD_READ_ONLY=1) answers reads only: every command is refused with 405 and the
 * server to send it to. It appends nothing, so it can never race the server that keeps the read models.
 */
@Injectable()
export class ReadOnlyReplicaGuard implements CanActivate {
  constructor(
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
    private readonly readSide: ReadSide,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (!this.config.readOnly) return true;
    const request = context.switchToHttp().getRequest<Request>();
    if (READS.includes(request.method)) return true;
    if (this.reflector.getAllAndOverride<boolean>(APPENDS_NOTHING, [context.getHandler(), context.getClass()])) return true;
    const owner = this.readSide.owner();
    throw new Problem(
      405,
      'Read-only replica',
      `this server is a read-only replica (DD_READ_ONLY=1) and records nothing; send commands to the server that keeps this data directory: ${owner ? describeOwner(owner) : 'none is running now'}`,
      undefined,
      { code: 'read-only-replica', ...(owner?.url ? { primary: owner.url } : {}) },
      { Allow: READS.join(', ') },
    );
  }
}
