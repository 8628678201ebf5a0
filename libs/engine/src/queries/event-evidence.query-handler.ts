import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { EventStore } from '@dd/event-store';
import { AuditTrailQueries } from '@dd/projections';
import type { Database } from 'better-sqlite3';
import { ReadSide } from '../read-side';
import { EVENT_STORE, READ_MODEL_DB } from '../tokens';
import { eventEvidence, type EventEvidence } from './event-evidence';

/** One event of the log with its payload, links and the verification of its stream (GET /events/:id, `audit event`). */
export class GetEvent extends Query<EventEvidence | null> {
  constructor(readonly eventId: string) {
    super();
  }
}

@QueryHandler(GetEvent)
export class GetEventHandler implements IQueryHandler<GetEvent> {
  private readonly auditTrail: AuditTrailQueries;
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) db: Database,
    private readonly readSide: ReadSide,
  ) {
    this.auditTrail = new AuditTrailQueries(db);
  }
  async execute({ eventId }: GetEvent): Promise<EventEvidence | null> {
    // The links to the events it caused come from the audit trail: let it catch up first.
    await this.readSide.settled();
    return eventEvidence(this.store, this.auditTrail, eventId);
  }
}
