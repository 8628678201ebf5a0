import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { createEventStore, type EventStore } from '@dd/event-store';
import {
  allProjections,
  messageOf,
  openReadModelDb,
  ProjectionRunner,
  SupplyChainQueries,
  supplyChainProjection,
  type RetryPolicy,
} from '@dd/projections';
import type { Database } from 'better-sqlite3';
import type { EngineConfig } from './config/engine-config';
import { readModelFile } from './read-model-file';
import { CampaignDispatcherProcessManager } from './process-managers/campaign-dispatcher.process-manager';
import {
  DEFAULT_REMINDER_INTERVAL_MS,
  REMINDER_INTERVAL_MS,
  REMINDER_SLICE,
  ReminderSchedulerProcessManager,
} from './process-managers/reminder-scheduler.process-manager';
import { DEFAULT_PASS_SLICE } from './process-managers/pass-slices';
import { CommandDispatcher, DispatchCommandHandler, SELECT_SUPPLIERS, type SelectSuppliers } from './commands/command-dispatcher';
import { StreamCommandExecutor } from './commands/stream-command-executor';
import { ReferenceListCache } from './commands/reference-list.cache';
import { RiskFromFindingsProcessManager } from './process-managers/risk-from-findings.process-manager';
import { GrievanceRiskProcessManager } from './process-managers/grievance-risk.process-manager';
import { SmelterRiskProcessManager } from './process-managers/smelter-risk.process-manager';
import { DEFAULT_ESCALATION_INTERVAL_MS, OverdueMitigationProcessManager } from './process-managers/overdue-mitigation.process-manager';
import { ReadQueries } from './reads/read-queries.service';
import { OutboxProcessManager } from './process-managers/outbox.process-manager';
import { DEFAULT_OUTBOX_SENDER_OPTIONS, OUTBOX_SENDER_OPTIONS, OutboxSender, type OutboxSenderOptions } from './outreach/outbox-sender';
import { ReadSide } from './read-side';
import { SupplierLinks, supplierLinksFor } from './outreach/supplier-link';
import { SupplierAnswers } from './outreach/supplier-answers';
import { LOG_SEAL_INTERVAL_MS, LogSealer } from './audit/log-sealer';
import { DEFAULT_SEAL_INTERVAL_MS } from './config/seal-config';
import type { ReadModelOwnership } from './ownership/read-model-ownership';
import type { ReadModelRole } from './ownership/read-model-role';
import { DEFAULT_RISK_REPORT_INTERVAL_MS, RISK_REPORT_INTERVAL_MS, RiskReportScheduler } from './reports/risk-report-scheduler';
import { RiskReports } from './reports/risk-reports.service';
import { CmrDrafts } from './reports/cmr-drafts.service';
import { CLOCK, ENGINE_CONFIG, EVENT_STORE, READ_MODEL_DB, READ_MODEL_ROLE, systemClock, type Clock } from './tokens';
import { ORIGINALS_STORE } from './originals/originals-store';
import { originalsStoreFor } from './originals/originals-store-for';

export interface EngineOptions {
  clock?: Clock;
  /**
   * How often the reminder scheduler ticks by itself (default every minute; it also ticks on start).
   * 0: never by itself, only when tick() is called (CLI commands, tests that move the clock).
   */
  reminderIntervalMs?: number;
  /**
   * How often overdue mitigation plans are looked for (ms; default 15 minutes). 0: only on start and
   * when OverdueMitigationProcessManager.scan() is called (tests that move the clock do that).
   */
  escalationIntervalMs?: number;
  /**
   * Rows a clock-driven pass (reminders, overdue mitigations) looks at before it lets the event loop
   * serve requests (default 200; process-managers/pass-slices.ts).
   */
  passSlice?: number;
  /** How often the risk report schedule looks for due dates (ms; default 15 minutes). 0: only when RiskReportScheduler.tick() is called. */
  riskReportIntervalMs?: number;
  /** How often the log is sealed (ms); default DD_SEAL_INTERVAL_HOURS, else daily. 0: only when LogSealer.seal() is called. */
  sealIntervalMs?: number;
  /**
   * 'own' (default): this process keeps the read models and runs the process managers; pass the
   * ownership (ReadModelOwnership.claim) so that no other process does at the same time.
   * 'follow': another process keeps them; this one appends to the log and reads them read-only
   * (see ReadModelRole).
   */
  readModels?: 'own' | 'follow';
  ownership?: ReadModelOwnership;
  /** How projections and process managers retry a failed batch (defaults: DEFAULT_RETRY_POLICY). */
  retry?: Partial<RetryPolicy>;
  /**
   * Bounded start (a server): the engine boots without waiting for the read models and process managers
   * to catch up with the log; until they have, reads that need them are refused (ReadModelsUnavailable,
   * catching up) and /health says how far they are. Default false: boot waits (CLI commands).
   */
  startInBackground?: boolean;
  /**
   * Own mode: run the process managers (default true). false: they stay where their checkpoints are,
   * for the next process that runs them to catch up (`projections rebuild`: on a read-model file whose
   * process managers are behind, it would otherwise wait for them to read the whole log and send what
   * they derive from it, which is not a rebuild's job).
   */
  processManagers?: boolean;
  /** How the outbox sender paces itself and backs off (defaults: DEFAULT_OUTBOX_SENDER_OPTIONS); intervalMs 0: only OutboxSender.send(). */
  outbox?: Partial<OutboxSenderOptions>;
}

