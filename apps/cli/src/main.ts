import 'reflect-metadata';
import type { Command } from 'commander';
import { ReadModelsUnavailable } from '@dd/projections';
import { CliRefusal } from './cli-refusal';
import { createReplayProgram, runsAuditReplay } from './replay-program';

/**
 * `audit replay` gets a program of that one command (the same definition), loaded alone; every other
 * command the whole program, loaded here rather than imported above so that the replay does not load
 * it (docs/as-of-at-scale.md).
 */
async function programFor(argv: readonly string[]): Promise<Command> {
  if (runsAuditReplay(argv)) return createReplayProgram();
  return (await import('./program')).createProgram();
}

programFor(process.argv)
  .then((program) => program.parseAsync(process.argv))
  .catch((error: unknown) => {
    // Refused or unavailable for now: the operator can do something about it (exit 1); anything else is a crash (exit 2).
    if (error instanceof CliRefusal || error instanceof ReadModelsUnavailable) {
      console.error(error.message);
      process.exit(1);
    }
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  });
