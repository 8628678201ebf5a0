import { engineConfigFromEnv } from '@dd/engine/as-of';
import { createEventStore, type EventStore } from '@dd/event-store';

/** The data directory's event store alone (no read side, no engine), closed when `work` ends. */
export async function withStore<T>(work: (store: EventStore) => Promise<T>): Promise<T> {
  const config = engineConfigFromEnv();
  const store = createEventStore({ kind: config.eventStore, dataDir: config.dataDir, connectionString: config.kurrentConnectionString });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
