import { benchOptionsFromEnv } from './bench-options';
import { defaultBenchmarks, runBenchmarks, type BenchReport } from './run-benchmarks';

/**
 * The quick (smoke) version of `npm run bench`: every benchmark runs end to end with tiny sizes.
 * Nothing here asserts a speed — this must pass on a slow, busy machine — only that each figure
 * was measured (a positive number), that the HTTP run saw no non-2xx answer, and that each
 * ours-vs-baseline ratio is reported. The CMRT figures (e, f) need the real samples in
 * ../shared/cmrt/samples, and (f) the compiled child in dist/ (`npm run build`); without them
 * they must say so instead.
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
    for (const [key, result] of Object.entries(report.results))
      expect({ key, error: (result as { error?: string }).error }).toEqual({ key, error: undefined });
  });

  it('(a) measures commands through the CommandBus beside raw single commits', () => {
    for (const path of ['commandBus.commands', 'commandBus.commandsPerSecond', 'commandBus.latencyMs.p50', 'commandBus.latencyMs.p99'])
      positive(path);
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

  it('(h) measures every read model following the log live while commands are appended, beside the appends alone', () => {
    positive('liveProjections.events');
    positive('liveProjections.appendsAlone.eventsPerSecond');
    positive('liveProjections.appendsFollowed.eventsPerSecond');
    positive('liveProjections.projectedPerSecond');
    expect(figure('liveProjections.lagAtLastAppend.events')).toBeGreaterThanOrEqual(0);
    expect(report.targets.map((target) => target.name)).toContain(
      'liveProjections.projectedPerSecond (commands/s the live read models follow)',
    );
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

  /** A CMRT benchmark either measured (its figures checked by `measured`) or said why not (no samples, child not built). */
  const measuredOrSkipped = (key: string, measured: () => void) => {
    const skipped = figure(`${key}.skipped`);
    if (skipped === undefined) return measured();
    expect(skipped).toEqual(expect.stringMatching(/^(no real CMRT samples at |the child entry )/));
    const targets = report.targets.filter((target) => target.name.startsWith(`${key}.`));
    expect(targets.length).toBeGreaterThan(0);
    for (const target of targets) expect(target).toMatchObject({ measured: null, met: false, notMeasured: skipped });
  };

  it('(e) measures reading + checking the real CMRT samples beside the exceljs full load, with their ratio', () => {
    measuredOrSkipped('cmrtRead', () => {
      positive('cmrtRead.files');
      positive('cmrtRead.medianMs');
      positive('cmrtRead.baseline.medianMs');
      positive('cmrtRead.ratio');
      expect(figure('cmrtRead.runs')).toBe(2);
      for (const file of figure('cmrtRead.byFile') as Array<{ medianMs: number; smelterRows: number }>) {
        expect(file.medianMs).toBeGreaterThan(0);
        expect(file.smelterRows).toBeGreaterThan(0);
      }
    });
  });

  it('(f) measures the peak RSS of a child importing CMRT files beside an idle child, every file recorded', () => {
    measuredOrSkipped('cmrtBatchImport', () => {
      expect(figure('cmrtBatchImport.files')).toBe(10);
      expect(figure('cmrtBatchImport.recorded')).toBe(10);
      for (const path of [
        'maxRssMB',
        'filesPerSecond',
        'ms',
        'rssBeforeImportMB',
        'peakHeapUsedMB',
        'heapUsedMB',
        'baseline.maxRssMB',
        'baseline.modulesLoadedRssMB',
      ]) {
        positive(`cmrtBatchImport.${path}`);
      }
    });
  });

  it('(g) measures RecordGrievance as the year grows, 16 at once, and a year an older log holds on its program stream', () => {
    const levels = figure('grievances.levels') as Array<{ grievancesBefore: number; concurrent: { sent: number; succeeded: number } }>;
    expect(levels.map((level) => level.grievancesBefore)).toEqual([20, 50, 100]);
    levels.forEach((_, index) => positive(`grievances.levels.${index}.latencyMs.p50`));
    // Distinct grievances never compete for a stream: all 16 are recorded, however many came before.
    for (const level of levels) expect(level.concurrent).toEqual({ sent: 16, succeeded: 16, failures: {} });
    positive('grievances.p50Ratio');
    expect(figure('grievances.olderLogYear.grievancesOnProgramStream')).toBe(50);
    positive('grievances.olderLogYear.latencyMs.p50');
  });

  it('lists the targets with what was measured (met or not is not asserted: timings vary)', () => {
    expect(report.targets.length).toBeGreaterThanOrEqual(5);
    for (const target of report.targets) {
      if (target.notMeasured !== undefined) {
        expect(target).toEqual({
          name: expect.any(String),
          target: expect.any(String),
          measured: null,
          met: false,
          notMeasured: expect.any(String),
        });
        continue;
      }
      expect(target).toEqual({
        name: expect.any(String),
        target: expect.any(String),
        measured: expect.any(Number),
        met: expect.any(Boolean),
      });
    }
    const names = report.targets.map((target) => target.name);
    for (const prefix of ['cmrtRead.medianMs', 'cmrtRead.ratio', 'cmrtBatchImport.maxRssMB']) {
      expect({ prefix, listed: names.some((name) => name.startsWith(prefix)) }).toEqual({ prefix, listed: true });
    }
  });
});

describe('npm run bench without the real CMRT samples', () => {
  const saved = process.env.CMRT_FILES_DIR;
  let report: BenchReport;

  beforeAll(async () => {
    process.env.CMRT_FILES_DIR = '/nonexistent/dd-bench-cmrt';
    report = await runBenchmarks({ ...benchOptionsFromEnv({ DD_BENCH_QUICK: '1' }), only: new Set(['e', 'f']) });
  });

  afterAll(() => {
    if (saved === undefined) delete process.env.CMRT_FILES_DIR;
    else process.env.CMRT_FILES_DIR = saved;
  });

  it('reports (e) and (f) as skipped, and their targets as not measured', () => {
    const skipped = 'no real CMRT samples at /nonexistent/dd-bench-cmrt/samples';
    expect(report.results).toEqual({ cmrtRead: { skipped }, cmrtBatchImport: { skipped } });
    expect(report.targets.map((target) => target.name)).toEqual([
      'cmrtRead.medianMs (read + check one real CMRT)',
      'cmrtRead.ratio (exceljs full load / read + check)',
      'cmrtBatchImport.maxRssMB (peak RSS importing 10 files)',
    ]);
    for (const target of report.targets) expect(target).toMatchObject({ measured: null, met: false, notMeasured: skipped });
  });
});
