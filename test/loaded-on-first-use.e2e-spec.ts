import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createProgram } from '../apps/cli/src/program';
import { createReplayProgram } from '../apps/cli/src/replay-program';
import { runCliProcess, startServerProcess, type ServerProcess } from './support/child-processes';
import { runCli } from './support/run-cli';

const HOOK = resolve(__dirname, 'support', 'loaded-modules.js');

/** Libraries only some requests use: a process loads them when one of those requests comes. */
const ON_FIRST_USE = ['exceljs', 'playwright-core', 'echarts', 'handlebars', 'nodemailer'];
/** What `audit replay` does not need: the Nest engine and the other commands (docs/as-of-at-scale.md). */
const NOT_FOR_AS_OF = ['@nestjs/core', '@nestjs/common', '@nestjs/cqrs', 'engine.module', 'engine-context', 'program', ...ON_FIRST_USE];

/**
 * A process loads what it uses, when it uses it (docs/bounded-start.md): a server listens without the
 * report, export and mail libraries, and `audit replay` answers without the engine. Each process is
 * real (the sources run as the suite's child processes run them) and records what it loads.
 */
describe('libraries and modules loaded on first use', () => {
  const work = mkdtempSync(join(tmpdir(), 'dd-loaded-'));
  const dataDir = join(work, 'data');
  const env = { DD_DATA_DIR: dataDir, DD_EVENT_STORE: 'sqlite' };
  let server: ServerProcess | undefined;
  let runs = 0;

  /** Env that makes the process record what it loads, and the file it records into. */
  const recording = () => {
    const file = join(work, `loaded-${++runs}.txt`);
    return { file, env: { ...env, NODE_OPTIONS: `--require ${HOOK}`, DD_TEST_LOADED_MODULES: file } };
  };
  const loaded = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean);
  const post = (command: string, body: unknown) =>
    fetch(`${server!.url}/commands/${command}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  afterAll(async () => {
    await server?.process.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('a server listens, and answers /health and /docs-json, without exceljs, playwright-core, echarts, handlebars or nodemailer', async () => {
    const { file, env: recorded } = recording();
    server = await startServerProcess(recorded);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    const docs = await fetch(`${server.url}/docs-json`);
    expect(docs.status).toBe(200);
    expect(Object.keys(((await docs.json()) as { paths: object }).paths)).toEqual(expect.arrayContaining(['/risk-register']));

    const modules = loaded(file);
    expect(modules).toEqual(expect.arrayContaining(['@nestjs/core', 'better-sqlite3', 'zod']));
    expect(modules.filter((name) => ON_FIRST_USE.includes(name))).toEqual([]);
  }, 120_000);

  it('`audit replay` in its own process loads neither the engine nor the other commands, and answers as the whole program does', async () => {
    expect((await post('RegisterSupplier', { supplierId: 'lo-1', name: 'Loaded One', tier: 'direct' })).status).toBe(201);
    expect(
      (await post('FlagNonConflictFree', { supplierId: 'lo-1', period: 2025, metal: 'tin', smelterId: 'CID000228', reason: 'first flag' }))
        .status,
    ).toBe(201);
    const args = ['audit', 'replay', '--as-of', new Date().toISOString(), '--period', '2025', '--json'];

    const { file, env: recorded } = recording();
    const alone = await runCliProcess(args, recorded);
    expect(alone).toMatchObject({ code: 0 });
    const whole = await runCli(args, env);
    expect(whole.exitCode).toBe(0);
    expect(JSON.parse(alone.stdout)).toEqual(JSON.parse(whole.stdout));
    expect(JSON.parse(alone.stdout).periods[0].riskRegister.map((risk: { metal: string }) => risk.metal)).toEqual(['tin']);

    const modules = loaded(file);
    expect(modules).toEqual(expect.arrayContaining(['audit-replay.command', 'better-sqlite3']));
    expect(modules.filter((name) => NOT_FOR_AS_OF.includes(name))).toEqual([]);
  }, 120_000);

  it('`audit replay` alone is the command the whole program registers: same options, same help', () => {
    const replayIn = (program: ReturnType<typeof createProgram>) =>
      program.commands.find((command) => command.name() === 'audit')!.commands.find((command) => command.name() === 'replay')!;
    expect(replayIn(createReplayProgram()).helpInformation()).toBe(replayIn(createProgram()).helpInformation());
    expect(
      createReplayProgram()
        .commands.find((command) => command.name() === 'audit')!
        .description(),
    ).toBe(
      createProgram()
        .commands.find((command) => command.name() === 'audit')!
        .description(),
    );
  });
});
