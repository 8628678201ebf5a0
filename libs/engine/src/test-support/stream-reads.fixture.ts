import type { INestApplicationContext } from '@nestjs/common';
import type { EventStore } from '@dd/event-store';
import { EVENT_STORE } from '../tokens';

/**
 * Counts the events the engine reads from streams (readStream), through a pass-through wrapper on
 * the engine's own store: what a command folds is what it costs before its append. Returns a
 * function that runs some work and answers how many events were read meanwhile.
 */
export function countStreamReads(engine: INestApplicationContext): (work: () => Promise<unknown>) => Promise<number> {
  const store = engine.get<EventStore>(EVENT_STORE);
  const readStream = store.readStream.bind(store);
  let read = 0;
  store.readStream = async (streamId, options) => {
    const events = await readStream(streamId, options);
    read += events.length;
    return events;
  };
  return async (work) => {
    const before = read;
    await work();
    return read - before;
  };
}
