import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { EntityId, Period, SupplierTier } from '@dd/domain';
import { GetCampaign, GetCampaignFigures, GetPeriod, GetProduct, GetProductLines, GetProducts, GetSupplierProfiles } from '@dd/engine';
import { z } from 'zod';
import { Problem } from '../http/problem';
import { parseQuery } from './query-params';

const PeriodParam = z.coerce.number().pipe(Period);

const CampaignFiguresParams = z.object({ period: PeriodParam }).strict();
const ProductParams = z.object({ productLine: z.string().trim().min(1).max(200).optional() }).strict();
const SupplierListParams = z.object({ tier: SupplierTier.optional(), status: z.enum(['active', 'inactive']).optional() }).strict();

/** The reporting year: periods and their Form SD deadline, survey campaigns, products, the supplier base. */
@Controller()
export class ReportingYearController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('periods/:period')
  period(@Param('period') period: string) {
    return this.queryBus.execute(new GetPeriod(parseQuery(z.object({ period: PeriodParam }), { period }).period));
  }

  @Get('campaigns')
  campaigns(@Query() query: unknown) {
    return this.queryBus.execute(new GetCampaignFigures(parseQuery(CampaignFiguresParams, query).period));
  }

  @Get('campaigns/:campaignId')
  async campaign(@Param('campaignId') campaignId: string) {
    const campaign = EntityId.safeParse(campaignId).success ? await this.queryBus.execute(new GetCampaign(campaignId)) : null;
    if (!campaign) throw new Problem(404, 'Not found', `no campaign ${campaignId}`);
    return campaign;
  }

  @Get('products')
  products(@Query() query: unknown) {
    return this.queryBus.execute(new GetProducts(parseQuery(ProductParams, query)));
  }

  @Get('product-lines')
  productLines() {
    return this.queryBus.execute(new GetProductLines());
  }

  @Get('products/:productId')
  async product(@Param('productId') productId: string) {
    const product = await this.queryBus.execute(new GetProduct(productId));
    if (!product) throw new Problem(404, 'Not found', `no product ${productId}`);
    return product;
  }

  @Get('suppliers')
  suppliers(@Query() query: unknown) {
    return this.queryBus.execute(new GetSupplierProfiles(parseQuery(SupplierListParams, query)));
  }
}
