import { benchOptionsFromEnv } from './bench-options';
import { defaultBenchmarks, runBenchmarks, type BenchReport } from './run-benchmarks';

/**
 * The quick (smoke) version of `npm run bench`: every benchmark runs end to end with tiny sizes.
 * Nothing here asserts a speed — this must pass on a slow, busy machine — only that each figure
 * was measured (a positive number), that the HTTP run saw no non-2xx answer, and that each
 * ours-vs-baseline ratio is reported.
 */
describe('npm run bench, quick mode', () => {
  let report: BenchReport;

  beforeAll(async () => {
    report = await runBenchmarks(benchOptionsFromEnv({ DD_BENCH_QUICK: '1' }));
  }, 300_000);

  const figure = (path: string): unknown =>
    path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], report.results);

  const positive = (path: string) => {
    const value = figure(path);
    expect({ path, value }).toEqual({ path, value: expect.any(Number) });
    expect({ path, positive: (value as number) > 0 }).toEqual({ path, positive: true });
  };

  it('describes the machine and runs every benchmark without error', () => {
    expect(report.machine).toEqual({
      cpus: expect.any(Number),
      node: process.version,
      platform: expect.any(String),
      totalMemGiB: expect.any(Number),
    });
    expect(Object.keys(report.results)).toEqual(defaultBenchmarks().map((benchmark) => benchmark.key));
    for (const [key, result] of Object.entries(report.results)) expect({ key, error: (result as { error?: string }).error }).toEqual({ key, error: undefined });
  });

  it('(a) measures commands through the CommandBus beside raw single commits', () => {
    for (const path of ['commandBus.commands', 'commandBus.commandsPerSecond', 'commandBus.latencyMs.p50', 'commandBus.latencyMs.p99']) positive(path);
    positive('commandBus.baseline.commitsPerSecond');
    positive('commandBus.ratio');
  });

  it('(b) measures batched appends, ours and raw, with their ratio', () => {
    positive('batchedAppends.ours.eventsPerSecond');
    positive('batchedAppends.raw.eventsPerSecond');
    positive('batchedAppends.ratio');
  });

  it('(c) measures the projection rebuild beside the raw read of the log, with their ratio', () => {
    positive('projectionRebuild.events');
    positive('projectionRebuild.eventsPerSecond');
    positive('projectionRebuild.baselines.rawReadParse.eventsPerSecond');
    positive('projectionRebuild.baselines.storeReadAll.eventsPerSecond');
    positive('projectionRebuild.ratio');
  });

  it('(d) measures HTTP commands beside the raw node:http server, with no non-2xx answer', () => {
    positive('http.requestsPerSecond');
    positive('http.requests');
    positive('http.latencyMs.mean');
    positive('http.eventsAppended');
    expect(figure('http.non2xx')).toBe(0);
    positive('http.baseline.requestsPerSecond');
    expect(figure('http.baseline.non2xx')).toBe(0);
    positive('http.ratio');
  });

  it('lists the targets with what was measured (met or not is not asserted: timings vary)', () => {
    expect(report.targets.length).toBeGreaterThanOrEqual(5);
    for (const target of report.targets) {
      expect(target).toEqual({ name: expect.any(String), target: expect.any(String), measured: expect.any(Number), met: expect.any(Boolean) });
    }
  });
});
