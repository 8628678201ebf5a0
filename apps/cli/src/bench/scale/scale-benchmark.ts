import { cpus, loadavg, totalmem } from 'node:os';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SQLITE_FILE_NAME } from '@dd/event-store';
import { projectRoot } from '../cmrt-samples';
import { perSecond, round } from '../percentiles';
import { runPhase, type PhaseOutcome } from './phase-process';
import { readFixtures } from './read-endpoints';
import type { ScaleOptions } from './scale-options';
import { provideScaleLog, SYNTHETIC_LOG_VERSION, workingCopy } from './scale-log';
import { serverPhase, type ServerPhase } from './server-phase';

export interface ScaleReport {
  kind: 'scale';
  /** loadAverage: the 1-minute load when the run started (other work on the machine slows every figure). */
  machine: { cpus: number; node: string; platform: string; totalMemGiB: number; loadAverage: number };
  startedAt: string;
  generatorVersion: number;
  phaseBudgetS: number;
  sizes: ScaleFigures[];
}

export interface ScaleFigures {
  size: number;
  log: {
    events: number;
    bytes: number;
    byType: Record<string, number>;
    /** Wall time of building the log, ms; null when a kept one was reused. */
    buildMs: number | null;
    reused: boolean;
    builtIn: 'tmpfs' | 'disk';
    /** Copying it into the working data directory, ms. */
    copyMs: number;
  };
  /** The limit: raw better-sqlite3 SELECT … ORDER BY global_position + JSON.parse of data and metadata, in its own process. */
  rawReadParse: PhaseOutcome & { eventsPerSecond: number | null };
  /** `projections rebuild` (the real CLI) on the working data directory. */
  rebuild: PhaseOutcome & { eventsPerSecond: number | null; reportedMs: number | null };
  /** rebuild events/s / raw events/s. */
  rebuildToRaw: number | null;
  /** `audit replay --as-of <recordedAt of the middle event> --json` (the real CLI): every period, its output as large as the answer. */
  asOf: PhaseOutcome & { asOf: string };
  /** The same for one period (`--period`, the reads' period): the common question, "this year's register as we knew it then". */
  asOfOnePeriod?: PhaseOutcome & { asOf: string; period: string };
  /** `audit verify` (the real CLI). */
  verify: PhaseOutcome & { eventsPerSecond: number | null };
  /** The real server on read models nobody has built (none in the data directory). */
  serverFresh: ServerPhase;
  /** The real server again, on the read models it left; then every read endpoint timed. */
  serverExisting: ServerPhase;
  /** Events the engine's process managers appended to the working copy (the kept log never changes). */
  eventsAppendedByEngine: number;
}

/** Compiled entries the phases run: the CLI itself and the scale child (dist/, also when run from jest). */
export function scaleEntries(): { cli: string; child: string } {
  const distBench = __filename.endsWith('.js') ? __dirname : join(projectRoot(), 'dist', 'apps', 'cli', 'src', 'bench', 'scale');
  return { cli: join(distBench, '..', '..', 'main.js'), child: join(distBench, 'scale-phase.child.js') };
}

/**
 * `bench --scale`: for each size, a log of synthetic events (built, or kept under --reuse), a working
 * copy of it, then each phase in its own process so that its peak RSS is its own and a phase over its
 * budget is killed and reported, never waited for: the raw limit, a server on fresh read models
 * (which builds them), a server on those existing read models with every read timed, the rebuild,
 * an "as of" answer from the middle of the log, and verify.
 */
export async function runScaleBenchmark(options: ScaleOptions, progress: (message: string) => void): Promise<ScaleReport> {
  const entries = scaleEntries();
  for (const entry of [entries.cli, entries.child])
    if (!existsSync(entry)) throw new Error(`bench --scale runs the compiled ${entry}: build first (npm run build)`);
  const report: ScaleReport = {
    kind: 'scale',
    machine: {
      cpus: cpus().length,
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      totalMemGiB: round(totalmem() / 2 ** 30, 1),
      loadAverage: round(loadavg()[0], 1),
    },
    startedAt: new Date().toISOString(),
    generatorVersion: SYNTHETIC_LOG_VERSION,
    phaseBudgetS: Math.round(options.budgetMs / 1000),
    sizes: [],
  };
  for (const size of options.sizes) report.sizes.push(await measureSize(size, options, entries, progress));
  return report;
}

