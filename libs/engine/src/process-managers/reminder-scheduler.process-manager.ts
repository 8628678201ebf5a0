import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CommandRefused, daysUntil, DEFAULT_SEVERITY, SURVEY_FAMILY_LABELS, UNASSIGNED_OWNER, type SurveyFamily } from '@dd/domain';
import { CampaignQueries, campaignProjection, messageOf, PeriodQueries, periodsProjection, type OpenRequest } from '@dd/projections';
import { IdempotencyKeyReusedError } from '@dd/event-store';
import type { Database } from 'better-sqlite3';
import type { CommandMetadata, CommandResult } from '../commands/command-metadata';
import { CommandDispatcher } from '../commands/command-dispatcher';
import { ReadSide } from '../read-side';
import { CLOCK, READ_MODEL_DB, type Clock } from '../tokens';
import { ClockDrivenHealth } from './clock-driven-health';
import { COMMANDS_PER_SLICE, yieldToEventLoop } from './pass-slices';
import type { ProcessManagerStatus } from './process-manager-status';

export const REMINDER_ACTOR = 'system:reminders';
/** Reminder days are whole days: looking once a minute is plenty, and cheap (one indexed read). */
export const DEFAULT_REMINDER_INTERVAL_MS = 60_000;
/** Injection token of the scheduler's interval (EngineOptions.reminderIntervalMs). */
export const REMINDER_INTERVAL_MS = Symbol('ReminderIntervalMs');
/** Injection token of the open requests a pass looks at per slice (EngineOptions.passSlice). */
export const REMINDER_SLICE = Symbol('ReminderSlice');

/** What one tick sent: commands that appended something (repeats the store had already seen are not counted). */
export interface ReminderTickResult {
  /** The engine clock's now the tick judged by. */
  now: string;
  /** Unanswered requests looked at. */
  openRequests: number;
  /** Of those, requests of closed periods: left alone (nothing is sent for a closed year). */
  inClosedPeriods: number;
  reminders: number;
  escalations: number;
  risks: number;
  /** Slices the pass went through, the event loop let go between each (pass-slices.ts). */
  slices: number;
}

/** The command ids that make a tick restart-safe: each names one reminder / escalation / risk for good. */
/** An EMRT request's ids name the family; a CMRT request's are as they were before the EMRT. */
const surveyKey = (r: OpenRequest) => `${r.period}/${r.supplierId}${r.family === 'cmrt' ? '' : `/${r.family}`}`;
export const reminderCommandIds = {
  reminder: (r: OpenRequest, n: number) => `reminder/${surveyKey(r)}/${r.requestNumber}/${n}`,
  escalation: (r: OpenRequest) => `escalate/${surveyKey(r)}/${r.requestNumber}`,
  risk: (r: OpenRequest) => `non-response/${surveyKey(r)}/${r.requestNumber}`,
};

/**
 * Chases unanswered CMRT requests by the period's policy. Driven by the clock, not by events: on start,
 * every minute, and whenever tick() is called (tests, `cli reminders run`), it reads the unanswered
 * requests from the campaign read model (after the read side settled) and, by the engine Clock:
 *
 * - sends the reminders now due: reminder n is due `reminderDays[n-1]` calendar days after the request
 *   was sent (default 14 and 28 when the period was never opened);
 * - once every reminder went out and the due date has passed: escalates the request to the supplier's
 *   owner (EscalateNonResponse) and raises a non-response risk (RaiseRisk, category 'non-response').
 *
 * Nothing is kept in memory between ticks. Each command's id names what it is for good (reminder n of
 * request r, the escalation of request r, its risk), so a second tick, a tick of another process on the
 * same store, or a tick after a restart sends nothing twice: the store answers a known commandId with its
 * first result. The risk is re-issued on every tick while an escalated request stays unanswered, so a
 * crash between the escalation and the risk is repaired by the next tick (the repeat appends nothing).
 *
 * Requests of a closed period are left alone (its records no longer change) and counted in the tick's
 * result, rather than tried and refused every minute.
 */
