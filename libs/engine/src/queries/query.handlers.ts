import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import {
  AuditTrailQueries,
  OecdStatusQueries,
  RiskRegisterQueries,
  SupplierQueries,
  type AuditEntry,
  auditTrailProjection,
  oecdStatusProjection,
  riskRegisterProjection,
  suppliersProjection,
  type AuditTrailPage,
  type AuditTrailQuery,
  type OecdPeriodStatus,
  type RiskEntry,
  type RiskRegisterQuery,
  type SupplierOverview,
} from '@dd/projections';
import type { EventStore } from '@dd/event-store';
import type { Database } from 'better-sqlite3';
import { ReadSide } from '../read-side';
import { CLOCK, EVENT_STORE, READ_MODEL_DB, type Clock } from '../tokens';
import { eventAt } from './event-evidence';

export class GetRiskRegister extends Query<RiskEntry[]> {
  constructor(readonly filter: RiskRegisterQuery) {
    super();
  }
}
/**
 * An audit trail entry with its payload and schema version, read from the log itself. Both are null
 * when the log no longer holds the event where the trail saw it (rows removed behind the store's
 * back: `audit verify` names the break).
 */
export interface AuditEntryWithData extends AuditEntry {
  data: unknown;
  schemaVersion: number | null;
}

export interface AuditTrailOptions {
  /** Add each event's payload (data) and schemaVersion, as stored in the log. */
  includeData?: boolean;
}

export class GetAuditTrail extends Query<AuditTrailPage & { items: Array<AuditEntry | AuditEntryWithData> }> {
  constructor(
    readonly filter: AuditTrailQuery,
    readonly options: AuditTrailOptions = {},
  ) {
    super();
  }
}
export class GetOecdStatus extends Query<OecdPeriodStatus> {
  constructor(readonly period: number) {
    super();
  }
}
export class GetSupplier extends Query<SupplierOverview | null> {
  constructor(readonly supplierId: string) {
    super();
  }
}

/* Each handler first lets the read side settle, so a read reflects every write acknowledged before it. */

@QueryHandler(GetRiskRegister)
export class GetRiskRegisterHandler implements IQueryHandler<GetRiskRegister> {
  private readonly queries: RiskRegisterQueries;
  constructor(@Inject(READ_MODEL_DB) db: Database, private readonly readSide: ReadSide) {
    this.queries = new RiskRegisterQueries(db);
  }
  async execute({ filter }: GetRiskRegister): Promise<RiskEntry[]> {
    await this.readSide.settled([riskRegisterProjection.name]);
    return this.queries.list(filter);
  }
}

@QueryHandler(GetAuditTrail)
export class GetAuditTrailHandler implements IQueryHandler<GetAuditTrail> {
  private readonly queries: AuditTrailQueries;
  constructor(
    @Inject(READ_MODEL_DB) db: Database,
    private readonly readSide: ReadSide,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {
    this.queries = new AuditTrailQueries(db);
  }
  async execute({ filter, options }: GetAuditTrail): Promise<AuditTrailPage & { items: Array<AuditEntry | AuditEntryWithData> }> {
    await this.readSide.settled([auditTrailProjection.name]);
    const page = this.queries.list(filter);
    if (!options.includeData) return page;
    // Payloads come from the log, not from a copy in the read model: what is shown is what is hashed.
    // By stream and version, which every store indexes (KurrentDB has no lookup by event id).
    const items: AuditEntryWithData[] = [];
    for (const entry of page.items) {
      const event = await eventAt(this.store, entry.streamId, entry.streamVersion, entry.eventId);
      items.push({ ...entry, data: event ? event.data : null, schemaVersion: event ? event.metadata.schemaVersion : null });
    }
    return { ...page, items };
  }
}

@QueryHandler(GetOecdStatus)
export class GetOecdStatusHandler implements IQueryHandler<GetOecdStatus> {
  private readonly queries: OecdStatusQueries;
  constructor(
    @Inject(READ_MODEL_DB) db: Database,
    private readonly readSide: ReadSide,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.queries = new OecdStatusQueries(db);
  }
  async execute({ period }: GetOecdStatus): Promise<OecdPeriodStatus> {
    await this.readSide.settled([oecdStatusProjection.name]);
    return this.queries.forPeriod(period, { today: this.clock.now().toISOString().slice(0, 10) });
  }
}

@QueryHandler(GetSupplier)
export class GetSupplierHandler implements IQueryHandler<GetSupplier> {
  private readonly queries: SupplierQueries;
  constructor(@Inject(READ_MODEL_DB) db: Database, private readonly readSide: ReadSide) {
    this.queries = new SupplierQueries(db);
  }
  async execute({ supplierId }: GetSupplier): Promise<SupplierOverview | null> {
    await this.readSide.settled([suppliersProjection.name]);
    return this.queries.get(supplierId);
  }
}

export const queryHandlers = [GetRiskRegisterHandler, GetAuditTrailHandler, GetOecdStatusHandler, GetSupplierHandler];
