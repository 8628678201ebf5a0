import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { readCmrt } from '@dd/cmrt';
import { Declaration, evaluateDeclaration } from '@dd/domain';
import type { BenchmarkContext, BenchmarkOutcome } from './benchmark';
import { findCmrtSamples, noSamplesReason } from './cmrt-samples';
import { round } from './percentiles';
import { atLeast, atMost, notMeasured } from './targets';

export const CMRT_READ_TARGETS = { medianMs: 150, ratio: 5 } as const;

interface PerFile {
  file: string;
  bytes: number;
  medianMs: number;
}

export interface CmrtReadResult {
  samplesDir: string;
  files: number;
  /** What "read and check" is: what an upload does with a file before recording it. */
  work: string;
  /** Timed runs per file. */
  runs: number;
  /** Median ms of read + check over all runs of all files. */
  medianMs: number;
  minMs: number;
  maxMs: number;
  byFile: Array<PerFile & { smelterRows: number; findings: number }>;
  baseline: {
    name: string;
    runs: number;
    medianMs: number;
    minMs: number;
    maxMs: number;
    byFile: PerFile[];
    /**
     * Largest growth of the V8 heap / of the process RSS seen during a load (sampled every 5 ms
     * and once with the loaded workbook still held), over the same figure just before it, after a GC.
     */
    peakHeapDeltaMB: number;
    peakRssDeltaMB: number;
  };
  /** baseline.medianMs / medianMs: how many times faster than exceljs's full load. */
  ratio: number;
}

export type CmrtReadOutcome = CmrtReadResult | { skipped: string };

/**
 * (e) Reading and checking one real CMRT, as an upload does before it records anything: readCmrt
 * (only the parts it needs are inflated), the domain schema over the declaration it yields
 * (RecordResponse.parse does that) and the RMI Checker and review rules (evaluateDeclaration, as
 * the survey decider runs them). Beside it, in the same run on the same bytes, exceljs's full
 * `workbook.xlsx.load`: what reading a CMRT with exceljs costs before any cell is looked at.
 * Medians over every run of every sample in ../shared/cmrt/samples; when that folder is absent
 * the benchmark says so and its targets are reported as not measured.
 */