@Injectable()
export class ReminderSchedulerProcessManager implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReminderSchedulerProcessManager.name);
  private readonly requests: CampaignQueries;
  private readonly periods: PeriodQueries;
  private timer?: NodeJS.Timeout;
  /** Ticks run one after another: the interval's and a direct call's never interleave. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly health = new ClockDrivenHealth('reminder-scheduler');

  constructor(
    @Inject(READ_MODEL_DB) db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(REMINDER_INTERVAL_MS) private readonly intervalMs: number,
    @Inject(REMINDER_SLICE) private readonly sliceSize: number,
    private readonly readSide: ReadSide,
    private readonly commands: CommandDispatcher,
  ) {
    this.requests = new CampaignQueries(db);
    this.periods = new PeriodQueries(db);
  }

  /** Nest calls this after the read side started (the scheduler depends on it). */
  onApplicationBootstrap(): void {
    // A server starting in the background: the first tick once the read models are whole.
    this.readSide.whenReplayed(() => this.start());
  }

  /** Ticks now and every interval; an interval of 0 or less schedules nothing (tick() only). */
  start(): void {
    if (this.timer || this.intervalMs <= 0) return;
    this.timer = setInterval(() => this.tickInBackground(), this.intervalMs);
    // A pending tick must not keep a process (a CLI run, a test) alive.
    this.timer.unref();
    this.tickInBackground();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.queue;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /** One pass over the unanswered requests now (after any pass under way). */
  tick(): Promise<ReminderTickResult> {
    const tick = this.queue.then(() => this.health.track(() => this.runTick()));
    this.queue = tick.catch(() => undefined);
    return tick;
  }

  status(): ProcessManagerStatus {
    return this.health.status(this.timer !== undefined);
  }

  private tickInBackground(): void {
    this.tick().catch((error) => this.logger.error(`reminder tick failed: ${messageOf(error)}`));
  }

  /**
   * Goes through the open requests a slice at a time (keyset on period, supplier, family), letting the
   * event loop serve requests between slices and every few commands: a pass over tens of thousands of
   * requests never holds the API.
   */
  private async runTick(): Promise<ReminderTickResult> {
    await this.readSide.settled([campaignProjection.name, periodsProjection.name]);
    const now = this.clock.now();
    const today = now.toISOString().slice(0, 10);
    const result: ReminderTickResult = {
      now: now.toISOString(),
      openRequests: 0,
      inClosedPeriods: 0,
      reminders: 0,
      escalations: 0,
      risks: 0,
      slices: 0,
    };
    const pass: Pass = { today, result, reminderDays: new Map(), closed: new Map(), sentInSlice: 0 };
    let after: OpenRequest | null = null;
    for (;;) {
      const slice = this.requests.openRequests(
        {},
        { limit: this.sliceSize, after: after && [after.period, after.supplierId, after.family] },
      );
      if (slice.length === 0) break;
      result.slices++;
      result.openRequests += slice.length;
      pass.sentInSlice = 0;
      for (const request of slice) await this.chase(request, pass);
      after = slice[slice.length - 1];
      if (slice.length < this.sliceSize) break;
      await yieldToEventLoop();
    }
    if (result.reminders + result.escalations + result.risks > 0) {
      this.logger.log(
        `${today}: ${result.reminders} reminder(s), ${result.escalations} escalation(s), ${result.risks} non-response risk(s)`,
      );
    }
    return result;
  }

  /** Sends what one open request is due: its reminders, then its escalation and non-response risk. */
  private async chase(request: OpenRequest, pass: Pass): Promise<void> {
    const { result, today } = pass;
    if (!pass.closed.has(request.period)) pass.closed.set(request.period, this.periods.isClosed(request.period));
    if (pass.closed.get(request.period)) {
      result.inClosedPeriods++;
      return;
    }
    if (!pass.reminderDays.has(request.period)) pass.reminderDays.set(request.period, this.periods.reminderDays(request.period));
    const days = pass.reminderDays.get(request.period) as readonly number[];
    const daysSinceSent = daysUntil(today, request.sentAt.slice(0, 10));
    const due = days.filter((day) => day <= daysSinceSent).length;
    let reminded = request.remindersSent;
    for (let n = request.remindersSent + 1; n <= due; n++) {
      const sent = await this.survey('SendReminder', survey(request), reminderCommandIds.reminder(request, n), pass);
      if (sent === 'refused') break;
      if (sent === 'appended') result.reminders++;
      reminded = n;
    }
    if (reminded < days.length || today <= request.dueDate) return;
    if (!request.escalated) {
      const escalated = await this.survey('EscalateNonResponse', survey(request), reminderCommandIds.escalation(request), pass);
      if (escalated === 'refused') return;
      if (escalated === 'appended') result.escalations++;
    }
    const risk = await this.outcome(
      'RaiseRisk',
      () => this.commands.dispatch('RaiseRisk', nonResponseRisk(request, reminded), this.metadata(reminderCommandIds.risk(request))),
      pass,
    );
    if (risk === 'appended') result.risks++;
  }

  /**
   * Sends one command: 'appended' when it added events, 'repeat' when the store had seen its id (or it was
   * already true), 'refused' when the domain said no (answered meanwhile, ...), which ends this request's turn.
   */
  private async outcome(what: string, send: () => Promise<CommandResult>, pass: Pass): Promise<'appended' | 'repeat' | 'refused'> {
    // Each command writes to the log: after a few, the event loop serves what waits before the next.
    if (++pass.sentInSlice % COMMANDS_PER_SLICE === 0) await yieldToEventLoop();
    try {
      const result = await send();
      return !result.duplicate && result.eventIds.length > 0 ? 'appended' : 'repeat';
    } catch (error) {
      // The non-response risk is re-issued on every tick to repair a crash; its wording names the owner
      // and the reminders as they are now, so once they changed the repeat no longer matches the first
      // command under its id. The risk was raised: a repeat.
      if (error instanceof IdempotencyKeyReusedError) return 'repeat';
      if (!(error instanceof CommandRefused)) throw error;
      this.logger.debug(`${what} refused (${error.code}): ${error.reason}`);
      return 'refused';
    }
  }

  private survey(
    name: 'SendReminder' | 'EscalateNonResponse',
    data: { supplierId: string; period: number; family?: SurveyFamily },
    commandId: string,
    pass: Pass,
  ) {
    return this.outcome(
      `${name} ${data.supplierId}/${data.period}`,
      () => this.commands.dispatch(name, data, this.metadata(commandId)),
      pass,
    );
  }

  private metadata(commandId: string): CommandMetadata {
    return { commandId, actor: REMINDER_ACTOR };
  }
}

/** What one pass keeps while it goes through its slices. */
interface Pass {
  today: string;
  result: ReminderTickResult;
  /** Per period, looked up once a pass. */
  reminderDays: Map<number, readonly number[]>;
  closed: Map<number, boolean>;
  /** Commands sent in the current slice. */
  sentInSlice: number;
}

const survey = (request: OpenRequest) => ({
  supplierId: request.supplierId,
  period: request.period,
  ...(request.family === 'cmrt' ? {} : { family: request.family }),
});

function nonResponseRisk(request: OpenRequest, reminders: number) {
  const owner = request.owner ?? UNASSIGNED_OWNER;
  return {
    supplierId: request.supplierId,
    period: request.period,
    category: 'non-response' as const,
    severity: DEFAULT_SEVERITY['non-response'],
    reason: `${request.supplierId} has not answered the ${SURVEY_FAMILY_LABELS[request.family]} request ${request.requestNumber} for ${request.period}, due ${request.dueDate}, after ${reminders} reminder(s); escalated to ${owner}`,
    source: {
      kind: 'non-response' as const,
      eventId: request.sentEventId,
      dueDate: request.dueDate,
      ...(request.family === 'emrt' ? { family: 'emrt' as const } : {}),
    },
  };
}
