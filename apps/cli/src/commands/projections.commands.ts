import type { Command } from 'commander';
import { ProjectionRunner } from '@dd/projections';
import { withEngine } from '../engine-context';

export function registerProjectionCommands(program: Command): void {
  const projections = program.command('projections').description('read models');
  projections
    .command('rebuild')
    .description('drop the read models and replay the whole log into them (stop the server first)')
    .option('--only <names...>', 'rebuild only these read models')
    .action(async (options: { only?: string[] }) => {
      await withEngine(async (engine) => {
        const result = await engine.get(ProjectionRunner).rebuild(options.only);
        const rate = result.ms > 0 ? Math.round((result.events / result.ms) * 1000) : result.events;
        console.log(`rebuilt ${options.only?.join(', ') ?? 'all read models'} from ${result.events} events in ${result.ms} ms (${rate} events/s)`);
      });
    });
}
