/** Latency figures in milliseconds, rounded to the microsecond. */
export interface LatencySummary {
  count: number;
  mean: number;
  p50: number;
  p99: number;
  p999: number;
  max: number;
}

/**
 * Nearest-rank percentile of an ascending array: the smallest sample with at least p% of the
 * samples at or below it. No interpolation, so every figure reported is a latency that happened.
 */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function summariseLatencies(samplesMs: ArrayLike<number>): LatencySummary {
  // A typed array sorts numerically (and faster); a plain array's sort() would compare strings.
  const sorted = Float64Array.from(samplesMs).sort();
  let sum = 0;
  for (let index = 0; index < sorted.length; index++) sum += sorted[index];
  return {
    count: sorted.length,
    mean: round(sum / Math.max(1, sorted.length), 3),
    p50: round(percentile(sorted, 50), 3),
    p99: round(percentile(sorted, 99), 3),
    p999: round(percentile(sorted, 99.9), 3),
    max: round(sorted.length ? sorted[sorted.length - 1] : Number.NaN, 3),
  };
}

export function round(value: number, digits = 0): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Per-second rate of `count` things done in `ms` milliseconds. */
export function perSecond(count: number, ms: number): number {
  return Math.round(count / (Math.max(ms, 0.001) / 1000));
}
