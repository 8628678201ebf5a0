import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { EngineModule, READ_QUERIES, type EngineConfig, type EngineOptions } from '@dd/engine';
import { CmrtResponsesController } from './cmrt/cmrt-responses.controller';
import { CommandsController } from './commands/commands.controller';
import { DeclarationsController } from './declarations/declarations.controller';
import { DocsController } from './docs/docs.controller';
import { ApiKeyGuard } from './http/principal';
import { ProblemFilter } from './http/problem.filter';
import { ReadOnlyReplicaGuard } from './http/read-only-replica.guard';
import { HealthController } from './queries/health.controller';
import { OriginalsController } from './originals/originals.controller';
import { readEndpointsController } from './queries/read-endpoints.controller';
import { RiskReportController } from './reports/risk-report.controller';
import { CmrDraftController } from './reports/cmr-draft.controller';

@Module({})
export class AppModule {
  static forRoot(config: EngineConfig, options: EngineOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [EngineModule.forRoot(config, options)],
      controllers: [
        CommandsController,
        readEndpointsController(READ_QUERIES),
        HealthController,
        DocsController,
        CmrtResponsesController,
        OriginalsController,
        DeclarationsController,
        RiskReportController,
        CmrDraftController,
      ],
      providers: [
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_GUARD, useClass: ReadOnlyReplicaGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }
}
