import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { EventStore } from '@dd/event-store';
import { ProjectionRunner, ReadModelsUnavailable, type ProjectionStatus } from '@dd/projections';
import type { Database, Statement } from 'better-sqlite3';
import { RiskFromFindingsProcessManager } from './process-managers/risk-from-findings.process-manager';
import { GrievanceRiskProcessManager } from './process-managers/grievance-risk.process-manager';
import { OverdueMitigationProcessManager } from './process-managers/overdue-mitigation.process-manager';
import { SmelterRiskProcessManager } from './process-managers/smelter-risk.process-manager';
import { CampaignDispatcherProcessManager } from './process-managers/campaign-dispatcher.process-manager';
import { OutboxProcessManager } from './process-managers/outbox.process-manager';
import type { LogProcessManager } from './process-managers/log-process-manager';
import { ProcessManagerCatchUp } from './process-managers/process-manager-catch-up';
import type { ProcessManagerStatus } from './process-managers/process-manager-status';
import { describeOwner, ReadModelOwnership, type ReadModelOwner } from './ownership/read-model-ownership';
import type { ReadModelRole } from './ownership/read-model-role';
import { EVENT_STORE, READ_MODEL_DB, READ_MODEL_ROLE } from './tokens';

/** How long a read waits for the projections before answering with what they have. */
const SETTLE_DEADLINE_MS = 5000;
/** How often a process that follows another's read models looks at their checkpoints while it waits. */
const FOLLOW_POLL_MS = 20;

/** A read model as the read side sees it, with how far it trails the log. */
export type ReadModelStatus = ProjectionStatus & { behind: number };

export interface ReadSideStatus {
  mode: ReadModelRole['mode'];
  headPosition: number;
  projections: ReadModelStatus[];
  /** The log-driven process managers (the clock-driven ones report themselves). */
  processManagers: ProcessManagerStatus[];
  /** Follow mode: the process keeping the read models, null when none is running. */
  owner?: ReadModelOwner | null;
}

/**
 * Starts the consumers of the log (projections, process managers) when the engine boots, stops
 * them on shutdown, and gives reads "read your writes": a query first waits until everything
 * acknowledged before it, and everything the process managers derived from that, is projected.
 *
 * In follow mode (see ReadModelRole) it starts nothing: another process keeps the read models, and a
 * read waits until that process's checkpoints (read from the database) reach the log's head.
 */
