import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
// Light (no engine): commander parses the options before any benchmark is loaded.
import { parseSizes, positiveInt, scaleOptions } from '../bench/scale/scale-options';

interface BenchFlags {
  scale?: boolean;
  sizes?: number[];
  reuse?: string;
  budget?: number;
  requests?: number;
  markdown?: boolean;
  from?: string;
  skipFreshServer?: boolean;
}

export function registerBenchCommand(program: Command): void {
  program
    .command('bench')
    .description('measure the engine on this machine and print JSON (npm run bench)')
    .option('--scale', 'the benchmark at scale: rebuild, as-of, verify, server start and every read, at each --sizes')
    .option('--sizes <n,n>', 'with --scale: log sizes in events (default 1000000,10000000)', parseSizes)
    .option('--reuse <dir>', 'with --scale: keep built logs in this directory and reuse them (by size and generator version)')
    .option(
      '--budget <seconds>',
      'with --scale: wall-clock budget of each phase; over it the phase is killed and reported (default 1800)',
      positiveInt('--budget'),
    )
    .option('--requests <n>', 'with --scale: timed requests per read endpoint (default 50)', positiveInt('--requests'))
    .option(
      '--skip-fresh-server',
      'with --scale: leave out the server on fresh read models (it replays the whole log, as the rebuild does)',
    )
    .option('--markdown', 'with --scale: print the Markdown table (for the README) instead of JSON')
    .option('--from <report.json>', "with --scale --markdown: render an earlier run's JSON instead of running")
    .action(async (flags: BenchFlags) => {
      if (!flags.scale) {
        const stray = (['sizes', 'reuse', 'budget', 'requests', 'markdown', 'from', 'skipFreshServer'] as const).filter(
          (name) => flags[name] !== undefined,
        );
        if (stray.length) throw new Error(`--${stray[0]} belongs to --scale (npm run bench -- --scale --${stray[0]} …)`);
        const { runBenchmarks } = await import('../bench/run-benchmarks');
        console.log(JSON.stringify(await runBenchmarks(), null, 2));
        return;
      }
      const { scaleMarkdown } = await import('../bench/scale/scale-markdown');
      if (flags.from) {
        if (!flags.markdown) throw new Error('--from renders an earlier report as Markdown: add --markdown');
        console.log(scaleMarkdown(JSON.parse(readFileSync(flags.from, 'utf8'))));
        return;
      }
      const [{ runScaleBenchmark }, { benchOptionsFromEnv }, { progress }] = await Promise.all([
        import('../bench/scale/scale-benchmark'),
        import('../bench/bench-options'),
        import('../bench/progress'),
      ]);
      const report = await runScaleBenchmark(scaleOptions(flags, benchOptionsFromEnv().tmpRoot), progress);
      console.log(flags.markdown ? scaleMarkdown(report) : JSON.stringify(report, null, 2));
    });
}
