import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import {
  RiskRegisterQueries,
  SmelterRegisterQueries,
  riskRegisterProjection,
  smelterRegisterProjection,
  type MetalConformance,
  type RiskDetail,
  type SmelterEntry,
  type SmelterListQuery,
  type UnresolvedSmelterRow,
} from '@dd/projections';
import type { Database } from 'better-sqlite3';
import { ReadSide } from '../read-side';
import { READ_MODEL_DB } from '../tokens';

export class GetRisk extends Query<RiskDetail | null> {
  constructor(readonly riskId: string) {
    super();
  }
}
export class GetSmelters extends Query<SmelterEntry[]> {
  constructor(readonly filter: SmelterListQuery) {
    super();
  }
}
export class GetSmelter extends Query<SmelterEntry | null> {
  constructor(readonly smelterId: string) {
    super();
  }
}
export class GetUnresolvedSmelterRows extends Query<UnresolvedSmelterRow[]> {
  constructor(readonly filter: { period: number; supplierId?: string }) {
    super();
  }
}
export class GetSmelterConformance extends Query<MetalConformance[]> {
  constructor(readonly period: number) {
    super();
  }
}

/* As in query.handlers.ts: each handler lets the read side settle first (read your writes). */

@QueryHandler(GetRisk)
export class GetRiskHandler implements IQueryHandler<GetRisk> {
  private readonly queries: RiskRegisterQueries;
  constructor(@Inject(READ_MODEL_DB) db: Database, private readonly readSide: ReadSide) {
    this.queries = new RiskRegisterQueries(db);
  }
  async execute({ riskId }: GetRisk): Promise<RiskDetail | null> {
    await this.readSide.settled([riskRegisterProjection.name]);
    return this.queries.get(riskId);
  }
}

@QueryHandler(GetSmelters)
export class GetSmeltersHandler implements IQueryHandler<GetSmelters> {
  private readonly queries: SmelterRegisterQueries;
  constructor(@Inject(READ_MODEL_DB) db: Database, private readonly readSide: ReadSide) {
    this.queries = new SmelterRegisterQueries(db);
  }
  async execute({ filter }: GetSmelters): Promise<SmelterEntry[]> {
    await this.readSide.settled([smelterRegisterProjection.name]);
    return this.queries.list(filter);
  }
}

@QueryHandler(GetSmelter)
export class GetSmelterHandler implements IQueryHandler<GetSmelter> {
  private readonly queries: SmelterRegisterQueries;
  constructor(@Inject(READ_MODEL_DB) db: Database, private readonly readSide: ReadSide) {
    this.queries = new SmelterRegisterQueries(db);
  }
  async execute({ smelterId }: GetSmelter): Promise<SmelterEntry | null> {
    await this.readSide.settled([smelterRegisterProjection.name]);
    return this.queries.get(smelterId);
  }
}

@QueryHandler(GetUnresolvedSmelterRows)
export class GetUnresolvedSmelterRowsHandler implements IQueryHandler<GetUnresolvedSmelterRows> {
  private readonly queries: SmelterRegisterQueries;
  constructor(@Inject(READ_MODEL_DB) db: Database, private readonly readSide: ReadSide) {
    this.queries = new SmelterRegisterQueries(db);
  }
  async execute({ filter }: GetUnresolvedSmelterRows): Promise<UnresolvedSmelterRow[]> {
    await this.readSide.settled([smelterRegisterProjection.name]);
    return this.queries.unresolved(filter);
  }
}

@QueryHandler(GetSmelterConformance)
export class GetSmelterConformanceHandler implements IQueryHandler<GetSmelterConformance> {
  private readonly queries: SmelterRegisterQueries;
  constructor(@Inject(READ_MODEL_DB) db: Database, private readonly readSide: ReadSide) {
    this.queries = new SmelterRegisterQueries(db);
  }
  async execute({ period }: GetSmelterConformance): Promise<MetalConformance[]> {
    await this.readSide.settled([smelterRegisterProjection.name]);
    return this.queries.conformanceByMetal(period);
  }
}

export const riskAndSmelterQueryHandlers = [
  GetRiskHandler,
  GetSmeltersHandler,
  GetSmelterHandler,
  GetUnresolvedSmelterRowsHandler,
  GetSmelterConformanceHandler,
];
