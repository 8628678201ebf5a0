import { Body, Controller, Headers, HttpCode, Logger, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DispatchCommand, type CommandResult, type Principal } from '@dd/engine';
import { CurrentPrincipal, Roles } from '../http/principal';
import { toProblem } from '../http/problem.filter';
import { parseBulkTriage, type TriageCommand } from './bulk-triage.request';
import type { BulkTriageAnswer, RiskTriageOutcome } from './bulk-triage.document';

/**
 * POST /risks/bulk: the console's triage of a selection. Nothing is decided here: each risk's command
 * goes through the one dispatch path, as if posted on its own, so its decider, the closed-period
 * rule and idempotency apply to it alone.
 */
@Controller('risks')
export class BulkTriageController {
  private readonly logger = new Logger('BulkTriage');

  constructor(private readonly commandBus: CommandBus) {}

  @Post('bulk')
  @HttpCode(200)
  @Roles('compliance', 'admin')
  async triage(
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<BulkTriageAnswer> {
    const triage = parseBulkTriage(body, principal.name, idempotencyKey);
    const results: RiskTriageOutcome[] = [];
    // One after another: the risks are separate streams, but a busy store is better met by one writer.
    for (const command of triage.commands) {
      results.push(await this.decide(command, principal, triage.correlationId));
    }
    const count = (status: RiskTriageOutcome['status']) => results.filter((result) => result.status === status).length;
    return {
      bulkId: triage.bulkId,
      action: triage.action,
      counts: { ok: count('ok'), refused: count('refused'), failed: count('failed') },
      results,
    };
  }

  private async decide(command: TriageCommand, principal: Principal, correlationId: string): Promise<RiskTriageOutcome> {
    try {
      const result: CommandResult = await this.commandBus.execute(
        new DispatchCommand(command.name, command.data, { commandId: command.commandId, actor: principal.name, correlationId }),
      );
      return { riskId: command.riskId, status: 'ok', eventIds: result.eventIds, ...(result.duplicate ? { duplicate: true } : {}) };
    } catch (error) {
      const problem = toProblem(error);
      // 422: the domain said no (or the bulk id was used for another triage); anything else left the risk undecided.
      const refused = problem.status === 422;
      if (problem.status >= 500 && problem.status !== 503) this.logger.error(error instanceof Error ? error.stack : String(error));
      const code = typeof problem.extra?.code === 'string' ? problem.extra.code : refused ? undefined : 'failed';
      return {
        riskId: command.riskId,
        status: refused ? 'refused' : 'failed',
        eventIds: [],
        ...(code ? { code } : {}),
        reason: problem.detail ?? problem.title,
      };
    }
  }
}
