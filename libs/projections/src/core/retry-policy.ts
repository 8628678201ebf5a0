/** How the consumers of the log (projections, process managers) retry a batch that failed. */
export interface RetryPolicy {
  /** Pause before the first retry; doubled for each further one (ms). */
  firstDelayMs: number;
  /** Longest pause between two attempts; also how often a stopped-but-transient batch is tried (ms). */
  maxDelayMs: number;
  /** How long a transient failure (busy, locked) may last before the consumer counts as stopped (ms). */
  transientBudgetMs: number;
  /** Attempts at a batch failing for any other reason before that projection is stopped. */
  persistentAttempts: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  firstDelayMs: 50,
  maxDelayMs: 5000,
  transientBudgetMs: 30_000,
  persistentAttempts: 3,
};

/** The pause before attempt n+1 (n ≥ 1): exponential from firstDelayMs, capped at maxDelayMs. */
export function retryDelay(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** Math.max(0, Math.min(attempt - 1, 20)));
}

/** A pause that stop() can cut short. */
export class Pause {
  private wake: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;

  for(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      this.wake = resolve;
      this.timer = setTimeout(resolve, ms);
      // A consumer waiting to retry must not keep a CLI process alive.
      this.timer.unref();
    }).finally(() => {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      this.wake = null;
    });
  }

  interrupt(): void {
    this.wake?.();
  }
}
