import type { Clock } from './tokens';

/**
 * A clock someone moves by hand: the demo year and the whole-year test run a reporting year's
 * months in seconds (EngineOptions.clock). It never goes backwards, as real time does not.
 */
export class SettableClock implements Clock {
  private current: Date;

  constructor(start: string | Date) {
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  /** Moves to `iso` (a date or date-time); refuses to move backwards. */
  set(iso: string): Date {
    const next = new Date(iso);
    if (Number.isNaN(next.getTime())) throw new RangeError(`not a time: ${iso}`);
    if (next < this.current) throw new RangeError(`the clock does not go backwards (${this.current.toISOString()} -> ${next.toISOString()})`);
    this.current = next;
    return this.now();
  }
}