@Injectable()
export class ReadSide implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReadSide.name);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) private readonly db: Database,
    @Inject(READ_MODEL_ROLE) private readonly role: ReadModelRole,
    private readonly projections: ProjectionRunner,
    private readonly riskFromFindings: RiskFromFindingsProcessManager,
    private readonly grievanceRisks: GrievanceRiskProcessManager,
    private readonly smelterRisks: SmelterRiskProcessManager,
    private readonly overdueMitigations: OverdueMitigationProcessManager,
    private readonly campaignDispatcher: CampaignDispatcherProcessManager,
    private readonly outbox: OutboxProcessManager,
  ) {
    projections.addStateListener(() => this.publishFailures());
  }

  /** Settles once the process managers are started (see onApplicationBootstrap). */
  private processManagersStarted: Promise<void> = Promise.resolve();
  /** The one shared read that brings the process managers behind the log up to its head. */
  private processManagerCatchUp?: ProcessManagerCatchUp;
  private shuttingDown = false;
  private checkpointQuery?: Statement;

  /** The process managers fed from the log, each with its own checkpoint. */
  private get logProcessManagers(): LogProcessManager[] {
    return [this.riskFromFindings, this.grievanceRisks, this.smelterRisks, this.campaignDispatcher, this.outbox];
  }

  get mode(): ReadModelRole['mode'] {
    return this.role.mode;
  }

  /**
   * Starts the projections and process managers. A server starts them in the background (role.background,
   * see docs/bounded-start.md): it listens at once, nothing here reads the whole log, and reads of the
   * read models still catching up are refused with how far they are; a CLI command waits for them.
   */
  async onApplicationBootstrap(): Promise<void> {
    if (this.role.mode === 'follow') return;
    const background = this.role.background === true;
    await this.projections.start({ background });
    if (this.role.processManagers === false) {
      this.role.ownership?.publish({ state: 'running' });
      return;
    }
    // Process managers send through the CommandDispatcher, which needs no Nest wiring to be ready: they start at once.
    for (const processManager of this.logProcessManagers) processManager.onStateChange = () => this.publishFailures();
    this.processManagerCatchUp = new ProcessManagerCatchUp(
      this.store,
      this.logProcessManagers,
      this.role.retry,
      undefined,
      this.projections.replayed(),
    );
    // A CLI command's reads wait until what the process managers derive from the whole log is there; a server's do not.
    if (!background) this.processManagersStarted = this.processManagerCatchUp.finished();
    // Escalations are looked for on the risk register as it is: once it is whole.
    this.whenReplayed(() => this.overdueMitigations.start());
    this.role.ownership?.publish({ state: 'running' });
  }

  /**
   * Runs `start` once the read models are whole: at once, or when a start in the background has
   * replayed them (not if the engine is shutting down by then). For scheduled passes that read them:
   * their first pass would otherwise be refused, and they would report failing until the next one.
   */
  whenReplayed(start: () => void): void {
    if (!this.projections.catchingUp) return start();
    void this.projections.replayed().then(() => {
      if (!this.shuttingDown) start();
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.shuttingDown = true;
    if (this.role.mode === 'own') {
      await this.processManagersStarted.catch(() => undefined);
      await this.overdueMitigations.stop();
      for (const processManager of this.logProcessManagers) await processManager.stop();
      // The projections first: the shared catch-up may be waiting for their replay to end.
      await this.projections.stop();
      await this.processManagerCatchUp?.stop();
    }
    await this.store.close();
    this.db.close();
    // Last: until the read models are closed, they are still ours.
    this.role.ownership?.release();
  }

  /**
   * Resolves when the named read models (all by default) and the process managers have handled the
   * whole log as it stood. Throws ReadModelsUnavailable when one of the named read models is stopped,
   * or is still not caught up after a few seconds because it is retrying or because nobody keeps it.
   */
  async settled(needs: readonly string[] = this.projections.names): Promise<void> {
    if (this.role.mode === 'follow') return this.followerSettled(needs);
    await this.processManagersStarted;
    const deadline = Date.now() + SETTLE_DEADLINE_MS;
    while (Date.now() < deadline) {
      // A stopped read model is refused at once, before waiting for anything.
      const stopped = needs.map((name) => this.projections.status(name)).filter((status) => status.state === 'stopped');
      if (stopped.length > 0) throw new ReadModelsUnavailable(await this.withLag(stopped));
      const head = await this.store.headPosition();
      let done = true;
      for (const processManager of this.logProcessManagers) done = done && (await within(processManager.caughtUp(), deadline));
      // Throws at once for a stopped read model; waits (within the deadline) for one that is retrying.
      done = done && (await within(this.projections.caughtUp(needs), deadline));
      // An escalation scan under way appends; it is waited for like a process manager.
      done = done && (await within(this.overdueMitigations.idle(), deadline));
      // A process manager may have appended while we waited; settle again until nothing moves.
      if (done && (await this.store.headPosition()) === head) return;
    }
    const failing = needs.map((name) => this.projections.status(name)).filter((status) => status.state !== 'running');
    if (failing.length > 0) throw new ReadModelsUnavailable(await this.withLag(failing));
    this.logger.warn(`read models still catching up after ${SETTLE_DEADLINE_MS} ms; answering with what they have`);
  }

  /** Where every read model and process manager stands. */
  async status(): Promise<ReadSideStatus> {
    const headPosition = await this.store.headPosition();
    if (this.role.mode === 'own') {
      return {
        mode: 'own',
        headPosition,
        projections: this.projections.statuses().map((status) => ({ ...status, behind: Math.max(0, headPosition - status.position) })),
        processManagers: this.logProcessManagers.map((processManager) => processManager.status()),
      };
    }
    const owner = this.owner();
    const positions = this.checkpoints();
    const reported = new Map((owner?.failing?.projections ?? []).map((status) => [status.name, status]));
    const reportedManagers = new Map((owner?.failing?.processManagers ?? []).map((status) => [status.name, status]));
    return {
      mode: 'follow',
      headPosition,
      projections: this.projections.names.map((name) => {
        const position = positions.get(name) ?? 0;
        const status = reported.get(name) ?? { name, state: 'running' as const };
        return { ...status, position, behind: Math.max(0, headPosition - position) };
      }),
      processManagers: this.logProcessManagers.map((processManager) => {
        const position = positions.get(`process-manager:${processManager.name}`) ?? 0;
        const status = reportedManagers.get(processManager.name) ?? {
          name: processManager.name,
          driver: 'log' as const,
          state: owner ? ('running' as const) : ('off' as const),
        };
        return { ...status, position };
      }),
      owner,
    };
  }

  /** The process keeping the read models (follow mode; in own mode, this one). */
  owner(): ReadModelOwner | null {
    if (this.role.ownership) return this.role.ownership.description;
    return this.role.file ? ReadModelOwnership.currentOwner(this.role.file) : null;
  }

  /** Follow mode: waits until the owner's checkpoints reach the log's head, as the owner's own reads do. */
  private async followerSettled(needs: readonly string[]): Promise<void> {
    const deadline = Date.now() + SETTLE_DEADLINE_MS;
    // Reads that need everything (a CLI command waiting for what its commands set off) wait for the process managers too.
    const everything = needs.length === this.projections.names.length;
    for (;;) {
      const owner = this.owner();
      this.assertOwnerServes(owner, needs);
      const stoppedManagers = new Set((owner?.failing?.processManagers ?? []).filter((pm) => pm.state === 'stopped').map((pm) => pm.name));
      const awaited = [
        ...needs,
        ...(everything
          ? this.logProcessManagers.filter((pm) => !stoppedManagers.has(pm.name)).map((pm) => `process-manager:${pm.name}`)
          : []),
      ];
      const head = await this.store.headPosition();
      const positions = this.checkpoints();
      if (awaited.every((name) => (positions.get(name) ?? 0) >= head) && (await this.store.headPosition()) === head) return;
      if (Date.now() >= deadline) {
        if (owner) {
          this.logger.warn(
            `the read models kept by ${describeOwner(owner)} are still catching up after ${SETTLE_DEADLINE_MS} ms; answering with what they have`,
          );
          return;
        }
        const lagging = (await this.status()).projections.filter((status) => needs.includes(status.name) && status.behind > 0);
        throw new ReadModelsUnavailable(
          lagging,
          `no server keeps the read models up to date (none is running on this data directory); ${lagging.map((status) => `${status.name} is ${status.behind} event(s) behind`).join(', ')}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, FOLLOW_POLL_MS));
    }
  }

  /** The owner said it stopped one of these read models, or is rebuilding them: reads are refused at once. */
  private assertOwnerServes(owner: ReadModelOwner | null, needs: readonly string[]): void {
    if (!owner) return;
    if (owner.state === 'rebuilding') {
      throw new ReadModelsUnavailable(
        needs.map((name) => ({ name, state: 'stopped' as const, position: 0, error: 'being rebuilt' })),
        `the read models are being rebuilt by ${describeOwner(owner)}`,
      );
    }
    const stopped = (owner.failing?.projections ?? []).filter((status) => status.state === 'stopped' && needs.includes(status.name));
    if (stopped.length > 0) throw new ReadModelsUnavailable(stopped);
    // The owner is still replaying them since it started: not waited for (it may take minutes), refused at once.
    const catchingUp = (owner.failing?.projections ?? []).filter((status) => status.state === 'catching-up' && needs.includes(status.name));
    if (catchingUp.length > 0) {
      const positions = this.checkpoints();
      throw new ReadModelsUnavailable(
        catchingUp.map((status) => ({ ...status, position: positions.get(status.name) ?? status.position })),
        `read model${catchingUp.length === 1 ? '' : 's'} ${catchingUp.map((status) => status.name).join(', ')} still catching up with the log since ${describeOwner(owner)} started; try again shortly`,
      );
    }
  }

  /** Checkpoints by name, as committed in the read-model database. */
  private checkpoints(): Map<string, number> {
    this.checkpointQuery ??= this.db.prepare('SELECT name, position FROM checkpoints');
    const rows = this.checkpointQuery.all() as Array<{ name: string; position: number }>;
    return new Map(rows.map((row) => [row.name, row.position]));
  }

  private async withLag(statuses: ProjectionStatus[]): Promise<ReadModelStatus[]> {
    const head = await this.store.headPosition();
    return statuses.map((status) => ({ ...status, behind: Math.max(0, head - status.position) }));
  }

  /** Tells the processes that read these read models what is failing (the owner file). */
  private publishFailures(): void {
    this.role.ownership?.publish({
      failing: {
        projections: this.projections.statuses().filter((status) => status.state !== 'running'),
        processManagers: this.logProcessManagers
          .map((pm) => pm.status())
          .filter((status) => status.state === 'retrying' || status.state === 'stopped'),
      },
    });
  }
}

/** Whether the promise settled before the deadline (its rejection is passed on). */
async function within(promise: Promise<unknown>, deadline: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([promise.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
