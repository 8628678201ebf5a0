import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { READ_QUERIES } from '@dd/engine';
import { projectRoot } from '../cmrt-samples';
import { runPhase } from './phase-process';
import { runScaleBenchmark, type ScaleReport } from './scale-benchmark';
import { provideScaleLog } from './scale-log';
import { scaleMarkdown } from './scale-markdown';
import { parseSizes, scaleOptions } from './scale-options';

/**
 * `npm run bench -- --scale --sizes 2000`, end to end in a temp dir: a real log, the real CLI and the
 * real server as child processes. Nothing here asserts a speed (slow, busy machine): only that every
 * phase ran and was measured, every read endpoint of the read table was timed, a kept log is reused,
 * and a phase over its budget is reported as such instead of waited for.
 */
describe('the scale benchmark', () => {
  const quiet = () => undefined;
  let root: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'dd-scale-spec-'));
    // The phases run the compiled CLI and child: build them if a source is newer than dist/.
    execFileSync(process.execPath, [join(projectRoot(), 'scripts', 'build-if-stale.js')], { stdio: 'ignore' });
  }, 600_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  describe('given a log of 2,000 synthetic events, when it runs every phase', () => {
    let report: ScaleReport;
    beforeAll(async () => {
      report = await runScaleBenchmark(scaleOptions({ sizes: [2000], budget: 300, requests: 3 }, root), quiet);
    }, 600_000);

    it('then each phase ran in its own process and reports its time and peak RSS', () => {
      const [figures] = report.sizes;
      expect(figures.log.events).toBeGreaterThanOrEqual(2000);
      for (const [name, phase] of Object.entries({
        raw: figures.rawReadParse,
        rebuild: figures.rebuild,
        asOf: figures.asOf,
        asOfOnePeriod: figures.asOfOnePeriod!,
        verify: figures.verify,
      })) {
        expect({ name, status: phase.status, error: phase.error }).toEqual({ name, status: 'ok', error: undefined });
        expect({ name, ms: phase.ms > 0, rss: (phase.maxRssMB ?? 0) > 0 }).toEqual({ name, ms: true, rss: true });
      }
      expect(figures.rawReadParse.eventsPerSecond).toBeGreaterThan(0);
      expect(figures.rebuild.eventsPerSecond).toBeGreaterThan(0);
      expect(figures.rebuildToRaw).toBeGreaterThan(0);
      expect(figures.verify.eventsPerSecond).toBeGreaterThan(0);
    });

    it('then the server became ready, and its process managers caught up, on fresh and on existing read models', () => {
      for (const server of [report.sizes[0].serverFresh, report.sizes[0].serverExisting]) {
        expect({ status: server.status, error: server.error }).toEqual({ status: 'ok', error: undefined });
        expect(server.readyMs).toBeGreaterThan(0);
        expect(server.caughtUpMs).toBeGreaterThanOrEqual(server.readyMs!);
        expect(server.maxRssMB).toBeGreaterThan(0);
      }
    });

    it('then every read endpoint of the read table was timed, each answering 200 or 404, none failing', () => {
      const reads = report.sizes[0].serverExisting.reads ?? [];
      expect(reads.map((read) => read.name)).toEqual(READ_QUERIES.map((read) => read.name));
      for (const read of reads) {
        expect({ read: read.url, requests: read.requests }).toEqual({ read: read.url, requests: 3 });
        const statuses = Object.keys(read.statuses).filter((status) => status !== '200' && status !== '404');
        expect({ read: read.url, statuses }).toEqual({ read: read.url, statuses: [] });
      }
    });

    it('then every read was also asked as of the middle of the log, each answering 200 or 404 and saying how it was answered', () => {
      const reads = report.sizes[0].serverExisting.asOfReads ?? [];
      expect(reads.map((read) => read.name)).toEqual(READ_QUERIES.map((read) => read.name));
      for (const read of reads) {
        expect(read.url).toMatch(/[?&]asOf=/);
        const statuses = Object.keys(read.statuses).filter((status) => status !== '200' && status !== '404');
        expect({ read: read.url, statuses }).toEqual({ read: read.url, statuses: [] });
        expect(Object.values(read.asOfSources ?? {}).reduce((sum, count) => sum + count, 0)).toBe(read.requests);
      }
      expect(scaleMarkdown(report)).toMatch(/every read as of mid-log .* worst p99 [\d.]+ ms \(\w+\)/);
    });

    it('then the Markdown table has a column for the size and a row for every read', () => {
      const markdown = scaleMarkdown(report);
      expect(markdown).toContain(`| figure | ${report.sizes[0].log.events.toLocaleString('en-US')} events |`);
      for (const read of report.sizes[0].serverExisting.reads ?? []) expect(markdown).toContain(`GET ${read.url}`);
      expect(markdown).not.toContain('failed');
    });
  });

  it('given a log kept with --reuse, when the same size is asked again, then it is reused, not rebuilt', async () => {
    const reuse = join(root, 'kept');
    const first = await provideScaleLog(300, { reuse, tmpRoot: root, progress: quiet });
    const second = await provideScaleLog(300, { reuse, tmpRoot: root, progress: quiet });
    expect({ reused: first.reused, built: first.buildMs !== null }).toEqual({ reused: false, built: true });
    expect(second).toMatchObject({ reused: true, buildMs: null, file: first.file, events: first.events, byType: first.byType });
  }, 120_000);

  it('given a phase that outlasts its budget, when it runs, then it is killed and reported over budget', async () => {
    const started = performance.now();
    const outcome = await runPhase(['-e', 'setTimeout(() => {}, 60_000)'], { env: process.env, budgetMs: 500, scratchDir: root });
    expect(outcome).toMatchObject({ status: 'over-budget', budgetS: 1 });
    expect(performance.now() - started).toBeLessThan(30_000);
    expect(scaleMarkdown(reportWithRebuild(outcome))).toContain('| `projections rebuild` | over budget (1 s) |');
  });

  it('given --skip-fresh-server, then the table says the fresh start was not run rather than showing a figure', () => {
    const report = reportWithRebuild({ status: 'ok', ms: 1, maxRssMB: 1, rssSource: 'none', stdout: '' });
    report.sizes[0].serverFresh = {
      status: 'skipped',
      readyMs: null,
      listeningMs: null,
      caughtUpMs: null,
      readyMaxRssMB: null,
      maxRssMB: null,
    };
    expect(scaleMarkdown(report)).toContain('| server ready, fresh read models | not run (--skip-fresh-server) |');
    expect(scaleOptions({ skipFreshServer: true }, root).skipFreshServer).toBe(true);
    expect(scaleOptions({}, root).skipFreshServer).toBe(false);
  });

  it('given sizes that are not whole numbers of events, then --sizes is refused naming the value', () => {
    expect(parseSizes('1000000,10M,200k')).toEqual([1_000_000, 10_000_000, 200_000]);
    expect(() => parseSizes('1000,abc')).toThrow('--sizes: "abc" is not a positive whole number of events');
    expect(() => parseSizes('0')).toThrow('--sizes: "0" is not a positive whole number of events');
    expect(() => parseSizes(' , ')).toThrow('--sizes: give at least one log size');
  });
});

