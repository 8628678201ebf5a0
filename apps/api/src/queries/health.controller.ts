import { Controller, Get, Inject } from '@nestjs/common';
import { allProjections, ProjectionRunner } from '@dd/projections';
import { EVENT_STORE } from '@dd/engine';
import type { EventStore } from '@dd/event-store';
import { Public } from '../http/principal';

@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionRunner,
  ) {}

  /** Liveness plus how far each read model trails the log (a lagging projection shows here). */
  @Get()
  @Public()
  async health() {
    const head = await this.store.headPosition();
    return {
      status: 'ok',
      store: this.store.kind,
      headPosition: head,
      projections: Object.fromEntries(allProjections.map((p) => [p.name, { position: this.projections.position(p.name), behind: head - this.projections.position(p.name) }])),
    };
  }
}
