import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { EntityId, Period, RiskCategory, RiskSeverity } from '@dd/domain';
import { GetAuditTrail, GetOecdStatus, GetRisk, GetRiskRegister, GetSupplier } from '@dd/engine';
import { RISK_STATUSES } from '@dd/projections';
import { z } from 'zod';
import { Problem } from '../http/problem';
import { parseQuery } from './query-params';
import { EventIdListParam } from './event-id-param';

const PeriodParam = z.coerce.number().pipe(Period);
const IsoTimeOrDate = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

const RiskRegisterParams = z
  .object({
    period: PeriodParam,
    status: z.enum(RISK_STATUSES).optional(),
    supplierId: EntityId.optional(),
    category: RiskCategory.optional(),
    severity: RiskSeverity.optional(),
  })
  .strict();

const AuditTrailParams = z
  .object({
    supplierId: z.string().min(1).optional(),
    streamId: z.string().min(1).optional(),
    type: z.string().min(1).optional(),
    actor: z.string().min(1).optional(),
    from: IsoTimeOrDate.optional(),
    to: IsoTimeOrDate.optional(),
    limit: z.coerce.number().int().min(1).max(1000).optional(),
    after: z.coerce.number().int().min(0).optional(),
    eventId: EventIdListParam.optional(),
    include: z.literal('data', { error: 'the only thing to include is data' }).optional(),
  })
  .strict();

const OecdParams = z.object({ period: PeriodParam }).strict();

/** GETs on the read models. Every principal (auditors included) may read. */
@Controller()
export class ReadModelsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('risk-register')
  riskRegister(@Query() query: unknown) {
    return this.queryBus.execute(new GetRiskRegister(parseQuery(RiskRegisterParams, query)));
  }

  /** One risk with its whole history (every event: who, when, what), the findings behind it, its plan and closure. */
  @Get('risk-register/:riskId')
  async risk(@Param('riskId') riskId: string) {
    const risk = await this.queryBus.execute(new GetRisk(riskId));
    if (!risk) throw new Problem(404, 'Not found', `no risk ${riskId}`);
    return risk;
  }

  @Get('audit-trail')
  auditTrail(@Query() query: unknown) {
    const { eventId, include, ...filter } = parseQuery(AuditTrailParams, query);
    return this.queryBus.execute(new GetAuditTrail({ ...filter, eventIds: eventId }, { includeData: include === 'data' }));
  }

  @Get('oecd-status')
  oecdStatus(@Query() query: unknown) {
    return this.queryBus.execute(new GetOecdStatus(parseQuery(OecdParams, query).period));
  }

  @Get('suppliers/:id')
  async supplier(@Param('id') id: string) {
    const supplier = await this.queryBus.execute(new GetSupplier(id));
    if (!supplier) throw new Problem(404, 'Not found', `no supplier ${id}`);
    return supplier;
  }
}
