import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { BusinessTimeRefused, isPublicCommandName, PUBLIC_COMMAND_NAMES } from '@dd/domain';
import { DispatchCommand, type CommandResult, type Principal } from '@dd/engine';
import { CurrentPrincipal, Roles } from '../http/principal';
import { invalidRequest, Problem } from '../http/problem';
import { parseCommandRequest } from './command-request';

/** POST /commands/<CommandName>: every public command, validated by its zod schema. */
@Controller('commands')
export class CommandsController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':name')
  @HttpCode(201)
  @Roles('compliance', 'admin')
  async post(
    @Param('name') name: string,
    @Body() body: unknown,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') idempotencyKey?: string,
    @Headers('if-match') ifMatch?: string,
  ): Promise<CommandResult> {
    if (!isPublicCommandName(name)) {
      throw new Problem(404, 'Unknown command', `no command ${name}; commands are: ${PUBLIC_COMMAND_NAMES.join(', ')}`);
    }
    const request = parseCommandRequest(name, body, { idempotencyKey, ifMatch }, principal.name);
    try {
      return await this.commandBus.execute(
        new DispatchCommand(name, request.data, {
          commandId: request.commandId,
          actor: principal.name,
          expectedVersion: request.expectedVersion,
          ...(request.occurredAt !== undefined ? { occurredAt: request.occurredAt } : {}),
        }),
      );
    } catch (error) {
      // The dispatcher checks a stated business time against the row and the clock: an invalid field of the request.
      if (error instanceof BusinessTimeRefused) throw invalidRequest([{ path: 'occurredAt', message: error.reason }]);
      throw error;
    }
  }
}
