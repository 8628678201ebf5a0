import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The part of autocannon's result the report uses (autocannon 9 ships no types). */
interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number }>;
  latency: { average: number; p50: number; p90: number; p99: number; p99_9: number; max: number; totalCount: number };
  requests: { average: number; total: number; sent: number };
}

export interface LoadFigures {
  /** Completed requests / duration. */
  requestsPerSecond: number;
  /** autocannon's own mean of per-second samples, as its CLI prints it. */
  requestsPerSecondSampled: number;
  requests: number;
  durationSeconds: number;
  /** autocannon's latency histogram (ms; it records whole milliseconds). */
  latencyMs: { mean: number; p50: number; p90: number; p99: number; p999: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
}

export interface LoadOptions {
  url: string;
  path: string;
  connections: number;
  durationSeconds: number;
  /** Where the setupRequest module is written (autocannon's workers load it by path). */
  scriptDir: string;
}

/**
 * A per-request body: a RegisterSupplier with a supplierId no other request of any run uses, so
 * every request is a new supplier (201) rather than a refusal (422). Plain JavaScript because
 * autocannon's worker thread require()s it by path, outside of TypeScript and jest.
 */
const SETUP_REQUEST_JS = `'use strict';
const { threadId } = require('node:worker_threads');
const run = Date.now().toString(36) + process.pid.toString(36) + 't' + threadId;
let counter = 0;
module.exports = function setupRequest(request) {
  counter++;
  request.body = JSON.stringify({
    supplierId: 'H' + run + '-' + counter,
    name: 'Supplier ' + counter + ' Manufacturing Co., Ltd.',
    tier: 'direct',
    country: 'DE',
  });
  return request;
};
`;

/**
 * POSTs RegisterSupplier bodies for `durationSeconds` over `connections` keep-alive connections.
 * The load generator runs in one autocannon worker thread: on the main thread its own event-loop
 * work would queue behind the server's synchronous SQLite commits and inflate the latencies.
 */
export async function postLoad(options: LoadOptions): Promise<LoadFigures> {
  const script = join(options.scriptDir, `setup-request-${process.pid}.js`);
  writeFileSync(script, SETUP_REQUEST_JS);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const autocannon = require('autocannon') as (options: object) => Promise<AutocannonResult>;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationSeconds,
    workers: 1,
    requests: [
      {
        method: 'POST',
        path: options.path,
        headers: { 'content-type': 'application/json' },
        setupRequest: script,
      },
    ],
  });
  const statusCodes: Record<string, number> = {};
  for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = stats.count;
  return {
    requestsPerSecond: Math.round(result.requests.total / result.duration),
    requestsPerSecondSampled: Math.round(result.requests.average),
    requests: result.requests.total,
    durationSeconds: result.duration,
    latencyMs: {
      mean: Math.round(result.latency.average * 100) / 100,
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      p999: result.latency.p99_9,
      max: result.latency.max,
    },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
  };
}
