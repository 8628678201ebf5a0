import type { TargetCheck } from './targets';

export interface BenchmarkContext {
  quick: boolean;
  /** Parent of every data directory a benchmark creates (and removes). */
  tmpRoot: string;
  progress(message: string): void;
}

export interface BenchmarkOutcome<Result extends object = object> {
  /** Figures of this run, each beside its baseline from the same run. */
  result: Result;
  targets: TargetCheck[];
}

/**
 * One entry of `dd bench`. `key` names the result in the report, `letter` is the short name
 * DD_BENCH_ONLY accepts (as does the key).
 */
export interface Benchmark {
  key: string;
  letter: string;
  title: string;
  run(context: BenchmarkContext): Promise<BenchmarkOutcome>;
}
