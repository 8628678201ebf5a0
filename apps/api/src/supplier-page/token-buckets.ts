/** How much the answer page lets one link and one client address do (AppModule options: supplierPage). */
export interface SupplierPageLimits {
  /** Requests one token may make in a burst, and how many it regains per minute. */
  perTokenBurst: number;
  perTokenPerMinute: number;
  /** The same for one client address (every token together). */
  perIpBurst: number;
  perIpPerMinute: number;
}

export const DEFAULT_SUPPLIER_PAGE_LIMITS: SupplierPageLimits = {
  perTokenBurst: 20,
  perTokenPerMinute: 10,
  perIpBurst: 60,
  perIpPerMinute: 60,
};

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Token buckets in memory, one per key: a burst of `burst` requests, then `perMinute` a minute.
 * Bounded: beyond `maxKeys` the longest-idle buckets are forgotten (a forgotten bucket is a full one,
 * so forgetting errs towards letting a request through, never towards locking a supplier out).
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly burst: number,
    private readonly perMinute: number,
    private readonly now: () => number = () => Date.now(),
    private readonly maxKeys = 10_000,
  ) {}

  /** Takes one token for `key`: 0 when allowed, else the seconds to wait before one is there. */
  take(key: string): number {
    const now = this.now();
    const ratePerMs = this.perMinute / 60_000;
    const known = this.buckets.get(key);
    const tokens = known ? Math.min(this.burst, known.tokens + (now - known.at) * ratePerMs) : this.burst;
    // Re-inserted so that the map's order is least recently used first.
    this.buckets.delete(key);
    if (tokens >= 1) {
      this.buckets.set(key, { tokens: tokens - 1, at: now });
      this.forgetIdle();
      return 0;
    }
    this.buckets.set(key, { tokens, at: now });
    return Math.max(1, Math.ceil((1 - tokens) / ratePerMs / 1000));
  }

  private forgetIdle(): void {
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= this.maxKeys) return;
      this.buckets.delete(key);
    }
  }
}
