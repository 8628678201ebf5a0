import type { Command } from 'commander';
import { engineConfigFromEnv } from '@dd/engine';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('start the HTTP API (DD_EVENT_STORE, DD_DATA_DIR, PORT, DD_API_KEYS from the environment)')
    .action(async () => {
      // The HTTP stack is loaded only by the command that serves it, not by every CLI command.
      const { startApi } = await import('../../../api/src/bootstrap');
      await startApi(engineConfigFromEnv());
    });
}
