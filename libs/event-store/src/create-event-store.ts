import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EventStore } from './event-store.port';
import { MemoryEventStore } from './memory/memory-event-store';
import { SqliteEventStore } from './sqlite/sqlite-event-store';

export interface EventStoreConfig {
  kind: 'memory' | 'sqlite' | 'kurrentdb';
  /** sqlite only: the log lives in `<dataDir>/events.sqlite`; created when missing. Default ./data. */
  dataDir?: string;
  /** kurrentdb only: defaults to KURRENTDB_CONNECTION_STRING. */
  connectionString?: string;
}

export const SQLITE_FILE_NAME = 'events.sqlite';

/** The one place that turns configuration (DD_EVENT_STORE and friends) into an adapter. */
export function createEventStore(config: EventStoreConfig): EventStore {
  switch (config.kind) {
    case 'memory':
      return new MemoryEventStore();
    case 'sqlite': {
      const dataDir = config.dataDir ?? './data';
      mkdirSync(dataDir, { recursive: true });
      return new SqliteEventStore(join(dataDir, SQLITE_FILE_NAME));
    }
    case 'kurrentdb': {
      const connectionString = config.connectionString ?? process.env.KURRENTDB_CONNECTION_STRING;
      if (!connectionString) {
        throw new Error('the kurrentdb event store needs a connection string (KURRENTDB_CONNECTION_STRING)');
      }
      // Loaded on demand: the gRPC client weighs ~18 MB of memory that the embedded store never needs.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { KurrentDbEventStore } = require('./kurrentdb/kurrentdb-event-store') as typeof import('./kurrentdb/kurrentdb-event-store');
      return new KurrentDbEventStore(connectionString);
    }
    default: {
      const unknownKind: never = config.kind;
      throw new Error(`unknown event store kind: ${String(unknownKind)}`);
    }
  }
}
