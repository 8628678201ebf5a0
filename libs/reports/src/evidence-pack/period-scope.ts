/** The parts of a logged event the pack's scope looks at (a RecordedEvent fits). */
export interface ScopedEvent {
  streamId: string;
  data: unknown;
}

/** An event's own reporting year: data.period when it is a whole number. */
export function periodOfData(data: unknown): number | null {
  const period = data !== null && typeof data === 'object' ? (data as { period?: unknown }).period : undefined;
  return typeof period === 'number' && Number.isInteger(period) ? period : null;
}

/**
 * What "the period's events" are, for an evidence pack of year P (two passes over the log: observe
 * every event, then ask belongsTo):
 * - an event whose data names a period (data.period) belongs to that period: survey, program,
 *   grievance, contract-clause, period and campaign events, RiskRaised, issued reports;
 * - an event that names none belongs to its stream's period, the period of the stream's first event
 *   that names one (a risk's later events belong to the year it was raised in);
 * - a stream none of whose events names a period is the company's, not a year's: suppliers, products,
 *   smelters, the smelter reference list, RMAP statuses, log seals. The period's events depend on them
 *   (who was surveyed, what smelters were matched against), so every period's pack includes them.
 * Events of streams of other years are left out.
 */
export class PeriodScope {
  private readonly streamPeriods = new Map<string, number | null>();

  observe(event: ScopedEvent): void {
    const period = periodOfData(event.data);
    const known = this.streamPeriods.get(event.streamId);
    if (known === undefined || (known === null && period !== null)) this.streamPeriods.set(event.streamId, period);
  }

  /** The stream's period; null for a company-wide stream (or one never observed). */
  streamPeriod(streamId: string): number | null {
    return this.streamPeriods.get(streamId) ?? null;
  }

  belongsTo(event: ScopedEvent, period: number): boolean {
    const own = periodOfData(event.data);
    if (own !== null) return own === period;
    const stream = this.streamPeriod(event.streamId);
    return stream === null || stream === period;
  }
}

export const PERIOD_SCOPE_TEXT =
  "the events whose data names the period (data.period); the events of a stream whose first period-naming event names it (a risk's later events); " +
  'and every event of the streams that name no period at all (suppliers, products, smelters, reference list, RMAP status, log seals), which the period depends on; ' +
  'all as recorded up to the head the pack was made at (later corrections of the period included)';
