import { join } from 'node:path';
import type { EngineConfig } from '../config/engine-config';
import { FilesystemOriginalsStore, ORIGINALS_DIRECTORY } from './filesystem-originals-store';
import { MemoryOriginalsStore } from './memory-originals-store';
import type { OriginalsStore } from './originals-store';

/** Where a setup keeps originals: <data dir>/originals for SQLite and KurrentDB alike; in memory beside the memory store. */
export function originalsStoreFor(config: Pick<EngineConfig, 'eventStore' | 'dataDir'>): OriginalsStore {
  return config.eventStore === 'memory'
    ? new MemoryOriginalsStore()
    : new FilesystemOriginalsStore(join(config.dataDir, ORIGINALS_DIRECTORY));
}
