import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cmrtDeclarationRows, minimalXlsx } from '@dd/cmrt/testing';
import { NodeProcess, runCliProcess, startServerProcess, type Exit, type ServerProcess } from './support/child-processes';

/**
 * Many processes on one data directory, each a real node process on real SQLite files: the server
 * keeps the read models; CLI commands run beside it and either work together with it or refuse,
 * naming it; a second server is refused, unless it is a read-only replica; a server killed with
 * kill -9 leaves nothing behind that stops the next one.
 */
describe('one data directory shared by a server and CLI processes', () => {
  const work = mkdtempSync(join(tmpdir(), 'dd-shared-'));
  const dataDir = join(work, 'data');
  const env = { DD_DATA_DIR: dataDir, DD_EVENT_STORE: 'sqlite' };
  let server: ServerProcess;
  const nextYear = new Date().getUTCFullYear() + 1;

  const call = async (method: string, url: string, body?: unknown) => {
    const response = await fetch(url, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: text ? JSON.parse(text) : undefined };
  };
  const get = (path: string, base = server.url) => call('GET', `${base}${path}`);
  const post = (command: string, body: unknown, base = server.url) => call('POST', `${base}/commands/${command}`, body);

  /** Polls until the check holds, for at most `bound` ms; the bound is a failure line, not a measurement. */
  const eventually = async <T>(read: () => Promise<T>, holds: (value: T) => boolean, bound = 10_000): Promise<T> => {
    const deadline = Date.now() + bound;
    for (;;) {
      const value = await read();
      if (holds(value) || Date.now() > deadline) return value;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  beforeAll(async () => {
    server = await startServerProcess(env);
    expect((await post('RegisterSupplier', { supplierId: 'probe-1', name: 'Probe Supplier Ltd', tier: 'direct' })).status).toBe(201);
    expect((await post('SendCMRT', { supplierId: 'probe-1', period: 2026, dueDate: `${nextYear}-01-31` })).status).toBe(201);
  });

  afterAll(async () => {
    await server?.process.stop();
    rmSync(work, { recursive: true, force: true });
  });

  // Six CLI processes, each starting Node and opening the data directory, under concurrent load: minutes on a busy machine.
  it('runs CLI imports while the server takes reads and writes: every request answers 2xx and the imports show in the server', async () => {
    const referenceCsv = join(work, 'reference.csv');
    writeFileSync(
      referenceCsv,
      'Metal,Smelter Look-up,Standard Smelter Name,Smelter Country,Smelter ID\n' +
        'Tin,Yunnan Tin Company Limited,Yunnan Tin Company Limited,CHINA,CID002180\n' +
        'Gold,Metalor Technologies (Suisse) SA,Metalor Technologies (Suisse) SA,SWITZERLAND,CID001153\n',
    );
    const statusCsv = join(work, 'rmap.csv');
    writeFileSync(statusCsv, 'Metal,Smelter ID,Name,Status,As Of\nTin,CID002180,Yunnan Tin Company Limited,Conformant,2025-01-31\n');
    const workbooks = join(work, 'workbooks');
    mkdirSync(workbooks);
    writeFileSync(
      join(workbooks, 'probe.xlsx'),
      minimalXlsx({
        sheets: [
          {
            name: 'Declaration',
            sheetData: cmrtDeclarationRows('<row r="8"><c r="D8" t="inlineStr"><is><t>Probe Supplier Ltd</t></is></c></row>'),
          },
        ],
      }),
    );

    // The CLI commands, one after another in their own processes, while the load below runs.
    let cliDone = false;
    const cli = (async () => {
      const runs: Record<string, Exit> = {};
      try {
        runs.reference = await runCliProcess(['smelters', 'import-reference', referenceCsv, '--as-of', '2025-01-15'], env);
        runs.status = await runCliProcess(['smelters', 'import-status', statusCsv], env);
        runs.cmrt = await runCliProcess(['cmrt', 'import', workbooks, '--period', '2026', '--json'], env);
        runs.trail = await runCliProcess(['audit', 'trail', '--type', 'RmapStatusListImported', '--json'], env);
        runs.reminders = await runCliProcess(['reminders', 'run', '--json'], env);
        runs.verify = await runCliProcess(['audit', 'verify'], env);
        return runs;
      } finally {
        cliDone = true;
      }
    })();

    // Concurrent writers and readers over HTTP for as long as the CLI runs (bounded: at most MAX_ROUNDS each).
    const MAX_ROUNDS = 5000;
    const answers: Array<{ request: string; status: number }> = [];
    let cliRunningThroughout = true;
    const worker = async (w: number) => {
      for (let n = 0; !cliDone; n++) {
        if (n === MAX_ROUNDS) {
          cliRunningThroughout = false;
          break;
        }
        const supplierId = `load-${w}-${n}`;
        const written = await post('RegisterSupplier', { supplierId, name: `Load ${w} ${n}`, tier: 'indirect' });
        answers.push({ request: `POST RegisterSupplier ${supplierId}`, status: written.status });
        for (const path of [`/suppliers/${supplierId}`, '/smelters/CID002180', `/risk-register?period=2026`, '/audit-trail?limit=5']) {
          const read = await get(path);
          // The smelter is unknown (404) until the reference list is projected: that is an answer, not a failure.
          answers.push({ request: `GET ${path}`, status: read.status === 404 && path.startsWith('/smelters/') ? 200 : read.status });
        }
      }
    };
    await Promise.all([0, 1, 2].map(worker));
    const runs = await cli;

    for (const [name, run] of Object.entries(runs))
      expect({ name, code: run.code, stderr: run.code === 0 ? '' : run.stderr }).toEqual({ name, code: 0, stderr: '' });
    // Each command that needed the read side worked together with the server, and said so.
    expect(runs.status.stderr).toMatch(
      new RegExp(
        `note: a server \\(pid ${server.pid} on host \\S+, ${server.url.replace(/[.]/g, '\\.')}, since \\S+\\) keeps the read models`,
      ),
    );
    expect(JSON.parse(runs.cmrt.stdout).files).toEqual([
      expect.objectContaining({ file: 'probe.xlsx', supplierId: 'probe-1', result: 'recorded' }),
    ]);
    expect(JSON.parse(runs.trail.stdout).items).toHaveLength(1);
    expect(runs.verify.stdout).toMatch(/^ok: /);

    // The load overlapped every CLI command: it ran until the last of them ended.
    expect(cliRunningThroughout).toBe(true);
    expect(answers.filter((answer) => answer.status >= 300)).toEqual([]);

    // What the CLI appended is in the server's read models (the bound only ends a failing wait).
    const smelter = await eventually(
      () => get('/smelters/CID002180'),
      (read) => read.status === 200 && JSON.stringify(read.body).includes('conformant'),
    );
    expect(smelter.status).toBe(200);
    expect(JSON.stringify(smelter.body)).toMatch(/Yunnan Tin Company Limited/);
    const supplier = await get('/suppliers/probe-1');
    expect(supplier.body.surveys[0].status).toBe('responded');

    const health = await get('/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok', role: 'primary', problems: [] });
    for (const projection of Object.values(health.body.projections) as Array<{ state: string; behind: number }>) {
      expect(projection).toMatchObject({ state: 'running', behind: 0 });
    }
  }, 300_000);

  it('refuses a second server on the data directory, naming the first one (pid and port)', async () => {
    const second = await new NodeProcess('api', [], { ...env, PORT: '0' }).exited;
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(
      new RegExp(
        `not started: the read models in .* are kept by a server \\(pid ${server.pid} on host \\S+, http://127\\.0\\.0\\.1:${server.port}, since`,
      ),
    );
    expect(second.stderr).toMatch(
      /One server per data directory: stop that one first, or start this one as a read-only replica \(DD_READ_ONLY=1\)/,
    );
    // The first one still serves, and its read models still move.
    expect((await post('RegisterSupplier', { supplierId: 'after-second', name: 'After', tier: 'direct' })).status).toBe(201);
    expect((await get('/suppliers/after-second')).status).toBe(200);
  });

  it('refuses projections rebuild and demo seed while the server runs, naming it', async () => {
    const rebuild = await runCliProcess(['projections', 'rebuild'], env);
    expect(rebuild.code).toBe(1);
    expect(rebuild.stderr).toMatch(
      new RegExp(
        `projections rebuild refused: .* a server \\(pid ${server.pid} .*:${server.port}, since .*\\); stop the server first, then rebuild`,
      ),
    );
    const demo = await runCliProcess(['demo', 'seed', '--force'], env);
    expect(demo.code).toBe(1);
    expect(demo.stderr).toMatch(new RegExp(`demo seed refused: .* a server \\(pid ${server.pid} `));
    expect((await get('/health')).body.status).toBe('ok');
  });

  it('serves a read-only replica from the same read models: reads answer, commands are refused with 405', async () => {
    const replica = await startServerProcess({ ...env, DD_READ_ONLY: '1' });
    try {
      expect((await get('/suppliers/probe-1', replica.url)).body.surveys[0].status).toBe('responded');

      // A write on the primary is in the replica's next read (it waits for the primary's checkpoints).
      expect((await post('RegisterSupplier', { supplierId: 'seen-by-replica', name: 'Seen', tier: 'direct' })).status).toBe(201);
      expect((await get('/suppliers/seen-by-replica', replica.url)).status).toBe(200);

      const refused = await post('RegisterSupplier', { supplierId: 'on-replica', name: 'No', tier: 'direct' }, replica.url);
      expect(refused.status).toBe(405);
      expect(refused.contentType).toMatch(/^application\/problem\+json/);
      expect(refused.body).toMatchObject({
        code: 'read-only-replica',
        primary: server.url,
        detail: expect.stringMatching(/read-only replica \(DD_READ_ONLY=1\)/),
      });
      expect((await get('/suppliers/on-replica')).status).toBe(404);

      const health = await get('/health', replica.url);
      expect(health.status).toBe(200);
      expect(health.body).toMatchObject({ status: 'ok', role: 'replica', primary: { pid: server.pid, url: server.url } });
      expect((await get('/health/ready', replica.url)).status).toBe(200);
    } finally {
      await replica.process.stop();
    }
  });

  it('starts again after the server was killed with kill -9: the lock died with it', async () => {
    const killed = await server.process.stop('SIGKILL');
    expect(killed.signal).toBe('SIGKILL');
    server = await startServerProcess(env);
    expect((await get('/suppliers/probe-1')).body.surveys[0].status).toBe('responded');
    expect((await get('/health/ready')).status).toBe(200);
  });
});

describe('servers started at the same instant on one data directory', () => {
  it('lets exactly one serve; the others are refused, naming it', async () => {
    const work = mkdtempSync(join(tmpdir(), 'dd-race-'));
    const env = { DD_DATA_DIR: join(work, 'data'), DD_EVENT_STORE: 'sqlite', PORT: '0' };
    const servers = [0, 1, 2].map(() => new NodeProcess('api', [], env));
    try {
      // Each either listens or ends; the ones that end are the refused ones.
      await Promise.all(servers.map((server) => waitUntil(() => /listening on/.test(server.output) || !server.running)));
      const serving = servers.filter((server) => server.running);
      expect(serving).toHaveLength(1);
      for (const refused of servers.filter((server) => !server.running)) {
        const exit = await refused.exited;
        expect(exit.code).toBe(1);
        expect(exit.stderr).toMatch(new RegExp(`kept by a server \\(pid ${serving[0].pid} `));
      }
    } finally {
      await Promise.all(servers.map((server) => server.stop()));
      rmSync(work, { recursive: true, force: true });
    }
  });
});

describe('a server opened to the network', () => {
  it('listens where DD_HOST says and warns that it speaks plain HTTP', async () => {
    const work = mkdtempSync(join(tmpdir(), 'dd-host-'));
    try {
      const server = await startServerProcess({
        DD_DATA_DIR: join(work, 'data'),
        DD_HOST: '0.0.0.0',
        DD_API_KEYS: 'compliance-key-1=alice:compliance',
      });
      try {
        expect(server.url).toBe(`http://0.0.0.0:${server.port}`);
        // Logged before "listening on", but stdout and stderr are two pipes: it may arrive a moment later.
        const warning = /DD_HOST=0\.0\.0\.0: the API is reachable from other machines and speaks plain HTTP.*put TLS in front/;
        const until = Date.now() + 10_000;
        while (!warning.test(server.process.output) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
        expect(server.process.output).toMatch(warning);
        expect((await fetch(`http://127.0.0.1:${server.port}/health/live`)).status).toBe(200);
      } finally {
        await server.process.stop();
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('refuses a malformed DD_API_KEYS entry by its position and principal, without printing its key', async () => {
    const exit = await new NodeProcess('api', [], {
      DD_DATA_DIR: join(tmpdir(), 'dd-never-created'),
      DD_API_KEYS: 'compliance-key-1=alice:compliance,bob-s3cret-key',
    }).exited;
    expect(exit.code).toBe(1);
    expect(exit.stderr).toMatch(/DD_API_KEYS: entry 2 of 2 is not key=principal:role/);
    expect(exit.stdout + exit.stderr).not.toMatch(/s3cret/);
  });
});

async function waitUntil(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 50));
}
