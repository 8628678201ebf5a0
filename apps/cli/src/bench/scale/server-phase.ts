import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { highWaterMarkMB, killGroup } from './phase-process';
import { timeReads, type ReadFigure, type ReadFixtures } from './read-endpoints';

export interface ServerPhase {
  /** skipped: not run, by --skip-fresh-server. */
  status: 'ok' | 'failed' | 'over-budget' | 'skipped';
  /** From spawn to the first 200 of GET /health/ready, ms. */
  readyMs: number | null;
  /** From spawn to the first HTTP answer of any status (the server listens), ms. */
  listeningMs: number | null;
  /**
   * From spawn until GET /health shows every log-fed process manager level with the log, ms: the whole
   * start. Reads are timed only after it, so that they do not measure the catch-up's hold on the event loop.
   */
  caughtUpMs: number | null;
  /** Peak RSS of the server process up to caught up, and after the reads, MB. */
  readyMaxRssMB: number | null;
  maxRssMB: number | null;
  reads?: ReadFigure[];
  /** The same reads asked as of the middle of the log (`reads.asOf`). */
  asOfReads?: ReadFigure[];
  error?: string;
  budgetS?: number;
}

/**
 * Starts the real server as a child on `dataDir` (the scale child's `serve`: startApi with the scheduled
 * passes off), polls /health/ready until it answers 200, times every read if asked, and stops it. Over
 * budget (not ready in time), the server is killed and the phase reported so.
 */
export async function serverPhase(options: {
  entry: string;
  dataDir: string;
  budgetMs: number;
  reads?: { fixtures: ReadFixtures; requests: number; asOf?: string; progress?: (message: string) => void };
}): Promise<ServerPhase> {
  const port = await freePort();
  const started = performance.now();
  const deadline = started + options.budgetMs;
  // No API keys: the server listens on loopback only and every read is open to "local".
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DD_DATA_DIR: options.dataDir,
    DD_EVENT_STORE: 'sqlite',
    PORT: String(port),
    DD_HOST: '127.0.0.1',
  };
  delete env.DD_API_KEYS;
  delete env.DD_READ_ONLY;
  const child = spawn(process.execPath, [options.entry, 'serve'], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  let exited: string | null = null;
  const closed = new Promise<void>((resolve) =>
    child.on('close', (code, signal) => {
      exited = `exit ${signal ?? code}`;
      resolve();
    }),
  );
  child.on('error', (error) => {
    exited = error.message;
  });
  const base = `http://127.0.0.1:${port}`;
  let listeningMs: number | null = null;
  let readyMs: number | null = null;
  let caughtUpMs: number | null = null;
  try {
    while (readyMs === null) {
      if (exited) return failed(`the server ended (${exited}) before it was ready: ${stderr.trim().slice(-1500)}`);
      if (performance.now() > deadline) return { ...result(), status: 'over-budget', budgetS: Math.round(options.budgetMs / 1000) };
      const status = await probe(`${base}/health/ready`);
      const now = Math.round(performance.now() - started);
      if (status !== null && listeningMs === null) listeningMs = now;
      if (status === 200) readyMs = now;
      else await sleep(100);
    }
    while (caughtUpMs === null) {
      if (exited) return failed(`the server ended (${exited}) while its process managers caught up: ${stderr.trim().slice(-1500)}`);
      if (performance.now() > deadline) return { ...result(), status: 'over-budget', budgetS: Math.round(options.budgetMs / 1000) };
      if (await processManagersCaughtUp(`${base}/health`)) caughtUpMs = Math.round(performance.now() - started);
      else await sleep(250);
    }
    const readyMaxRssMB = highWaterMarkMB(child.pid);
    const asked = options.reads;
    const reads = asked
      ? await timeReads(base, asked.fixtures, { requests: asked.requests, deadline, progress: asked.progress })
      : undefined;
    const asOfReads =
      asked?.asOf === undefined
        ? undefined
        : await timeReads(base, asked.fixtures, { requests: asked.requests, deadline, asOf: asked.asOf, progress: asked.progress });
    return {
      ...result(),
      status: 'ok',
      readyMaxRssMB,
      maxRssMB: highWaterMarkMB(child.pid),
      ...(reads ? { reads } : {}),
      ...(asOfReads ? { asOfReads } : {}),
    };
  } catch (error) {
    return failed(error instanceof Error ? error.message : String(error));
  } finally {
    if (!exited) {
      killGroup(child, 'SIGTERM');
      const killer = setTimeout(() => killGroup(child, 'SIGKILL'), 15_000);
      await closed;
      clearTimeout(killer);
    }
  }

  function result(): Omit<ServerPhase, 'status'> {
    return { readyMs, listeningMs, caughtUpMs, readyMaxRssMB: null, maxRssMB: highWaterMarkMB(child.pid) };
  }
  function failed(error: string): ServerPhase {
    return { ...result(), status: 'failed', error };
  }
}

/** True once GET /health lists no running log-fed process manager behind the log (a stopped one is /health's to report). */
async function processManagersCaughtUp(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    const body = (await response.json()) as { processManagers?: Record<string, { driver: string; state: string; behind?: number }> };
    return Object.values(body.processManagers ?? {}).every(
      (manager) =>
        manager.driver !== 'log' ||
        manager.state === 'stopped' ||
        manager.state === 'retrying' ||
        manager.state === 'off' ||
        (manager.behind ?? 0) === 0,
    );
  } catch {
    return false;
  }
}

/** The status of a GET, or null while nothing listens (or it does not answer within 5 s). */
async function probe(url: string): Promise<number | null> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return null;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
