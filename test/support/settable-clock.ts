import type { Clock } from '@dd/engine';

const DAY_MS = 86_400_000;

/** The engine's Clock for tests that run a reporting year: it stands still until it is set or moved. */
export class SettableClock implements Clock {
  private current: number;

  constructor(start: string | Date) {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(at: string | Date): this {
    this.current = new Date(at).getTime();
    return this;
  }

  advance(by: { days?: number; hours?: number; ms?: number }): this {
    this.current += (by.days ?? 0) * DAY_MS + (by.hours ?? 0) * 3_600_000 + (by.ms ?? 0);
    return this;
  }

  /** Today by this clock, as YYYY-MM-DD. */
  today(): string {
    return this.now().toISOString().slice(0, 10);
  }
}
