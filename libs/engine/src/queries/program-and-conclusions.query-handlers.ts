import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import {
  ProductConclusionQueries,
  ProgramQueries,
  productConclusionsProjection,
  programProjection,
  type ManagementSystems,
  type ProductConclusionEntry,
  type ProductConclusionSummary,
} from '@dd/projections';
import type { Database } from 'better-sqlite3';
import { ReadSide } from '../read-side';
import { READ_MODEL_DB } from '../tokens';

/* The year's management systems (OECD step 1) and its product conclusions. Each settles the read side first. */

export class GetManagementSystems extends Query<ManagementSystems> {
  constructor(readonly period: number) {
    super();
  }
}
export class GetProductConclusions extends Query<{ summary: ProductConclusionSummary; products: ProductConclusionEntry[] }> {
  constructor(readonly period: number) {
    super();
  }
}

@QueryHandler(GetManagementSystems)
export class GetManagementSystemsHandler implements IQueryHandler<GetManagementSystems> {
  private readonly queries: ProgramQueries;
  constructor(@Inject(READ_MODEL_DB) db: Database, private readonly readSide: ReadSide) {
    this.queries = new ProgramQueries(db);
  }
  async execute({ period }: GetManagementSystems): Promise<ManagementSystems> {
    await this.readSide.settled([programProjection.name]);
    return this.queries.forPeriod(period);
  }
}

@QueryHandler(GetProductConclusions)
export class GetProductConclusionsHandler implements IQueryHandler<GetProductConclusions> {
  private readonly queries: ProductConclusionQueries;
  constructor(@Inject(READ_MODEL_DB) db: Database, private readonly readSide: ReadSide) {
    this.queries = new ProductConclusionQueries(db);
  }
  async execute({ period }: GetProductConclusions) {
    await this.readSide.settled([productConclusionsProjection.name]);
    const products = this.queries.forPeriod(period);
    return { summary: this.queries.summary(period), products };
  }
}

export const programAndConclusionQueryHandlers = [GetManagementSystemsHandler, GetProductConclusionsHandler];
