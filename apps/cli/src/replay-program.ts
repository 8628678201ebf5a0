import { Command } from 'commander';
import { registerReplayCommand } from './commands/audit-replay.command';
import { AUDIT_DESCRIPTION, PROGRAM_DESCRIPTION } from './program-descriptions';

/**
 * The CLI with `audit replay` alone: what main.ts runs for that command, so that an auditor's "as of"
 * question loads the event store, the read models and two reads, not every command's modules and the
 * Nest engine (they took longer to load than the answer from the read models' history takes to
 * compute: docs/as-of-at-scale.md). The command is the one createProgram registers.
 */
export function createReplayProgram(): Command {
  const program = new Command('dd').description(PROGRAM_DESCRIPTION).showHelpAfterError();
  registerReplayCommand(program.command('audit').description(AUDIT_DESCRIPTION));
  return program;
}

/** Whether these arguments (process.argv) run `audit replay`: the command's name, then its own. */
export function runsAuditReplay(argv: readonly string[]): boolean {
  return argv[2] === 'audit' && argv[3] === 'replay';
}
