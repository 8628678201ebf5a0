import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import {
  CampaignQueries,
  PeriodQueries,
  SupplyChainQueries,
  campaignProjection,
  periodsProjection,
  supplyChainProjection,
  type CampaignView,
  type PeriodCampaignFigures,
  type PeriodView,
  type ProductLineView,
  type ProductView,
  type SupplierProfile,
  type SupplierProfileQuery,
} from '@dd/projections';
import type { Database } from 'better-sqlite3';
import { ReadSide } from '../read-side';
import { CLOCK, READ_MODEL_DB, type Clock } from '../tokens';

/* The reporting year's reads: periods, campaigns, products, supplier profiles. Each settles the read side first. */

export class GetPeriod extends Query<PeriodView> {
  constructor(readonly period: number) {
    super();
  }
}
export class GetCampaignFigures extends Query<PeriodCampaignFigures> {
  constructor(readonly period: number) {
    super();
  }
}
export class GetCampaign extends Query<CampaignView | null> {
  constructor(readonly campaignId: string) {
    super();
  }
}
export class GetProducts extends Query<ProductView[]> {
  constructor(readonly filter: { productLine?: string } = {}) {
    super();
  }
}
export class GetProduct extends Query<ProductView | null> {
  constructor(readonly productId: string) {
    super();
  }
}
export class GetProductLines extends Query<ProductLineView[]> {}
export class GetSupplierProfiles extends Query<SupplierProfile[]> {
  constructor(readonly filter: SupplierProfileQuery = {}) {
    super();
  }
}

/** "Today" by the engine clock, which tests and the demo year move. */
const today = (clock: Clock) => clock.now().toISOString().slice(0, 10);

@QueryHandler(GetPeriod)
export class GetPeriodHandler implements IQueryHandler<GetPeriod> {
  private readonly queries: PeriodQueries;
  constructor(@Inject(READ_MODEL_DB) db: Database, private readonly readSide: ReadSide, @Inject(CLOCK) private readonly clock: Clock) {
    this.queries = new PeriodQueries(db);
  }
  async execute({ period }: GetPeriod): Promise<PeriodView> {
    await this.readSide.settled([periodsProjection.name]);
    return this.queries.get(period, { today: today(this.clock) });
  }
}

@QueryHandler(GetCampaignFigures)
export class GetCampaignFiguresHandler implements IQueryHandler<GetCampaignFigures> {
  private readonly queries: CampaignQueries;
  constructor(@Inject(READ_MODEL_DB) db: Database, private readonly readSide: ReadSide, @Inject(CLOCK) private readonly clock: Clock) {
    this.queries = new CampaignQueries(db);
  }
  async execute({ period }: GetCampaignFigures): Promise<PeriodCampaignFigures> {
    await this.readSide.settled([campaignProjection.name]);
    return this.queries.forPeriod(period, { today: today(this.clock) });
  }
}

@QueryHandler(GetCampaign)
export class GetCampaignHandler implements IQueryHandler<GetCampaign> {
  private readonly queries: CampaignQueries;
  constructor(@Inject(READ_MODEL_DB) db: Database, private readonly readSide: ReadSide, @Inject(CLOCK) private readonly clock: Clock) {
    this.queries = new CampaignQueries(db);
  }
  async execute({ campaignId }: GetCampaign): Promise<CampaignView | null> {
    await this.readSide.settled([campaignProjection.name]);
    return this.queries.campaign(campaignId, { today: today(this.clock) });
  }
}

@QueryHandler(GetProducts)
export class GetProductsHandler implements IQueryHandler<GetProducts> {
  private readonly queries: SupplyChainQueries;
  constructor(@Inject(READ_MODEL_DB) db: Database, private readonly readSide: ReadSide) {
    this.queries = new SupplyChainQueries(db);
  }
  async execute({ filter }: GetProducts): Promise<ProductView[]> {
    await this.readSide.settled([supplyChainProjection.name]);
    return this.queries.products(filter);
  }
}

@QueryHandler(GetProduct)
export class GetProductHandler implements IQueryHandler<GetProduct> {
  private readonly queries: SupplyChainQueries;
  constructor(@Inject(READ_MODEL_DB) db: Database, private readonly readSide: ReadSide) {
    this.queries = new SupplyChainQueries(db);
  }
  async execute({ productId }: GetProduct): Promise<ProductView | null> {
    await this.readSide.settled([supplyChainProjection.name]);
    return this.queries.product(productId);
  }
}

@QueryHandler(GetProductLines)
export class GetProductLinesHandler implements IQueryHandler<GetProductLines> {
  private readonly queries: SupplyChainQueries;
  constructor(@Inject(READ_MODEL_DB) db: Database, private readonly readSide: ReadSide) {
    this.queries = new SupplyChainQueries(db);
  }
  async execute(): Promise<ProductLineView[]> {
    await this.readSide.settled([supplyChainProjection.name]);
    return this.queries.productLines();
  }
}

@QueryHandler(GetSupplierProfiles)
export class GetSupplierProfilesHandler implements IQueryHandler<GetSupplierProfiles> {
  private readonly queries: SupplyChainQueries;
  constructor(@Inject(READ_MODEL_DB) db: Database, private readonly readSide: ReadSide) {
    this.queries = new SupplyChainQueries(db);
  }
  async execute({ filter }: GetSupplierProfiles): Promise<SupplierProfile[]> {
    await this.readSide.settled([supplyChainProjection.name]);
    return this.queries.suppliers(filter);
  }
}

export const reportingYearQueryHandlers = [
  GetPeriodHandler,
  GetCampaignFiguresHandler,
  GetCampaignHandler,
  GetProductsHandler,
  GetProductHandler,
  GetProductLinesHandler,
  GetSupplierProfilesHandler,
];
