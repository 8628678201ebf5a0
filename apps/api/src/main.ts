import { engineConfigFromEnv } from '@dd/engine';
import { startApi } from './bootstrap';

startApi(engineConfigFromEnv()).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
