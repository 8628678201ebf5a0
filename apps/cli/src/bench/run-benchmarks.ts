import { cpus, totalmem } from 'node:os';
import { benchBatchedAppends } from './batched-appends.bench';
import { benchOptionsFromEnv, type BenchOptions } from './bench-options';
import type { Benchmark, BenchmarkContext } from './benchmark';
import { benchCmrtBatchImport } from './cmrt-batch-import.bench';
import { benchCmrtRead } from './cmrt-read.bench';
import { benchCommandBus } from './command-bus.bench';
import { benchGrievances } from './grievances.bench';
import { benchHttpCommands } from './http-commands.bench';
import { round } from './percentiles';
import { progress } from './progress';
import { benchLiveProjections } from './live-projections.bench';
import { benchProjectionRebuild } from './projection-rebuild.bench';
import type { TargetCheck } from './targets';

export type { Benchmark, BenchmarkContext, BenchmarkOutcome } from './benchmark';

export interface BenchReport {
  machine: { cpus: number; node: string; platform: string; totalMemGiB: number };
  startedAt: string;
  /** Only with DD_BENCH_QUICK=1: the figures are a smoke test, not measurements. */
  quick?: true;
  results: Record<string, object>;
  targets: TargetCheck[];
}

/**
 * Every benchmark `dd bench` knows, in the order they run. This list is the extension point: a
 * new figure is one more entry. The CMRT figures (e, f) need the real samples in
 * ../shared/cmrt/samples and report themselves skipped without them.
 * HTTP runs last: it is the longest, and its API keeps timers that should not overlap the others.
 */
export function defaultBenchmarks(): Benchmark[] {
  return [
    { key: 'commandBus', letter: 'a', title: 'single commands through the CommandBus', run: benchCommandBus },
    { key: 'batchedAppends', letter: 'b', title: 'batched appends: SqliteEventStore vs raw better-sqlite3', run: benchBatchedAppends },
    { key: 'projectionRebuild', letter: 'c', title: 'rebuild of all projections from a 200k-event log', run: benchProjectionRebuild },
    { key: 'cmrtRead', letter: 'e', title: 'read + check one real CMRT vs exceljs full-workbook load', run: benchCmrtRead },
    { key: 'cmrtBatchImport', letter: 'f', title: 'peak RSS of importing 200 CMRT files (child process)', run: benchCmrtBatchImport },
    {
      key: 'grievances',
      letter: 'g',
      title: 'RecordGrievance after 500, 2,000 and 10,000 grievances of a year; 16 at once',
      run: benchGrievances,
    },
    {
      key: 'liveProjections',
      letter: 'h',
      title: 'every read model following the log live while commands are appended (≥ 5,000/s)',
      run: benchLiveProjections,
    },
    { key: 'http', letter: 'd', title: 'POST /commands under autocannon vs a raw node:http server', run: benchHttpCommands },
  ];
}

/**
 * Runs the selected benchmarks one after another (they would only measure each other if run in
 * parallel) and returns one report. A benchmark that throws is reported as { error } and the run
 * goes on, so one broken figure does not hide the others.
 */
export async function runBenchmarks(
  options: BenchOptions = benchOptionsFromEnv(),
  benchmarks: readonly Benchmark[] = defaultBenchmarks(),
): Promise<BenchReport> {
  const selected = selectBenchmarks(benchmarks, options.only);
  const report: BenchReport = {
    machine: {
      cpus: cpus().length,
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      totalMemGiB: round(totalmem() / 2 ** 30, 1),
    },
    startedAt: new Date().toISOString(),
    ...(options.quick ? { quick: true as const } : {}),
    results: {},
    targets: [],
  };
  const context: BenchmarkContext = { quick: options.quick, tmpRoot: options.tmpRoot, progress };
  for (const benchmark of selected) {
    progress(`(${benchmark.letter}) ${benchmark.key}: ${benchmark.title}${options.quick ? ' [quick]' : ''}`);
    const started = performance.now();
    try {
      const outcome = await benchmark.run(context);
      report.results[benchmark.key] = outcome.result;
      report.targets.push(...outcome.targets);
    } catch (error) {
      progress(`(${benchmark.letter}) ${benchmark.key} failed: ${error instanceof Error ? error.stack : String(error)}`);
      report.results[benchmark.key] = { error: error instanceof Error ? error.message : String(error) };
      report.targets.push({ name: `${benchmark.key} ran`, target: 'no error', measured: 0, met: false });
    }
    progress(`(${benchmark.letter}) ${benchmark.key} done in ${Math.round((performance.now() - started) / 1000)} s`);
  }
  return report;
}

function selectBenchmarks(benchmarks: readonly Benchmark[], only: ReadonlySet<string> | null): readonly Benchmark[] {
  if (!only) return benchmarks;
  const known = new Set(benchmarks.flatMap((benchmark) => [benchmark.letter, benchmark.key]));
  const unknown = [...only].filter((name) => !known.has(name));
  if (unknown.length) {
    const names = benchmarks.map((benchmark) => `${benchmark.letter} (${benchmark.key})`).join(', ');
    throw new Error(`DD_BENCH_ONLY: unknown benchmark ${unknown.join(', ')}; known: ${names}`);
  }
  return benchmarks.filter((benchmark) => only.has(benchmark.letter) || only.has(benchmark.key));
}
