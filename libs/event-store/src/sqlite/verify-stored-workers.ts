import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RangeAnswer, RangeRequest } from './verify-stored-range.worker';

const WORKER_MODULE = join(__dirname, `verify-stored-range.worker${extname(__filename)}`);

/**
 * Under jest the sources are TypeScript, which a worker thread of Node 20 cannot load: there the
 * worker compiles them with swc as jest does. The build runs the compiled .js directly.
 */
const COMPILE_THEN_RUN = `
const { readFileSync } = require('node:fs');
const { workerData } = require('node:worker_threads');
const { transformSync } = require(require.resolve('@swc/core', { paths: [workerData.module] }));
const options = (filename) => ({ filename, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } });
require.extensions['.ts'] = (module, filename) => module._compile(transformSync(readFileSync(filename, 'utf8'), options(filename)).code, filename);
require(workerData.module);
`;

function startWorker(file: string, salt: string): Worker {
  const workerData = { module: WORKER_MODULE, file, salt };
  return extname(WORKER_MODULE) === '.ts'
    ? new Worker(COMPILE_THEN_RUN, { eval: true, workerData })
    : new Worker(WORKER_MODULE, { workerData });
}

/** Ranges a worker holds at once: one it verifies, one queued, so it never waits for the next. */
const QUEUED_PER_WORKER = 2;
/** Answers held waiting for an earlier range, per worker: bounds memory when one worker falls behind. */
const AHEAD_PER_WORKER = 3;

/**
 * Verifies positions (0, position] of a log file in ranges of `rangeSize`, spread over `workers`
 * worker threads (each with its own read-only connection), and hands every answer to `take` in
 * position order, so the caller can chain what runs through the whole log (the log digest, the links
 * across range borders). Resolves true when every range was taken, false as soon as a range does not
 * hold or `take` returns false (the workers are then stopped); rejects when a worker fails, since a
 * range nobody verified proves nothing.
 */
export function verifyRangesInWorkers(
  options: { file: string; salt: string; position: number; rangeSize: number; workers: number },
  take: (answer: RangeAnswer) => boolean,
): Promise<boolean> {
  const { file, salt, position, rangeSize } = options;
  const ranges = Math.ceil(position / rangeSize);
  if (ranges === 0) return Promise.resolve(true);
  return new Promise<boolean>((resolve, reject) => {
    const pool = Array.from({ length: Math.max(1, Math.min(options.workers, ranges)) }, () => startWorker(file, salt));
    const held = new Map<Worker, number>(pool.map((worker) => [worker, 0]));
    const waiting = new Map<number, RangeAnswer>();
    // Memory for the hashes of the ranges out at once, used again and again: no more of it is ever
    // made than the ranges given but not yet taken, however long the log.
    const free: SharedArrayBuffer[] = [];
    let nextToGive = 0;
    let nextToTake = 0;
    let settled = false;
    const finish = (outcome: boolean | Error) => {
      if (settled) return;
      settled = true;
      for (const worker of pool) {
        if (outcome === true) worker.postMessage('close' satisfies RangeRequest);
        else void worker.terminate();
      }
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const give = (worker: Worker) => {
      while (held.get(worker)! < QUEUED_PER_WORKER && nextToGive < ranges && nextToGive < nextToTake + AHEAD_PER_WORKER * pool.length) {
        const after = nextToGive * rangeSize;
        const hashes = free.pop() ?? new SharedArrayBuffer(64 * rangeSize);
        worker.postMessage({ after, until: Math.min(position, after + rangeSize), hashes } satisfies RangeRequest);
        held.set(worker, held.get(worker)! + 1);
        nextToGive++;
      }
    };
    for (const worker of pool) {
      worker.on('message', (answer: RangeAnswer) => {
        if (settled) return;
        held.set(worker, held.get(worker)! - 1);
        waiting.set(answer.after / rangeSize, answer);
        try {
          for (let next = waiting.get(nextToTake); next !== undefined; next = waiting.get(nextToTake)) {
            waiting.delete(nextToTake++);
            if (next.summary === null || !take(next)) return finish(false);
            free.push(next.hashes);
          }
        } catch (error) {
          return finish(error instanceof Error ? error : new Error(String(error)));
        }
        if (nextToTake === ranges) return finish(true);
        for (const each of pool) give(each);
      });
      worker.on('error', (error) => finish(new Error(`a worker thread verifying ${file} failed: ${error.message}`)));
      worker.on('exit', (code) =>
        finish(new Error(`a worker thread verifying ${file} stopped (exit code ${code}) before its ranges were verified`)),
      );
    }
    for (const worker of pool) give(worker);
  });
}
