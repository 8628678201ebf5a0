import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import {
  AuditTrailQueries,
  OecdStatusQueries,
  RiskRegisterQueries,
  SupplierQueries,
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
import type { Database } from 'better-sqlite3';
import { ReadSide } from '../read-side';
import { CLOCK, READ_MODEL_DB, type Clock } from '../tokens';

export class GetRiskRegister extends Query<RiskEntry[]> {
  constructor(readonly filter: RiskRegisterQuery) {
    super();
  }
}
export class GetAuditTrail extends Query<AuditTrailPage> {
  constructor(readonly filter: AuditTrailQuery) {
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
  constructor(@Inject(READ_MODEL_DB) db: Database, private readonly readSide: ReadSide) {
    this.queries = new AuditTrailQueries(db);
  }
  async execute({ filter }: GetAuditTrail): Promise<AuditTrailPage> {
    await this.readSide.settled([auditTrailProjection.name]);
    return this.queries.list(filter);
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