export { readModelFile };

/** The due-diligence engine: command side, read side and process managers, for any store. */
@Module({})
export class EngineModule {
  static forRoot(config: EngineConfig, options: EngineOptions = {}): DynamicModule {
    const file = readModelFile(config);
    const role: ReadModelRole = {
      mode: options.readModels ?? 'own',
      file: file === ':memory:' ? null : file,
      ownership: options.ownership,
      retry: options.retry,
      background: options.startInBackground,
      processManagers: options.processManagers,
    };
    const follows = role.mode === 'follow';
    return {
      module: EngineModule,
      global: true,
      imports: [CqrsModule.forRoot()],
      providers: [
        { provide: ENGINE_CONFIG, useValue: config },
        { provide: CLOCK, useValue: options.clock ?? systemClock },
        { provide: READ_MODEL_ROLE, useValue: role },
        // A follower runs no process manager by itself; `reminders run` still ticks the scheduler on demand.
        { provide: REMINDER_INTERVAL_MS, useValue: follows ? 0 : (options.reminderIntervalMs ?? DEFAULT_REMINDER_INTERVAL_MS) },
        { provide: REMINDER_SLICE, useValue: options.passSlice ?? DEFAULT_PASS_SLICE },
        {
          provide: EVENT_STORE,
          useFactory: () =>
            createEventStore({ kind: config.eventStore, dataDir: config.dataDir, connectionString: config.kurrentConnectionString }),
        },
        { provide: READ_MODEL_DB, useFactory: () => openReadModelDb(file, { readonly: follows }) },
        { provide: ORIGINALS_STORE, useFactory: () => originalsStoreFor(config) },
        {
          provide: ProjectionRunner,
          useFactory: (store: EventStore, db: Database) =>
            new ProjectionRunner(store, db, allProjections, {
              retry: options.retry,
              history: config.readModelHistory ?? true,
              onError: (error) => new Logger(ProjectionRunner.name).error(`stopped: ${messageOf(error)}`),
            }),
          inject: [EVENT_STORE, READ_MODEL_DB],
        },
        StreamCommandExecutor,
        ReferenceListCache,
        CommandDispatcher,
        {
          provide: SELECT_SUPPLIERS,
          // The read side is looked up when a campaign is launched: it starts the process managers, which send through the dispatcher.
          useFactory: (modules: ModuleRef, db: Database): SelectSuppliers => {
            const supplyChain = new SupplyChainQueries(db);
            return async (selection) => {
              await modules.get(ReadSide, { strict: false }).settled([supplyChainProjection.name]);
              return supplyChain.select(selection);
            };
          },
          inject: [ModuleRef, READ_MODEL_DB],
        },
        RiskFromFindingsProcessManager,
        GrievanceRiskProcessManager,
        SmelterRiskProcessManager,
        {
          provide: OverdueMitigationProcessManager,
          useFactory: (db: Database, clock: Clock, projections: ProjectionRunner, commands: CommandDispatcher) =>
            new OverdueMitigationProcessManager(
              db,
              clock,
              projections,
              commands,
              options.escalationIntervalMs ?? DEFAULT_ESCALATION_INTERVAL_MS,
              options.passSlice ?? DEFAULT_PASS_SLICE,
            ),
          inject: [READ_MODEL_DB, CLOCK, ProjectionRunner, CommandDispatcher],
        },
        CampaignDispatcherProcessManager,
        ReminderSchedulerProcessManager,
        OutboxProcessManager,
        // Like the scheduler, only the process that keeps the data directory sends.
        {
          provide: OUTBOX_SENDER_OPTIONS,
          useValue: { ...DEFAULT_OUTBOX_SENDER_OPTIONS, ...options.outbox, ...(follows ? { intervalMs: 0 } : {}) },
        },
        // One instance: the outbox makes links and the answer page checks them with the same key.
        { provide: SupplierLinks, useFactory: () => supplierLinksFor(config) },
        SupplierAnswers,
        OutboxSender,
        // Like the process managers, only the process that keeps the data directory seals on a schedule.
        {
          provide: LOG_SEAL_INTERVAL_MS,
          useValue: follows ? 0 : (options.sealIntervalMs ?? config.seal?.intervalMs ?? DEFAULT_SEAL_INTERVAL_MS),
        },
        LogSealer,
        { provide: RISK_REPORT_INTERVAL_MS, useValue: follows ? 0 : (options.riskReportIntervalMs ?? DEFAULT_RISK_REPORT_INTERVAL_MS) },
        RiskReports,
        RiskReportScheduler,
        CmrDrafts,
        ReadSide,
        DispatchCommandHandler,
        ReadQueries,
      ],
      exports: [
        ENGINE_CONFIG,
        CLOCK,
        EVENT_STORE,
        ORIGINALS_STORE,
        READ_MODEL_DB,
        READ_MODEL_ROLE,
        ProjectionRunner,
        ReadSide,
        ReadQueries,
        StreamCommandExecutor,
        CommandDispatcher,
        ReminderSchedulerProcessManager,
        OverdueMitigationProcessManager,
        LogSealer,
        RiskReports,
        RiskReportScheduler,
        OutboxSender,
        CmrDrafts,
        SupplierLinks,
        SupplierAnswers,
      ],
    };
  }
}
