import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const REGISTER = join(__dirname, 'ts-register.js');
const ENTRIES = { api: 'apps/api/src/main.ts', cli: 'apps/cli/src/main.ts' } as const;

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A real node process running the API or the CLI from the sources (test/support/ts-register.js). */
export class NodeProcess {
  readonly child: ChildProcess;
  private out = '';
  private err = '';
  readonly exited: Promise<Exit>;

  constructor(entry: keyof typeof ENTRIES, args: string[], env: Record<string, string>) {
    this.child = spawn(process.execPath, ['-r', REGISTER, join(ROOT, ENTRIES[entry]), ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (chunk: Buffer) => (this.out += chunk.toString('utf8')));
    this.child.stderr!.on('data', (chunk: Buffer) => (this.err += chunk.toString('utf8')));
    this.exited = new Promise((resolve) =>
      this.child.on('close', (code, signal) => resolve({ code, signal, stdout: this.out, stderr: this.err })),
    );
  }

  get pid(): number {
    return this.child.pid!;
  }

  get output(): string {
    return this.out + this.err;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Ends the process (SIGTERM: the server shuts down cleanly; SIGKILL: it just dies) and waits for it. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<Exit> {
    if (this.running) this.child.kill(signal);
    return this.exited;
  }
}

/** A CLI command in its own process; resolves when it has ended. */
export function runCliProcess(args: string[], env: Record<string, string>): Promise<Exit> {
  return new NodeProcess('cli', args, env).exited;
}

export interface ServerProcess {
  process: NodeProcess;
  url: string;
  port: number;
  pid: number;
}

/**
 * Starts an API server process (PORT=0: a free port) and resolves once it listens, with its URL; rejects
 * with what it printed if it ends first.
 */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const server = new NodeProcess('api', [], { PORT: '0', ...env });
  const listening = /listening on (http:\/\/\S+) \(/;
  for (;;) {
    const match = listening.exec(server.output);
    if (match) return { process: server, url: match[1], port: Number(new URL(match[1]).port), pid: server.pid };
    if (!server.running) {
      const exit = await server.exited;
      throw new Error(`the server ended (exit code ${exit.code}) before listening: ${exit.stdout}${exit.stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
