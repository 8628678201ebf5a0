import { Controller, Get, Query, Res } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Period } from '@dd/domain';
import { DeclarationUnavailable, ENGINE_CONFIG, OurDeclarations, XLSX_CONTENT_TYPE, type EngineConfig, type Principal } from '@dd/engine';
import type { Response } from 'express';
import { CurrentPrincipal, Roles } from '../http/principal';
import { fieldProblems, invalidRequest, Problem } from '../http/problem';

/**
 * GET /declarations/cmrt?period=<year> and GET /declarations/emrt?period=<year>: our CMRT or EMRT for
 * our customers as an .xlsx download. Issuing is recorded (CustomerDeclarationIssued with the file's
 * SHA-256 and family) before the bytes are sent, so every file a customer holds can be traced to the
 * records it was made from.
 */
@Controller('declarations')
export class DeclarationsController {
  constructor(private readonly modules: ModuleRef) {}

  @Get('cmrt')
  @Roles('compliance', 'admin')
  async cmrt(@Query('period') periodText: unknown, @CurrentPrincipal() principal: Principal, @Res() response: Response): Promise<void> {
    await this.issue('cmrt', periodText, principal, response);
  }

  @Get('emrt')
  @Roles('compliance', 'admin')
  async emrt(@Query('period') periodText: unknown, @CurrentPrincipal() principal: Principal, @Res() response: Response): Promise<void> {
    await this.issue('emrt', periodText, principal, response);
  }

  private async issue(family: 'cmrt' | 'emrt', periodText: unknown, principal: Principal, response: Response): Promise<void> {
    const text = typeof periodText === 'string' ? periodText : '';
    const period = Period.safeParse(/^\d{4}$/.test(text) ? Number(text) : Number.NaN);
    if (!period.success) {
      throw invalidRequest(
        text === '' ? [{ path: 'period', message: 'required: the reporting year, e.g. 2026' }] : fieldProblems(period.error, ['period']),
        'expected ?period=<year>',
      );
    }
    // Issuing appends CustomerDeclarationIssued: a read-only replica records nothing (as it refuses commands).
    if (this.modules.get<symbol, EngineConfig>(ENGINE_CONFIG, { strict: false }).readOnly) {
      throw new Problem(
        405,
        'Read-only replica',
        'this server is a read-only replica (DD_READ_ONLY=1) and records nothing; issuing a declaration records it: ask the server that keeps this data directory',
        undefined,
        { code: 'read-only-replica' },
      );
    }
    try {
      const declarations = OurDeclarations.of(this.modules);
      const request = { period: period.data, actor: principal.name };
      const issued = family === 'cmrt' ? await declarations.issueCmrt(request) : await declarations.issueEmrt(request);
      response
        .status(200)
        .set({
          'Content-Type': XLSX_CONTENT_TYPE,
          'Content-Disposition': `attachment; filename="${issued.fileName}"`,
          'Content-Length': String(issued.bytes.byteLength),
          'X-Declaration-SHA256': issued.sha256,
          'X-Event-Id': issued.command.eventIds[0] ?? '',
        })
        .end(Buffer.from(issued.bytes));
    } catch (error) {
      if (error instanceof DeclarationUnavailable) {
        throw new Problem(error.status, error.status === 409 ? 'Not configured' : 'Declaration not possible', error.message, undefined, {
          code: error.code,
        });
      }
      throw error;
    }
  }
}
