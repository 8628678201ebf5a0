import { CommandRefused } from '../shared/command-refused';
import type { PeriodState } from './period.decider';

/**
 * Closed means closed: once a reporting year is closed (ClosePeriod) no command may change its
 * records — surveys and responses, follow-ups and reminders, its campaigns, its risks and their whole
 * lifecycle, its management-system records — until someone reopens it (ReopenPeriod, with a reason
 * that stays in the log). What was filed for the year must stay what the log says it was.
 *
 * The engine applies this once for every command, before any decider runs (StreamCommandExecutor):
 * the period is read from the name of the stream the command would append to (a survey, a risk and a
 * year's programme carry their year in their stream name, see riskIdFor), or given by the handler when
 * the stream does not carry it (a campaign).
 */
export function refuseChangesToClosedPeriod(period: number, state: Pick<PeriodState, 'status'>): void {
  if (state.status === 'closed') {
    throw new CommandRefused(
      'period-closed',
      `period ${period} is closed: its records no longer change (ReopenPeriod with a reason to correct them)`,
    );
  }
}

const PERIOD_STREAM = /^(?:survey|risk|program|grievance|contract-clause)-(\d{4})(?:-|$)/;

/**
 * The reporting year whose records a stream holds, from its name: `survey-<year>-<supplier>`,
 * `risk-<year>-<hash>`, `program-<year>`, `grievance-<year>-<id>`, `contract-clause-<year>-<supplier>`. null for streams outside any one year (suppliers, products,
 * the smelter lists) and for those that do not carry it in their name (a campaign; the period's own
 * stream, whose commands have their own rules).
 */
export function periodOfStream(streamId: string): number | null {
  const match = PERIOD_STREAM.exec(streamId);
  return match ? Number(match[1]) : null;
}

/** How a command stands to a closed period; each row of the command table (command-table.ts) says it for its command. */
export type ClosedPeriodRule =
  /** Changes the records of the year it names (or whose risk it names): refused 422 period-closed. */
  | 'refused'
  /** Acts on the period itself; the period decider decides (see why). */
  | 'period-own-rule'
  /** Belongs to no reporting year. */
  | 'not-period-bound';
