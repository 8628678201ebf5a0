import { join } from 'node:path';
import type { EngineConfig } from '@dd/engine';
import { EVENT_STORE } from '@dd/engine';
import type { EventStore } from '@dd/event-store';
import { startApi } from '../../../api/src/bootstrap';
import { postLoad, type LoadFigures } from './autocannon-run';
import type { BenchmarkContext, BenchmarkOutcome } from './benchmark';
import { round } from './percentiles';
import { startRawHttpServer } from './raw-http-server';
import { atLeast, atMost, exactly } from './targets';
import { storageKind, withTempDir } from './temp-dir';

export interface HttpCommandsResult extends LoadFigures {
  storage: 'tmpfs' | 'disk';
  connections: number;
  /** Events in the store afterwards: every 2xx must have appended one. */
  eventsAppended: number;
  /** The same autocannon run against a bare node:http server doing one raw better-sqlite3 insert per request. */
  baseline: LoadFigures & { name: string };
  /** requestsPerSecond / baseline.requestsPerSecond. */
  ratio: number;
}

/**
 * (d) The real API (Nest + express, the sqlite store in a temp dir, port 0, no API keys) under
 * autocannon: 10 connections POSTing /commands/RegisterSupplier, each request a new supplier. The
 * baseline is the same load against the raw driver behind a bare node:http server. Both get a short
 * unreported warm-up first.
 */
export async function benchHttpCommands(context: BenchmarkContext): Promise<BenchmarkOutcome<HttpCommandsResult>> {
  const connections = 10;
  const durationSeconds = context.quick ? 2 : 10;
  const warmUpSeconds = context.quick ? 1 : 2;
  const path = '/commands/RegisterSupplier';
  return withTempDir(context.tmpRoot, 'http', async (dir) => {
    const load = (url: string, seconds: number) => postLoad({ url, path, connections, durationSeconds: seconds, scriptDir: dir });

    const config: EngineConfig = { dataDir: join(dir, 'engine'), eventStore: 'sqlite', port: 0, apiKeys: new Map() };
    const api = await startApi(config, { logger: false });
    let ours: LoadFigures;
    let eventsAppended: number;
    try {
      await load(api.url, warmUpSeconds);
      const store = api.app.get<EventStore>(EVENT_STORE);
      const before = await store.headPosition();
      context.progress(`http: API ${api.url}, ${connections} connections, ${durationSeconds} s`);
      ours = await load(api.url, durationSeconds);
      eventsAppended = (await store.headPosition()) - before;
    } finally {
      await api.app.close();
    }

    const raw = await startRawHttpServer(join(dir, 'raw.sqlite'));
    let baseline: LoadFigures;
    try {
      await load(raw.url, warmUpSeconds);
      context.progress(`http: raw node:http + better-sqlite3 ${raw.url}, ${connections} connections, ${durationSeconds} s`);
      baseline = await load(raw.url, durationSeconds);
    } finally {
      await raw.close();
    }

    const ratio = round(ours.requestsPerSecond / baseline.requestsPerSecond, 3);
    return {
      result: {
        storage: storageKind(dir),
        connections,
        ...ours,
        eventsAppended,
        baseline: { name: 'bare node:http + JSON.parse + one raw better-sqlite3 insert per request', ...baseline },
        ratio,
      },
      targets: [
        atLeast('http.requestsPerSecond (commands/s)', 1000, ours.requestsPerSecond),
        atMost('http.latencyMs.p99', 25, ours.latencyMs.p99),
        exactly('http.non2xx', 0, ours.non2xx),
      ],
    };
  });
}
