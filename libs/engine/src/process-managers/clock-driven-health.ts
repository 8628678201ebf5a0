import { messageOf } from '@dd/projections';
import type { ProcessManagerStatus } from './process-manager-status';

/** What a clock-driven process manager reports: when its last pass ended and whether it failed. */
export class ClockDrivenHealth {
  private lastRunAt?: string;
  private failure: { error: string; failingSince: string; attempts: number } | null = null;

  constructor(private readonly name: string) {}

  /** Runs one pass and remembers how it went. */
  async track<T>(pass: () => Promise<T>): Promise<T> {
    try {
      const result = await pass();
      this.failure = null;
      return result;
    } catch (error) {
      this.failure = {
        error: messageOf(error),
        failingSince: this.failure?.failingSince ?? new Date().toISOString(),
        attempts: (this.failure?.attempts ?? 0) + 1,
      };
      throw error;
    } finally {
      this.lastRunAt = new Date().toISOString();
    }
  }

  /** @param scheduled whether a timer runs the passes in this process */
  status(scheduled: boolean): ProcessManagerStatus {
    const base = { name: this.name, driver: 'clock' as const, ...(this.lastRunAt ? { lastRunAt: this.lastRunAt } : {}) };
    if (this.failure) return { ...base, state: scheduled ? 'retrying' : 'off', ...this.failure, willRetry: scheduled };
    return { ...base, state: scheduled ? 'running' : 'off' };
  }
}
