import type { Clock } from './tokens';

const DAY_MS = 86_400_000;

/**
 * A clock someone moves by hand: the demo year and the tests run a reporting year's months in
 * seconds (EngineOptions.clock). The one test clock of the project. It never goes backwards, as real
 * time does not.
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
  set(iso: string | Date): Date {
    const next = new Date(iso);
    if (Number.isNaN(next.getTime())) throw new RangeError(`not a time: ${String(iso)}`);
    if (next < this.current)
      throw new RangeError(`the clock does not go backwards (${this.current.toISOString()} -> ${next.toISOString()})`);
    this.current = next;
    return this.now();
  }

  /** Moves forward by days, hours and milliseconds. */
  advance(by: { days?: number; hours?: number; ms?: number }): Date {
    return this.set(new Date(this.current.getTime() + (by.days ?? 0) * DAY_MS + (by.hours ?? 0) * 3_600_000 + (by.ms ?? 0)).toISOString());
  }

  /** Today by this clock, as YYYY-MM-DD. */
  today(): string {
    return this.current.toISOString().slice(0, 10);
  }
}
