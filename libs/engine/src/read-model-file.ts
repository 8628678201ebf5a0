import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineConfig } from './config/engine-config';

/** Read models live in a local SQLite file beside the events (or in memory with the memory store). */
export function readModelFile(config: EngineConfig): string {
  if (config.eventStore === 'memory') return ':memory:';
  mkdirSync(config.dataDir, { recursive: true });
  return join(config.dataDir, config.eventStore === 'kurrentdb' ? 'read-models-kurrentdb.sqlite' : 'read-models.sqlite');
}