export async function benchCmrtRead(context: BenchmarkContext): Promise<BenchmarkOutcome<CmrtReadOutcome>> {
  const samples = findCmrtSamples();
  const targets = {
    medianMs: atMost('cmrtRead.medianMs (read + check one real CMRT)', CMRT_READ_TARGETS.medianMs, Number.NaN),
    ratio: atLeast('cmrtRead.ratio (exceljs full load / read + check)', CMRT_READ_TARGETS.ratio, Number.NaN),
  };
  if (samples.files.length === 0) {
    const skipped = noSamplesReason(samples);
    context.progress(`cmrtRead: skipped, ${skipped}`);
    return { result: { skipped }, targets: [notMeasured(targets.medianMs, skipped), notMeasured(targets.ratio, skipped)] };
  }
  const runs = context.quick ? 2 : 20;
  const exceljsRuns = context.quick ? 1 : 3;
  const warmUps = context.quick ? 1 : 3;
  const inputs = samples.files.map((file) => ({ file: basename(file), bytes: new Uint8Array(readFileSync(file)) }));
  const receivedAt = new Date().toISOString();
  const readAndCheck = (bytes: Uint8Array) => {
    const read = readCmrt(bytes);
    const declaration = Declaration.parse(read.declaration);
    return { declaration, findings: evaluateDeclaration(declaration, { receivedAt }) };
  };

  // Warm-up: let V8 optimise the code paths before anything is timed.
  const checked = inputs.map((input) => readAndCheck(input.bytes));
  for (let i = 1; i < warmUps; i++) for (const input of inputs) readAndCheck(input.bytes);

  context.progress(`cmrtRead: read + check, ${runs} run(s) of each of ${inputs.length} sample(s)`);
  const ours = inputs.map(() => [] as number[]);
  for (let run = 0; run < runs; run++) {
    inputs.forEach((input, index) => {
      const started = performance.now();
      readAndCheck(input.bytes);
      ours[index].push(performance.now() - started);
    });
  }

  context.progress(`cmrtRead: exceljs workbook.xlsx.load, ${exceljsRuns} run(s) of each sample`);
  const ExcelJS = (await import('exceljs')).default;
  const gc = exposeGc();
  const memory = { heap: 0, rss: 0 };
  const loadWithExceljs = async (bytes: Uint8Array): Promise<number> => {
    gc?.();
    const before = process.memoryUsage();
    const peak = { heap: before.heapUsed, rss: before.rss };
    const sample = () => {
      const now = process.memoryUsage();
      peak.heap = Math.max(peak.heap, now.heapUsed);
      peak.rss = Math.max(peak.rss, now.rss);
    };
    const sampler = setInterval(sample, 5);
    const started = performance.now();
    try {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
      const ms = performance.now() - started;
      sample(); // the workbook is still held here
      if (workbook.worksheets.length === 0) throw new Error('exceljs loaded no worksheet');
      return ms;
    } finally {
      clearInterval(sampler);
      memory.heap = Math.max(memory.heap, peak.heap - before.heapUsed);
      memory.rss = Math.max(memory.rss, peak.rss - before.rss);
    }
  };
  await loadWithExceljs(inputs[0].bytes); // warm-up (its memory counts: the first load is the one that grows the process)
  const theirs = inputs.map(() => [] as number[]);
  for (let run = 0; run < exceljsRuns; run++) {
    for (const [index, input] of inputs.entries()) theirs[index].push(await loadWithExceljs(input.bytes));
  }
  gc?.();

  const all = (timings: number[][]) => timings.flat();
  const medianMs = median(all(ours));
  const exceljsMedianMs = median(all(theirs));
  const ratio = exceljsMedianMs / medianMs;
  const megabytes = (bytes: number) => round(bytes / 2 ** 20, 1);
  return {
    result: {
      samplesDir: samples.dir,
      files: inputs.length,
      work: 'readCmrt + Declaration.parse + evaluateDeclaration',
      runs,
      medianMs: round(medianMs, 2),
      minMs: round(Math.min(...all(ours)), 2),
      maxMs: round(Math.max(...all(ours)), 2),
      byFile: inputs.map((input, index) => ({
        file: input.file,
        bytes: input.bytes.byteLength,
        medianMs: round(median(ours[index]), 2),
        smelterRows: checked[index].declaration.smelters?.length ?? 0,
        findings: checked[index].findings.length,
      })),
      baseline: {
        name: 'exceljs new Workbook().xlsx.load(bytes): the full workbook',
        runs: exceljsRuns,
        medianMs: round(exceljsMedianMs, 1),
        minMs: round(Math.min(...all(theirs)), 1),
        maxMs: round(Math.max(...all(theirs)), 1),
        byFile: inputs.map((input, index) => ({
          file: input.file,
          bytes: input.bytes.byteLength,
          medianMs: round(median(theirs[index]), 1),
        })),
        peakHeapDeltaMB: megabytes(memory.heap),
        peakRssDeltaMB: megabytes(memory.rss),
      },
      ratio: round(ratio, 1),
    },
    targets: [
      atMost(targets.medianMs.name, CMRT_READ_TARGETS.medianMs, round(medianMs, 2)),
      atLeast(targets.ratio.name, CMRT_READ_TARGETS.ratio, round(ratio, 1)),
    ],
  };
}

/**
 * A full GC before each exceljs load, so its memory delta is not the garbage of the one before.
 * global.gc when node runs with --expose-gc; otherwise exposed at run time (a V8 flag that only
 * makes the gc function available). Null if neither works: the deltas are then upper bounds.
 */
function exposeGc(): (() => void) | null {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (typeof existing === 'function') return existing;
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    return null;
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
