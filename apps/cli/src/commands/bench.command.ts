import type { Command } from 'commander';

export function registerBenchCommand(program: Command): void {
  program
    .command('bench')
    .description('measure the engine on this machine and print JSON (npm run bench)')
    .action(async () => {
      const { runBenchmarks } = await import('../bench/run-benchmarks');
      console.log(JSON.stringify(await runBenchmarks(), null, 2));
    });
}
