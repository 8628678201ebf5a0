import { resolve } from 'node:path';

/** What `bench --scale` measures, and where its logs live. */
export interface ScaleOptions {
  /** Log sizes in events, each measured in turn (default 1,000,000 and 10,000,000). */
  sizes: number[];
  /**
   * A directory that keeps built logs between runs, one folder per size and generator version;
   * null: each log is built in a temporary directory and removed afterwards.
   */
  reuse: string | null;
  /** Where the working copies (the data directories the phases run on) go. */
  tmpRoot: string;
  /** Wall-clock budget of one phase; a phase that exceeds it is killed and reported as over budget. */
  budgetMs: number;
  /** Timed requests per read endpoint (sequential). */
  requests: number;
  /**
   * Leave out the server on fresh read models: it replays the whole log as `projections rebuild`
   * does (at 10M events another half hour or more). The rebuild then builds the read models the
   * server on existing read models starts on.
   */
  skipFreshServer: boolean;
}

export const DEFAULT_SCALE_SIZES = [1_000_000, 10_000_000];
export const DEFAULT_PHASE_BUDGET_S = 1800;
export const DEFAULT_REQUESTS_PER_READ = 50;

/** "1000000,10000000", also "1e6,10M,200k": every size a positive whole number of events. */
export function parseSizes(text: string): number[] {
  const parts = text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  if (parts.length === 0) throw new Error('--sizes: give at least one log size, e.g. --sizes 1000000,10000000');
  return parts.map((part) => {
    const match = /^(\d+(?:\.\d+)?(?:e\d+)?)([kKmM]?)$/.exec(part);
    const value = match ? Number(match[1]) * (match[2].toLowerCase() === 'k' ? 1e3 : match[2].toLowerCase() === 'm' ? 1e6 : 1) : NaN;
    if (!Number.isInteger(value) || value < 1) throw new Error(`--sizes: "${part}" is not a positive whole number of events`);
    return value;
  });
}

export function positiveInt(option: string): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1) throw new Error(`${option}: "${text}" is not a positive whole number`);
    return value;
  };
}

export function scaleOptions(
  given: { sizes?: number[]; reuse?: string; budget?: number; requests?: number; skipFreshServer?: boolean },
  tmpRoot: string,
): ScaleOptions {
  return {
    sizes: given.sizes ?? DEFAULT_SCALE_SIZES,
    reuse: given.reuse ? resolve(given.reuse) : null,
    tmpRoot,
    budgetMs: (given.budget ?? DEFAULT_PHASE_BUDGET_S) * 1000,
    requests: given.requests ?? DEFAULT_REQUESTS_PER_READ,
    skipFreshServer: given.skipFreshServer ?? false,
  };
}
