import type { Command } from 'commander';
import { READ_MODEL_ROLE, type ReadModelRole } from '@dd/engine';
import { ProjectionRunner } from '@dd/projections';
import { withEngine } from '../engine-context';

export function registerProjectionCommands(program: Command): void {
  const projections = program.command('projections').description('read models');
  projections
    .command('rebuild')
    .description('drop the read models and replay the whole log into them (refused while a server runs on the data directory)')
    .option('--only <names...>', 'rebuild only these read models')
    .action(async (options: { only?: string[] }) => {
      await withEngine(
        async (engine) => {
          // Processes reading these read models (a replica) refuse their reads meanwhile instead of showing half a rebuild.
          const { ownership } = engine.get<symbol, ReadModelRole>(READ_MODEL_ROLE);
          ownership?.publish({ state: 'rebuilding' });
          const result = await engine.get(ProjectionRunner).rebuild(options.only);
          ownership?.publish({ state: 'running' });
          const rate = result.ms > 0 ? Math.round((result.events / result.ms) * 1000) : result.events;
          console.log(
            `rebuilt ${options.only?.join(', ') ?? 'all read models'} from ${result.events} events in ${result.ms} ms (${rate} events/s)`,
          );
          for (const stopped of result.stopped) {
            console.error(`not rebuilt: ${stopped.name} stopped at position ${stopped.position}: ${stopped.error}`);
            process.exitCode = 1;
          }
        },
        // Dropping tables under a running server's feet would break it: one process keeps the read models.
        // Nor does it run the process managers: their catch-up over the whole log (a new read-model file)
        // is the next server's, in the background, not a wait of the rebuild's.
        // Rebuilding every read model, the engine's start does not replay them first (on a new read-model
        // file that replay was a whole second pass over the log): it starts in the background, and the
        // rebuild cuts that replay short after its first page. With --only, the others catch up first.
        {
          command: 'projections rebuild',
          whileServerRuns: 'refuse',
          refusal: 'stop the server first, then rebuild',
          processManagers: false,
          startInBackground: options.only === undefined,
        },
      );
    });
}
