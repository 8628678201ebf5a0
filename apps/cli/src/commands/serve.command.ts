import type { Command } from 'commander';
import { engineConfigFromEnv } from '@dd/engine';
import { startApi } from '../../../api/src/bootstrap';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('start the HTTP API (DD_EVENT_STORE, DD_DATA_DIR, PORT, DD_API_KEYS from the environment)')
    .action(async () => {
      await startApi(engineConfigFromEnv());
    });
}
