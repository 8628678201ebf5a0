import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { EngineModule, READ_QUERIES, type EngineConfig, type EngineOptions } from '@dd/engine';
import { BulkTriageController } from './bulk-triage/bulk-triage.controller';
import { CmrtResponsesController } from './cmrt/cmrt-responses.controller';
import { CommandsController } from './commands/commands.controller';
import { DeclarationsController } from './declarations/declarations.controller';
import { DocsController } from './docs/docs.controller';
import { SwaggerUiController } from './docs-ui/swagger-ui.controller';
import { ApiKeyGuard } from './http/principal';
import { ProblemFilter } from './http/problem.filter';
import { ReadOnlyReplicaGuard } from './http/read-only-replica.guard';
import { HealthController } from './queries/health.controller';
import { OriginalsController } from './originals/originals.controller';
import { readEndpointsController } from './queries/read-endpoints.controller';
import { RiskReportController } from './reports/risk-report.controller';
import { CmrDraftController } from './reports/cmr-draft.controller';
import { EvidencePackController } from './reports/evidence-pack.controller';
import { AuditSealsController } from './audit/audit-seals.controller';
import { BrowserSessions } from './session/browser-sessions';
import { SessionController } from './session/session.controller';
import { SupplierImportController } from './supplier-import/supplier-import.controller';
import { SupplierPageController } from './supplier-page/supplier-page.controller';
import { SupplierPageFilter } from './supplier-page/supplier-page.filter';
import { SUPPLIER_PAGE_LIMITS, SupplierPageRateLimit } from './supplier-page/supplier-page.rate-limit';
import { SupplierPageResponder } from './supplier-page/supplier-page.responder';
import { DEFAULT_SUPPLIER_PAGE_LIMITS, type SupplierPageLimits } from './supplier-page/token-buckets';

/** The API's own options beside the engine's: the answer page's rate limits. */
export interface AppOptions extends EngineOptions {
  supplierPage?: Partial<SupplierPageLimits>;
}

@Module({})
export class AppModule {
  static forRoot(config: EngineConfig, options: AppOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [EngineModule.forRoot(config, options)],
      controllers: [
        CommandsController,
        readEndpointsController(READ_QUERIES),
        HealthController,
        DocsController,
        SwaggerUiController,
        CmrtResponsesController,
        OriginalsController,
        DeclarationsController,
        RiskReportController,
        CmrDraftController,
        EvidencePackController,
        AuditSealsController,
        SupplierPageController,
        SessionController,
        BulkTriageController,
        SupplierImportController,
      ],
      providers: [
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_GUARD, useClass: ReadOnlyReplicaGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: SUPPLIER_PAGE_LIMITS, useValue: { ...DEFAULT_SUPPLIER_PAGE_LIMITS, ...options.supplierPage } },
        SupplierPageRateLimit,
        SupplierPageResponder,
        SupplierPageFilter,
        BrowserSessions,
      ],
    };
  }
}
