import { tmpdir } from 'node:os';

/** What a run of `dd bench` measures, and how much of it. */
export interface BenchOptions {
  /** DD_BENCH_QUICK=1: a tiny smoke version (small N, 2 s autocannon) whose figures mean nothing. */
  quick: boolean;
  /** DD_BENCH_ONLY=a,b (letters or keys such as "http"); null runs every benchmark. */
  only: ReadonlySet<string> | null;
  /**
   * Where the data directories go: DD_BENCH_TMP, else the OS temp dir. It should be the kind of
   * disk the engine runs on, because synchronous=FULL makes every commit wait for an fsync there.
   */
  tmpRoot: string;
}

export function benchOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const only = (env.DD_BENCH_ONLY ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  return {
    quick: env.DD_BENCH_QUICK === '1' || env.DD_BENCH_QUICK === 'true',
    only: only.length ? new Set(only) : null,
    tmpRoot: env.DD_BENCH_TMP || tmpdir(),
  };
}
