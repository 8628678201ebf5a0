import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { CommandRefused, periodOfRiskId } from '@dd/domain';
import {
  messageOf,
  PeriodQueries,
  RiskRegisterQueries,
  riskRegisterProjection,
  type OverdueMitigation,
  type ProjectionRunner,
} from '@dd/projections';
import type { Database } from 'better-sqlite3';
import type { CommandDispatcher } from '../commands/command-dispatcher';
import type { Clock } from '../tokens';
import { ClockDrivenHealth } from './clock-driven-health';
import { COMMANDS_PER_SLICE, DEFAULT_PASS_SLICE, yieldToEventLoop } from './pass-slices';
import type { ProcessManagerStatus } from './process-manager-status';

export const ESCALATION_ACTOR = 'system:mitigation-escalation';
/** Due dates are days: looking a few times an hour is plenty. */
export const DEFAULT_ESCALATION_INTERVAL_MS = 15 * 60 * 1000;

/**
 * "Actions past their due date escalate." Driven by the clock, not by events: on start and on every
 * tick it asks the risk register for dates of current mitigation plans that passed (by the engine's
 * Clock) with the plan or action neither done nor escalated, and sends EscalateOverdueMitigation for
 * each. The register may lag the log a little; the risk decider judges against the risk's own stream,
 * so a stale row can only lead to a no-op. Command ids are derived from the risk, the plan revision and
 * the target, so a second tick before the register caught up appends nothing new. Risks of a closed
 * reporting year are left alone (their records no longer change) instead of being refused every tick.
 */
export class OverdueMitigationProcessManager implements OnApplicationShutdown {
  private readonly logger = new Logger(OverdueMitigationProcessManager.name);
  private readonly queries: RiskRegisterQueries;
  private readonly periods: PeriodQueries;
  private timer?: NodeJS.Timeout;
  private running: Promise<unknown> = Promise.resolve();
  private started = false;
  private readonly health = new ClockDrivenHealth('overdue-mitigation');

  constructor(
    db: Database,
    private readonly clock: Clock,
    private readonly projections: ProjectionRunner,
    private readonly commands: CommandDispatcher,
    /** 0 or less: no timer (scan() only, e.g. in tests that move the clock themselves). */
    private readonly intervalMs: number = DEFAULT_ESCALATION_INTERVAL_MS,
    /** Risks looked at per slice of a scan, the event loop let go between slices. */
    private readonly sliceSize: number = DEFAULT_PASS_SLICE,
  ) {
    this.queries = new RiskRegisterQueries(db);
    this.periods = new PeriodQueries(db);
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.tick();
    if (this.intervalMs > 0) {
      this.timer = setInterval(() => this.tick(), this.intervalMs);
      // A pending tick must not keep a CLI run alive.
      this.timer.unref();
    }
  }

  /**
   * One scan now (after any scan under way): resolves with the number of escalations appended.
   * What a tick does; tests and operators call it after moving the clock.
   */
  scan(): Promise<number> {
    const scan = this.running.then(() => (this.started ? this.health.track(() => this.scanOnce()) : 0));
    this.running = scan.catch(() => undefined);
    return scan;
  }

  private tick(): void {
    this.scan().catch((error) => this.logger.error(`escalation scan failed: ${messageOf(error)}`));
  }

  status(): ProcessManagerStatus {
    return this.health.status(this.started && this.timer !== undefined);
  }

  /** Resolves when no scan is under way. */
  async idle(): Promise<void> {
    await this.running;
  }

  async stop(): Promise<void> {
    this.started = false;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /** Goes through the overdue plans a slice at a time (keyset on due date, risk id), letting the event loop go between slices. */
  private async scanOnce(): Promise<number> {
    await this.projections.caughtUp([riskRegisterProjection.name]);
    const today = this.clock.now().toISOString().slice(0, 10);
    let escalated = 0;
    const closed = new Map<number, boolean>();
    let after: [string, string] | null = null;
    for (;;) {
      const slice = this.queries.overdueSlice(today, { limit: this.sliceSize, after });
      let sent = 0;
      for (const overdue of slice.overdue) {
        const period = periodOfRiskId(overdue.riskId);
        if (period !== null) {
          if (!closed.has(period)) closed.set(period, this.periods.isClosed(period));
          if (closed.get(period)) continue;
        }
        if (++sent % COMMANDS_PER_SLICE === 0) await yieldToEventLoop();
        if (await this.escalate(overdue)) escalated++;
      }
      if (slice.last === null) break;
      after = slice.last;
      await yieldToEventLoop();
    }
    return escalated;
  }

  /** Sends EscalateOverdueMitigation for one passed date: true when it appended an escalation. */
  private async escalate(overdue: OverdueMitigation): Promise<boolean> {
    const target = overdue.actionIndex === undefined ? 'plan' : `action-${overdue.actionIndex}`;
    try {
      const result = await this.commands.dispatch(
        'EscalateOverdueMitigation',
        {
          riskId: overdue.riskId,
          revision: overdue.revision,
          ...(overdue.actionIndex !== undefined ? { actionIndex: overdue.actionIndex } : {}),
        },
        { commandId: `escalation/${overdue.riskId}/${overdue.revision}/${target}/${overdue.dueDate}`, actor: ESCALATION_ACTOR },
      );
      return result.eventIds.length > 0 && !result.duplicate;
    } catch (error) {
      // Closed meanwhile, or not overdue by the stream's own reckoning: nothing to escalate.
      if (!(error instanceof CommandRefused)) throw error;
      this.logger.debug(`no escalation for ${overdue.riskId} (${error.code})`);
      return false;
    }
  }
}
