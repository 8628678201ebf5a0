import { parentPort, workerData } from 'node:worker_threads';
import { verifyStoredRange, type RangeSummary } from '../verify-stored-range';
import { openStoredLogFile } from './sqlite-stored-log';

/**
 * What the verifying thread asks (see verify-stored-workers.ts): a range to verify, with the shared
 * memory its hashes go to (64 hex bytes an event), or to stop.
 */
export type RangeRequest = { after: number; until: number; hashes: SharedArrayBuffer } | 'close';
/** Its answer: the range's summary (null: it does not hold), its hashes written into the request's memory. */
export interface RangeAnswer {
  after: number;
  summary: RangeSummary | null;
  hashes: SharedArrayBuffer;
}

/**
 * A worker thread of `audit verify`: verifies the ranges of positions it is given over a read-only
 * connection of its own, one row at a time, and answers each with its summary and hashes.
 */
const { file, salt } = workerData as { file: string; salt: string };
const snapshot = openStoredLogFile(file);
const port = parentPort!;
port.on('message', (request: RangeRequest) => {
  if (request === 'close') {
    snapshot.close();
    port.close();
    return;
  }
  // Copied out as bytes: a hash is a slice of its event's metadata, and a string of them would keep
  // every metadata of the range alive until the answer is sent.
  const hashes = Buffer.from(request.hashes);
  const summary = verifyStoredRange(snapshot.rows(request.after, request.until), request, salt, (position, hash) => {
    hashes.write(hash, 64 * (position - request.after - 1), 'latin1');
  });
  const answer: RangeAnswer = { after: request.after, summary, hashes: request.hashes };
  port.postMessage(answer);
});
