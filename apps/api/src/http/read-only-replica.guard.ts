import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { describeOwner, ENGINE_CONFIG, ReadSide, type EngineConfig } from '@dd/engine';
import type { Request } from 'express';
import { Problem } from './problem';

const READS = ['GET', 'HEAD', 'OPTIONS'];

/**
 * A read-only replica (DD_READ_ONLY=1) answers reads only: every command is refused with 405 and the
 * server to send it to. It appends nothing, so it can never race the server that keeps the read models.
 */
@Injectable()
export class ReadOnlyReplicaGuard implements CanActivate {
  constructor(
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
    private readonly readSide: ReadSide,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (!this.config.readOnly) return true;
    const request = context.switchToHttp().getRequest<Request>();
    if (READS.includes(request.method)) return true;
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