async function measureSize(
  size: number,
  options: ScaleOptions,
  entries: { cli: string; child: string },
  progress: (message: string) => void,
): Promise<ScaleFigures> {
  const log = await provideScaleLog(size, { reuse: options.reuse, tmpRoot: options.tmpRoot, progress });
  const scratch = mkdtempSync(join(options.tmpRoot, 'dd-bench-scale-scratch-'));
  let dataDir: string | null = null;
  try {
    const started = performance.now();
    dataDir = workingCopy(log, options.tmpRoot);
    const copyMs = Math.round(performance.now() - started);
    const eventsFile = join(dataDir, SQLITE_FILE_NAME);
    const fixtures = readFixtures(eventsFile);
    const middle = middleRecordedAt(eventsFile);
    const env: NodeJS.ProcessEnv = { ...process.env, DD_DATA_DIR: dataDir, DD_EVENT_STORE: 'sqlite' };
    delete env.DD_READ_ONLY;
    const phase = (args: string[]) => runPhase(args, { env, budgetMs: options.budgetMs, scratchDir: scratch });
    const say = (name: string, outcome: { status: string; ms?: number | null; readyMs?: number | null }) =>
      progress(`scale ${size}: ${name} ${outcome.status} in ${Math.round((outcome.ms ?? outcome.readyMs ?? 0) / 1000)} s`);

    progress(`scale ${size}: raw read + parse (child)`);
    const raw = await phase([entries.child, 'raw', eventsFile]);
    say('raw read + parse', raw);
    const rawFigures = raw.status === 'ok' ? (JSON.parse(lastLine(raw.stdout)) as { eventsPerSecond: number }) : null;

    const rebuildPhase = async () => {
      progress(`scale ${size}: projections rebuild`);
      const outcome = await phase([entries.cli, 'projections', 'rebuild']);
      say('rebuild', outcome);
      return outcome;
    };
    let rebuild: Awaited<ReturnType<typeof phase>> | null = null;
    let serverFresh: ServerPhase;
    if (options.skipFreshServer) {
      // The rebuild makes the read models the server on existing read models starts on.
      serverFresh = { status: 'skipped', readyMs: null, listeningMs: null, caughtUpMs: null, readyMaxRssMB: null, maxRssMB: null };
      rebuild = await rebuildPhase();
    } else {
      progress(`scale ${size}: server on fresh read models`);
      serverFresh = await serverPhase({ entry: entries.child, dataDir, budgetMs: options.budgetMs });
      say('server on fresh read models ready', serverFresh);
    }

    progress(`scale ${size}: server on existing read models, then ${options.requests} requests per read endpoint`);
    const serverExisting = await serverPhase({
      entry: entries.child,
      dataDir,
      budgetMs: options.budgetMs,
      reads: { fixtures, requests: options.requests, asOf: middle, progress: (message) => progress(`scale ${size}: ${message}`) },
    });
    say('server on existing read models ready', serverExisting);

    rebuild ??= await rebuildPhase();
    const reported = /from (\d+) events in (\d+) ms \((\d+) events\/s\)/.exec(rebuild.stdout);

    progress(`scale ${size}: audit replay --as-of ${middle}`);
    const asOf = await phase([entries.cli, 'audit', 'replay', '--as-of', middle, '--json']);
    say('as of', asOf);
    progress(`scale ${size}: audit replay --as-of ${middle} --period ${fixtures.period}`);
    const asOfOnePeriod = await phase([entries.cli, 'audit', 'replay', '--as-of', middle, '--json', '--period', fixtures.period]);
    say('as of, one period', asOfOnePeriod);

    progress(`scale ${size}: audit verify`);
    const verify = await phase([entries.cli, 'audit', 'verify']);
    say('verify', verify);

    const eventsNow = countEvents(eventsFile);
    const rebuildEventsPerSecond = reported ? Number(reported[3]) : null;
    return {
      size,
      log: {
        events: log.events,
        bytes: log.bytes,
        byType: log.byType,
        buildMs: log.buildMs,
        reused: log.reused,
        builtIn: log.builtIn,
        copyMs,
      },
      rawReadParse: { ...withoutStdout(raw), eventsPerSecond: rawFigures?.eventsPerSecond ?? null },
      rebuild: { ...withoutStdout(rebuild), eventsPerSecond: rebuildEventsPerSecond, reportedMs: reported ? Number(reported[2]) : null },
      rebuildToRaw: rebuildEventsPerSecond && rawFigures ? round(rebuildEventsPerSecond / rawFigures.eventsPerSecond, 3) : null,
      asOf: { ...withoutStdout(asOf), asOf: middle },
      asOfOnePeriod: { ...withoutStdout(asOfOnePeriod), asOf: middle, period: fixtures.period },
      verify: { ...withoutStdout(verify), eventsPerSecond: verify.status === 'ok' ? perSecond(eventsNow, verify.ms) : null },
      serverFresh,
      serverExisting,
      eventsAppendedByEngine: eventsNow - log.events,
    };
  } finally {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
    log.release();
  }
}

/** recordedAt of the event half-way through the log: "as of" then replays half of it. */
function middleRecordedAt(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    const count = db.prepare('SELECT max(global_position) FROM events').pluck().get() as number;
    return db
      .prepare('SELECT recorded_at FROM events WHERE global_position >= ? ORDER BY global_position LIMIT 1')
      .pluck()
      .get(Math.max(1, Math.floor(count / 2))) as string;
  } finally {
    db.close();
  }
}

function countEvents(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) FROM events').pluck().get() as number) ?? 0;
  } finally {
    db.close();
  }
}

function withoutStdout<T extends { stdout: string }>(run: T): Omit<T, 'stdout'> {
  const { stdout: _stdout, ...rest } = run;
  return rest;
}

function lastLine(text: string): string {
  return (
    text
      .trim()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .pop() ?? '{}'
  );
}
