import 'reflect-metadata';
import { ReadModelsUnavailable } from '@dd/projections';
import { CliRefusal } from './engine-context';
import { createProgram } from './program';

createProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    // Refused or unavailable for now: the operator can do something about it (exit 1); anything else is a crash (exit 2).
    if (error instanceof CliRefusal || error instanceof ReadModelsUnavailable) {
      console.error(error.message);
      process.exit(1);
    }
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  });
