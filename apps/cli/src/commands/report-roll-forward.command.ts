import type { Command } from 'commander';
import { EVENT_STORE, InvalidReadParameters, riskMovementsIn, riskRollForwardRead } from '@dd/engine';
import type { EventStore } from '@dd/event-store';
import { RiskMovementWithoutRaise, riskRollForward, RollForwardDoesNotReconcile } from '@dd/reports';
import { CliRefusal, withEngine } from '../engine-context';
import { writeFileWhole } from './write-file-whole';

/** The `report` group, shared with the other reports: created by whichever registers first. */
export function reportCommand(program: Command): Command {
  return (
    program.commands.find((command) => command.name() === 'report') ??
    program.command('report').description('documents people read, made from the log and the read models')
  );
}

export function registerRollForwardReport(program: Command): void {
  const formats = Object.keys(riskRollForwardRead.renderings!);
  reportCommand(program)
    .command('roll-forward')
    .description(
      'roll-forward of the risk register as SEC Schedule II: per year and risk category, beginning balance, additions (raised), other, deductions (closed), end balance; exits 1 if it does not reconcile',
    )
    .requiredOption('--years <years>', 'comma separated, e.g. 2024,2025,2026')
    .option('--format <format>', formats.join(' | '), 'text')
    .option('--out <file>', 'file to write (default: print it; xlsx needs a file)')
    .action(async (options: { years: string; format: string; out?: string }) => {
      if (!formats.includes(options.format)) throw new CliRefusal(`--format: one of ${formats.join(', ')} (not ${options.format})`);
      if (options.format === 'xlsx' && !options.out) throw new CliRefusal('--out: an xlsx workbook goes to a file');
      const rendering = riskRollForwardRead.renderings![options.format];
      const bytes = await withEngine(
        async (engine) => {
          const parsed = riskRollForwardRead.params.safeParse({ years: options.years });
          if (!parsed.success) {
            throw new CliRefusal(new InvalidReadParameters(riskRollForwardRead.name, parsed.error).message.replace(/\byears/, '--years'));
          }
          try {
            // The exhibit filed is made from the log itself, every movement checked against its raise
            // (the API answers from the risk register's histories, which the log fed).
            const movements = await riskMovementsIn(engine.get<symbol, EventStore>(EVENT_STORE));
            const rollForward = riskRollForward(movements, parsed.data.years);
            return await rendering.render(rollForward, parsed.data);
          } catch (error) {
            // The figures do not add up: said, with each line that does not, rather than printed wrong.
            if (error instanceof RollForwardDoesNotReconcile || error instanceof RiskMovementWithoutRaise)
              throw new CliRefusal(error.message);
            throw error;
          }
        },
        { command: 'report roll-forward' },
      );
      if (!options.out) return void process.stdout.write(bytes);
      writeFileWhole(options.out, bytes);
      console.log(`wrote ${options.out}: risk roll-forward ${options.years}, ${options.format}, ${bytes.length} bytes`);
    });
}
