import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { BenchmarkContext, BenchmarkOutcome } from './benchmark';
import type { ChildReport } from './cmrt-batch-import.child';
import { batchSupplierId, findCmrtSamples, noSamplesReason, projectRoot } from './cmrt-samples';
import { round } from './percentiles';
import { atMost, exactly, notMeasured } from './targets';
import { storageKind, withTempDir } from './temp-dir';

export const CMRT_BATCH_TARGETS = { maxRssMB: 150 } as const;

export interface CmrtBatchImportResult {
  storage: 'tmpfs' | 'disk';
  files: number;
  recorded: number;
  byResult: ChildReport['byResult'];
  /** importBatch of every file plus the final settle of the read side, ms. */
  ms: number;
  filesPerSecond: number;
  /** Peak RSS of the importing child over its whole life (boot, set-up, import), MB. */
  maxRssMB: number;
  /** maxRssMB - baseline.maxRssMB: what importing the files (and setting up their suppliers) adds. */
  overIdleMB: number;
  /** RSS once the suppliers were registered and sent a CMRT, before the first file is read. */
  rssBeforeImportMB: number;
  /**
   * Where the peak goes, sampled after each file: the V8 heap in use, the memory outside it
   * (ArrayBuffers of inflated parts, large strings), RSS; heapUsedMB when the child reported.
   */
  peakHeapUsedMB: number;
  peakExternalMB: number;
  peakRssSampledMB: number;
  heapUsedMB: number;
  /** Registering the suppliers and sending each a CMRT (untimed part of the import), ms. */
  setupMs: number;
  baseline: { name: string; maxRssMB: number; heapUsedMB: number; bootMs: number; modulesLoadedRssMB: number };
  child: string;
}

export type CmrtBatchImportOutcome = CmrtBatchImportResult | { skipped: string };

/**
 * (f) Peak memory of recording a batch of CMRT files: `count` copies of the real samples
 * (alternating, each under its own name) through the CLI's batch path (listBatch, readSupplierMap,
 * importBatch with CmrtResponseIntake) into a fresh SQLite data dir, in a child process so that
 * only that process's memory counts. The child registers one supplier per file and sends each a
 * CMRT first; the map file names file i -> supplier i. Baseline: the same child that only boots
 * the engine.
 */
export async function benchCmrtBatchImport(context: BenchmarkContext): Promise<BenchmarkOutcome<CmrtBatchImportOutcome>> {
  const count = context.quick ? 10 : 200;
  const target = atMost(`cmrtBatchImport.maxRssMB (peak RSS importing ${count} files)`, CMRT_BATCH_TARGETS.maxRssMB, Number.NaN);
  const skip = (skipped: string): BenchmarkOutcome<CmrtBatchImportOutcome> => {
    context.progress(`cmrtBatchImport: skipped, ${skipped}`);
    return { result: { skipped }, targets: [notMeasured(target, skipped)] };
  };
  const samples = findCmrtSamples();
  if (samples.files.length === 0) return skip(noSamplesReason(samples));
  const child = childEntry();
  if (!existsSync(child)) return skip(`the child entry ${child} is not built (npm run build)`);

  return withTempDir(context.tmpRoot, 'cmrt-batch', async (dir) => {
    const folder = join(dir, 'files');
    mkdirSync(folder);
    const lines = ['file,supplierId'];
    for (let index = 0; index < count; index++) {
      const sample = samples.files[index % samples.files.length];
      const name = `${String(index).padStart(3, '0')}-${basename(sample)}`;
      copyFileSync(sample, join(folder, name));
      lines.push(`${name},${batchSupplierId('bench', index)}`);
    }
    const mapFile = join(dir, 'map.csv');
    writeFileSync(mapFile, `${lines.join('\n')}\n`);

    context.progress('cmrtBatchImport: idle child (boots the engine only)');
    const idle = await runChild(child, ['idle', '--data-dir', join(dir, 'idle-data')]);
    context.progress(`cmrtBatchImport: child importing ${count} files (${samples.files.length} samples alternating)`);
    const run = await runChild(child, [
      'import',
      '--data-dir',
      join(dir, 'data'),
      '--folder',
      folder,
      '--map',
      mapFile,
      '--suppliers',
      'bench',
      '--count',
      String(count),
    ]);
    const files = run.files ?? 0;
    const recorded = run.recorded ?? 0;
    const ms = run.ms ?? 0;
    return {
      result: {
        storage: storageKind(dir),
        files,
        recorded,
        byResult: run.byResult,
        ms,
        filesPerSecond: round(files / (Math.max(ms, 0.001) / 1000), 1),
        maxRssMB: run.maxRssMB,
        overIdleMB: round(run.maxRssMB - idle.maxRssMB, 1),
        rssBeforeImportMB: run.rssBeforeImportMB ?? 0,
        peakHeapUsedMB: run.peakHeapUsedMB ?? 0,
        peakExternalMB: run.peakExternalMB ?? 0,
        peakRssSampledMB: run.peakRssSampledMB ?? 0,
        heapUsedMB: run.heapUsedMB,
        setupMs: run.setupMs ?? 0,
        baseline: {
          name: 'idle child: the engine booted on a fresh data dir, nothing else',
          maxRssMB: idle.maxRssMB,
          heapUsedMB: idle.heapUsedMB,
          bootMs: idle.bootMs,
          modulesLoadedRssMB: idle.modulesLoadedRssMB,
        },
        child,
      },
      targets: [
        atMost(target.name, CMRT_BATCH_TARGETS.maxRssMB, run.maxRssMB),
        exactly('cmrtBatchImport.recorded (files recorded)', count, recorded),
      ],
    };
  });
}

/** The compiled child beside this file in dist/, or (under jest, from the sources) the one in the project's dist/. */
function childEntry(): string {
  if (__filename.endsWith('.js')) return join(__dirname, 'cmrt-batch-import.child.js');
  return join(projectRoot(), 'dist', 'apps', 'cli', 'src', 'bench', 'cmrt-batch-import.child.js');
}

const CHILD_TIMEOUT_MS = 10 * 60_000;

function runChild(entry: string, args: string[]): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    // With the flags `npm run cli` uses: the batch import collects between files, and a small young
    // generation keeps a batch tool's resident memory down.
    const child = spawn(process.execPath, ['--expose-gc', '--max-semi-space-size=2', entry, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8').trim();
      const report = stdout
        .split('\n')
        .reverse()
        .map((line) => parseReport(line))
        .find((parsed) => parsed !== undefined);
      if (code === 0 && report) return resolve(report);
      reject(
        new Error(
          `${basename(entry)} ${args[0]} ended with ${signal ?? `exit code ${code}`}${report ? '' : ' and no report'}: ${stderr.slice(-2000)}`,
        ),
      );
    });
  });
}

function parseReport(line: string): ChildReport | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(line) as ChildReport;
    return typeof parsed.maxRssMB === 'number' ? parsed : undefined;
  } catch {
    return undefined;
  }
}
