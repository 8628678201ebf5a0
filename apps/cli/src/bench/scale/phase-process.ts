import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { round } from '../percentiles';

/** How one phase of the scale benchmark ended: its own process, so its peak RSS is its own. */
export interface PhaseOutcome {
  status: 'ok' | 'failed' | 'over-budget';
  /** Wall time from spawn to exit (or to the kill), ms. */
  ms: number;
  /** Peak resident set of the phase's process, MB (from /usr/bin/time -v, else sampled VmHWM). */
  maxRssMB: number | null;
  rssSource: '/usr/bin/time' | 'sampled VmHWM' | 'none';
  /** On failure: the end of stderr. */
  error?: string;
  budgetS?: number;
}

export interface PhaseRun extends PhaseOutcome {
  stdout: string;
}

const GNU_TIME = '/usr/bin/time';

/**
 * Runs `node <args>` as its own process group under a wall-clock budget. Over budget, the whole group is
 * killed (SIGKILL) and the phase reported as such: a slow phase never hangs the benchmark. Stdout is
 * kept up to `keepStdout` characters (an "as of" answer at 10M events is large and not the point).
 */
export function runPhase(
  args: string[],
  options: { env: NodeJS.ProcessEnv; budgetMs: number; scratchDir: string; keepStdout?: number },
): Promise<PhaseRun> {
  const timeFile = join(options.scratchDir, `time-${process.pid}-${Date.now()}.txt`);
  const useTime = existsSync(GNU_TIME);
  const [command, commandArgs] = useTime ? [GNU_TIME, ['-v', '-o', timeFile, process.execPath, ...args]] : [process.execPath, args];
  const keep = options.keepStdout ?? 64_000;
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(command, commandArgs, { env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      if (stdout.length < keep) stdout += chunk.toString('utf8');
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4000);
    });
    const sampler = useTime ? null : sampleHighWaterMark(child);
    let overBudget = false;
    const timer = setTimeout(() => {
      overBudget = true;
      killGroup(child);
    }, options.budgetMs);
    const finish = (code: number | null, signal: NodeJS.Signals | null, spawnError?: Error) => {
      clearTimeout(timer);
      const ms = Math.round(performance.now() - started);
      const sampled = sampler?.stop() ?? null;
      const timed = useTime ? maxRssFromTime(timeFile) : null;
      rmSync(timeFile, { force: true });
      const maxRssMB = timed ?? sampled;
      const base = {
        ms,
        maxRssMB,
        rssSource: (timed !== null ? GNU_TIME : sampled !== null ? 'sampled VmHWM' : 'none') as PhaseOutcome['rssSource'],
        stdout,
      };
      if (overBudget) return resolve({ ...base, status: 'over-budget', budgetS: Math.round(options.budgetMs / 1000) });
      // GNU time exits with the command's code; "Command exited with non-zero status" is its own line on stderr.
      if (spawnError || code !== 0)
        return resolve({
          ...base,
          status: 'failed',
          error: spawnError?.message ?? `exit ${signal ?? code}: ${stderr.trim().slice(-1500)}`,
        });
      resolve({ ...base, status: 'ok' });
    };
    child.on('error', (error) => finish(null, null, error));
    child.on('close', (code, signal) => finish(code, signal));
  });
}

/** Kills a process started with detached: true together with its children (e.g. node under /usr/bin/time). */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

function maxRssFromTime(file: string): number | null {
  if (!existsSync(file)) return null;
  const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(readFileSync(file, 'utf8'));
  return match ? round(Number(match[1]) / 1024, 1) : null;
}

/** Peak RSS (VmHWM, the kernel's own high-water mark) of a live process, MB; null where /proc is not. */
export function highWaterMarkMB(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? round(Number(match[1]) / 1024, 1) : null;
  } catch {
    return null;
  }
}

/** Without GNU time: VmHWM read every 200 ms; the last reading before exit is the figure. */
function sampleHighWaterMark(child: ChildProcess): { stop(): number | null } {
  let last: number | null = null;
  const read = () => {
    last = highWaterMarkMB(child.pid) ?? last;
  };
  const interval = setInterval(read, 200);
  return {
    stop() {
      clearInterval(interval);
      return last;
    },
  };
}
