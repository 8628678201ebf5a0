import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { EventStore } from '@dd/event-store';
import { commandHandlersRegistered } from './commands/command-handlers-ready';
import { ProjectionRunner } from '@dd/projections';
import type { Database } from 'better-sqlite3';
import { RiskFromFindingsProcessManager } from './process-managers/risk-from-findings.process-manager';
import { GrievanceRiskProcessManager } from './process-managers/grievance-risk.process-manager';
import { OverdueMitigationProcessManager } from './process-managers/overdue-mitigation.process-manager';
import { SmelterRiskProcessManager } from './process-managers/smelter-risk.process-manager';
import { CampaignDispatcherProcessManager } from './process-managers/campaign-dispatcher.process-manager';
import type { LogProcessManager } from './process-managers/log-process-manager';
import { EVENT_STORE, READ_MODEL_DB } from './tokens';

/** How long a read waits for the projections before answering with what they have. */
const SETTLE_DEADLINE_MS = 5000;

/**
 * Starts the consumers of the log (projections, process managers) when the engine boots, stops
 * them on shutdown, and gives reads "read your writes": a query first waits until everything
 * acknowledged before it, and everything the process managers derived from that, is projected.
 */
@Injectable()
export class ReadSide implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReadSide.name);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) private readonly db: Database,
    private readonly projections: ProjectionRunner,
    private readonly riskFromFindings: RiskFromFindingsProcessManager,
    private readonly grievanceRisks: GrievanceRiskProcessManager,
    private readonly smelterRisks: SmelterRiskProcessManager,
    private readonly overdueMitigations: OverdueMitigationProcessManager,
    private readonly campaignDispatcher: CampaignDispatcherProcessManager,
    private readonly commandBus: CommandBus,
  ) {}

  /** Settles once the process managers are started (see onApplicationBootstrap). */
  private processManagersStarted: Promise<void> = Promise.resolve();

  /** The process managers fed from the log, each with its own checkpoint. */
  private get logProcessManagers(): LogProcessManager[] {
    return [this.riskFromFindings, this.grievanceRisks, this.smelterRisks, this.campaignDispatcher];
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.projections.start();
    // Process managers send commands as soon as they replay; the CQRS module registers the handlers
    // only after this hook (commandHandlersRegistered), so they start once it has. settled() waits for it.
    this.processManagersStarted = commandHandlersRegistered(this.commandBus).then(() => {
      for (const processManager of this.logProcessManagers) processManager.start();
      this.overdueMitigations.start();
    });
    this.processManagersStarted.catch((error) => this.logger.error(`process managers not started: ${String(error)}`));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.processManagersStarted.catch(() => undefined);
    await this.overdueMitigations.stop();
    for (const processManager of this.logProcessManagers) await processManager.stop();
    await this.projections.stop();
    await this.store.close();
    this.db.close();
  }

  /** Resolves when projections and process managers have handled the whole log as it stood. */
  async settled(): Promise<void> {
    await this.processManagersStarted;
    const deadline = Date.now() + SETTLE_DEADLINE_MS;
    while (Date.now() < deadline) {
      const head = await this.store.headPosition();
      for (const processManager of this.logProcessManagers) await processManager.caughtUp();
      await this.projections.caughtUp();
      // An escalation scan under way appends; it is waited for like a process manager.
      await this.overdueMitigations.idle();
      // A process manager may have appended while we waited; settle again until nothing moves.
      if ((await this.store.headPosition()) === head) return;
    }
    this.logger.warn(`read models still catching up after ${SETTLE_DEADLINE_MS} ms; answering with what they have`);
  }
}
