import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { EntityId, Metal, Period, RMAP_STATUSES, SmelterId } from '@dd/domain';
import { GetSmelter, GetSmelterConformance, GetSmelters, GetUnresolvedSmelterRows } from '@dd/engine';
import { z } from 'zod';
import { Problem } from '../http/problem';
import { parseQuery } from './query-params';

const PeriodParam = z.coerce.number().pipe(Period);

const SmelterListParams = z
  .object({
    period: PeriodParam.optional(),
    metal: Metal.optional(),
    /** An RMAP status, or not-enrolled: not on the status list. */
    status: z.enum([...RMAP_STATUSES, 'not-enrolled']).optional(),
  })
  .strict();

const UnresolvedParams = z.object({ period: PeriodParam, supplierId: EntityId.optional() }).strict();
const ConformanceParams = z.object({ period: PeriodParam }).strict();

/**
 * The smelter register: smelters our suppliers name, their RMAP status now and before, who names
 * them; the rows nobody could place; and the step-4 share of RMAP-conformant smelters per metal.
 * The fixed paths come before /smelters/:cid so that they are not taken for a CID.
 */
@Controller('smelters')
export class SmeltersController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  list(@Query() query: unknown) {
    return this.queryBus.execute(new GetSmelters(parseQuery(SmelterListParams, query)));
  }

  @Get('unresolved')
  unresolved(@Query() query: unknown) {
    return this.queryBus.execute(new GetUnresolvedSmelterRows(parseQuery(UnresolvedParams, query)));
  }

  @Get('conformance')
  conformance(@Query() query: unknown) {
    return this.queryBus.execute(new GetSmelterConformance(parseQuery(ConformanceParams, query).period));
  }

  @Get(':cid')
  async smelter(@Param('cid') cid: string) {
    const smelterId = cid.toUpperCase();
    if (!SmelterId.safeParse(smelterId).success) throw new Problem(404, 'Not found', `${cid} is not an RMI smelter id (CID and 6 digits)`);
    const smelter = await this.queryBus.execute(new GetSmelter(smelterId));
    if (!smelter) throw new Problem(404, 'Not found', `no smelter ${smelterId} on the imported lists or in any response`);
    return smelter;
  }
}
