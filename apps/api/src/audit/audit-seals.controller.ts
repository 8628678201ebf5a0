import { Controller, Get, Inject } from '@nestjs/common';
import { ENGINE_CONFIG, EVENT_STORE, keptSeals, type EngineConfig, type KeptSeals } from '@dd/engine';
import type { EventStore } from '@dd/event-store';

/**
 * GET /audit/seals (every principal): the seals kept under <data dir>/seals, newest first, and how
 * many events the newest does not cover yet. Each seal file is checked on its own (shape, signature),
 * never against the log: a full verify is long at scale, so it is `audit verify`'s, not a request's.
 */
@Controller('audit')
export class AuditSealsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
  ) {}

  @Get('seals')
  async seals(): Promise<KeptSeals> {
    return keptSeals(this.config.dataDir, await this.store.headPosition());
  }
}