function reportWithRebuild(rebuild: Awaited<ReturnType<typeof runPhase>>): ScaleReport {
  const phase = { status: 'ok' as const, ms: 1, maxRssMB: 1, rssSource: 'none' as const };
  const server = { status: 'ok' as const, readyMs: 1, listeningMs: 1, caughtUpMs: 1, readyMaxRssMB: 1, maxRssMB: 1 };
  return {
    kind: 'scale',
    machine: { cpus: 1, node: 'v20', platform: 'linux', totalMemGiB: 1, loadAverage: 0 },
    startedAt: '2026-01-01T00:00:00.000Z',
    generatorVersion: 1,
    phaseBudgetS: 1,
    sizes: [
      {
        size: 10,
        log: { events: 10, bytes: 1, byType: {}, buildMs: 1, reused: false, builtIn: 'disk', copyMs: 1 },
        rawReadParse: { ...phase, eventsPerSecond: 1 },
        rebuild: { ...rebuild, eventsPerSecond: null, reportedMs: null },
        rebuildToRaw: null,
        asOf: { ...phase, asOf: '2026-01-01' },
        verify: { ...phase, eventsPerSecond: 1 },
        serverFresh: server,
        serverExisting: server,
        eventsAppendedByEngine: 0,
      },
    ],
  };
}
