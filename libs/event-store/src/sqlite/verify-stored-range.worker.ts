import { parentPort, workerData } from 'node:worker_threads';
import { verifyStoredRange, type RangeSummary } from '../verify-stored-range';
import { openStoredLogFile } from './sqlite-stored-log';

/** What the verifying thread asks (see verify-stored-workers.ts): a range to verify, or to stop. */
export type RangeRequest = { after: number; until: number } | 'close';
/** Its answer: the range's summary (null: it does not hold) and every event's hash in order, 64 hex each. */
export interface RangeAnswer {
  after: number;
  summary: RangeSummary | null;
  hashes: string;
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
  let hashes = '';
  const summary = verifyStoredRange(snapshot.rows(request.after, request.until), request, salt, (_position, hash) => {
    hashes += hash;
  });
  const answer: RangeAnswer = { after: request.after, summary, hashes: summary ? hashes : '' };
  port.postMessage(answer);
});
