import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CommandRefused, riskReportStream } from '@dd/domain';
import type { EventStore } from '@dd/event-store';
import { messageOf, PeriodQueries, periodsProjection } from '@dd/projections';
import type { Database } from 'better-sqlite3';
import type { EngineConfig } from '../config/engine-config';
import { dueDatesBetween, riskReportScheduleFromEnv } from '../config/risk-report-config';
import { ClockDrivenHealth } from '../process-managers/clock-driven-health';
import type { ProcessManagerStatus } from '../process-managers/process-manager-status';
import { ReadSide } from '../read-side';
import { CLOCK, ENGINE_CONFIG, EVENT_STORE, READ_MODEL_DB, type Clock } from '../tokens';
import { RiskReports, type IssuedRiskReport } from './risk-reports.service';

export const RISK_REPORT_INTERVAL_MS = Symbol('RiskReportIntervalMs');
/** Due dates are days: looking a few times an hour is plenty. */
export const DEFAULT_RISK_REPORT_INTERVAL_MS = 15 * 60 * 1000;
export const RISK_REPORT_ACTOR = 'system:risk-report-schedule';
/** How far back a tick looks for due dates not yet reported (a service that was down, a demo clock that jumped). */
const LOOK_BACK_DAYS = 366;

const dayBefore = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/**
 * Issues the management risk report by itself (DD_RISK_REPORT_SCHEDULE, default the first business day
 * of each quarter), on the ENGINE clock: every tick looks for due dates up to the engine clock's today
 * (within the last year) not yet reported. On a due date each reporting period open then gets a report
 * (a year's survey runs into the next year: in spring last year's period and this year's may both be
 * open; one opened after that day is not reported), as of the end of the day before, in HTML, to DD_RISK_REPORT_RECIPIENTS. Its id is
 * `scheduled-<due date>`, so a restart, a second tick or a second process records it once.
 */
@Injectable()
export class RiskReportScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RiskReportScheduler.name);
  private readonly health = new ClockDrivenHealth('risk-report-schedule');
  private readonly periods: PeriodQueries;
  private timer?: NodeJS.Timeout;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DB) db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
    @Inject(RISK_REPORT_INTERVAL_MS) private readonly intervalMs: number,
    private readonly readSide: ReadSide,
    private readonly reports: RiskReports,
  ) {
    this.periods = new PeriodQueries(db);
  }

  private get schedule() {
    return this.config.riskReports ?? riskReportScheduleFromEnv({});
  }

  onApplicationBootstrap(): void {
    if (this.intervalMs <= 0 || this.schedule.cron === null) return;
    // No pass at start: a process started for a moment (a CLI command, a test) issues nothing; the next tick catches up.
    this.timer = setInterval(
      () => this.tick().catch((error) => this.logger.error(`risk report schedule: ${messageOf(error)}`)),
      this.intervalMs,
    );
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running.catch(() => undefined);
  }

  status(): ProcessManagerStatus {
    return this.health.status(this.timer !== undefined);
  }

  /** One pass now (after any pass under way): the reports it recorded. Tests and operators call it after moving the clock. */
  tick(): Promise<IssuedRiskReport[]> {
    const pass = this.running.then(() => this.health.track(() => this.passOnce()));
    this.running = pass.catch(() => undefined);
    return pass;
  }

  private async passOnce(): Promise<IssuedRiskReport[]> {
    const { cron, recipients } = this.schedule;
    if (cron === null) return [];
    const today = this.clock.now().toISOString().slice(0, 10);
    const from = new Date(Date.parse(`${today}T00:00:00Z`) - LOOK_BACK_DAYS * 86_400_000).toISOString().slice(0, 10);
    const issued: IssuedRiskReport[] = [];
    for (const due of dueDatesBetween(cron, from, today)) {
      const asOfDay = dayBefore(due);
      const reportId = `scheduled-${due}`;
      await this.readSide.settled([periodsProjection.name]);
      const open = this.periods
        .list({ today })
        // Open now, and already open on the day the report stands at: no report of a year before it began.
        .filter((view) => view.status === 'open' && view.openedAt !== null && view.openedAt.slice(0, 10) <= asOfDay)
        .map((view) => view.period)
        .sort((a, b) => a - b);
      for (const period of open) {
        if (await this.alreadyIssued(period, reportId)) continue;
        try {
          const report = await this.reports.issue({
            period,
            asOf: { time: asOfDay },
            format: 'html',
            recipients,
            reportId,
            trigger: 'schedule',
            actor: RISK_REPORT_ACTOR,
          });
          this.logger.log(`issued the ${due} risk report for ${period} as of ${asOfDay}: ${report.file}`);
          issued.push(report);
        } catch (error) {
          // A period closed meanwhile: nothing to report on any more; anything else is the pass's failure.
          if (error instanceof CommandRefused) this.logger.warn(`the ${due} risk report for ${period} was refused: ${error.message}`);
          else throw error;
        }
      }
    }
    return issued;
  }

  private async alreadyIssued(period: number, reportId: string): Promise<boolean> {
    const events = await this.store.readStream(riskReportStream(period));
    return events.some((event) => (event.data as { reportId?: string }).reportId === reportId);
  }
}
