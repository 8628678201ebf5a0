import { ReadModelsUnavailable } from '@dd/projections';
import { CliRefusal } from '../../apps/cli/src/engine-context';
import { createProgram } from '../../apps/cli/src/program';

export interface CliRun {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/**
 * Runs the real CLI program in this process against the data directory given, capturing what it
 * prints. In-process keeps the suite free of a build step; the commands, files and stores are real.
 */
export async function runCli(args: string[], env: Record<string, string>): Promise<CliRun> {
  const saved = { ...process.env };
  const out: string[] = [];
  const err: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void out.push(parts.join(' ')));
  const error = jest.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => void err.push(parts.join(' ')));
  Object.assign(process.env, env);
  process.exitCode = undefined;
  try {
    try {
      await createProgram()
        .exitOverride()
        .parseAsync(['node', 'dd', ...args]);
    } catch (problem) {
      // As main.ts answers them: a refusal is a message and exit code 1.
      if (!(problem instanceof CliRefusal || problem instanceof ReadModelsUnavailable)) throw problem;
      console.error(problem.message);
      process.exitCode = 1;
    }
    return { stdout: out.join('\n'), stderr: err.join('\n'), exitCode: Number(process.exitCode ?? 0) };
  } finally {
    process.exitCode = undefined;
    process.env = saved;
    log.mockRestore();
    error.mockRestore();
  }
}
