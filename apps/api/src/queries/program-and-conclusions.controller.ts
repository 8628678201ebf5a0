import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Period } from '@dd/domain';
import { GetManagementSystems, GetProductConclusions } from '@dd/engine';
import { z } from 'zod';
import { parseQuery } from './query-params';

const PeriodParams = z.object({ period: z.coerce.number().pipe(Period) }).strict();

/** A reporting year's management systems (OECD step 1) and its conclusion per product. */
@Controller()
export class ProgramAndConclusionsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('program')
  program(@Query() query: unknown) {
    return this.queryBus.execute(new GetManagementSystems(parseQuery(PeriodParams, query).period));
  }

  @Get('product-conclusions')
  productConclusions(@Query() query: unknown) {
    return this.queryBus.execute(new GetProductConclusions(parseQuery(PeriodParams, query).period));
  }
}
